using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Emergency.Board.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Emergency.Board.Tests;

/// <summary>The disputes lane: open complaints with their next limit, overdue ones marked, and early warnings, pushed live.</summary>
[Collection(BoardCollection.Name)]
public sealed partial class DisputeLaneTests(BoardFixture fixture)
{
    [Fact]
    public async Task Complaints_appear_live_with_their_countdown_or_overdue_and_five_raise_a_warning()
    {
        await using var board = await fixture.OpenBoard();
        await board.SignIn(Tokens.Observer);
        await board.ExpectLive();
        using var officer = fixture.Engine.Client("petition-dev-token");
        var enterprise = BoardFixture.NewRegion("Lane Coking");

        // Received 30 days ago: the 15-day acceptance limit has passed, even if its last day was moved past a week of
        // public holidays (the board's clock is the real date). Received now: 15 days to go.
        var late = await Register(officer, enterprise, fixture.Now.AddDays(-30));
        var fresh = await Register(officer, enterprise, fixture.Now);

        var lane = board.Page.GetByTestId("dispute-lane");
        var lateRow = lane.Locator($"li.dispute[data-dispute-id='{late}']");
        var freshRow = lane.Locator($"li.dispute[data-dispute-id='{fresh}']");
        await Expect(lateRow).ToHaveAttributeAsync("data-state", "overdue");
        await Expect(lateRow.GetByTestId("dispute-clock")).ToContainTextAsync("超时 overdue");
        await Expect(freshRow).ToHaveAttributeAsync("data-state", "pending");
        await Expect(freshRow.GetByTestId("dispute-clock")).ToHaveTextAsync(FifteenDayCountdown());
        await Expect(freshRow.GetByTestId("dispute-channel")).ToHaveTextAsync("12369");
        await Expect(freshRow.GetByTestId("dispute-subject")).ToHaveTextAsync(enterprise);
        await Expect(freshRow.GetByTestId("dispute-unit")).ToHaveTextAsync("Changzhi EPB petition office");
        await Expect(lane).Not.ToContainTextAsync("Li Hua");
        await Expect(lane.GetByTestId("supervision-overdue")).ToContainTextAsync("超时 Overdue");

        // Four more within the 7-day window (the late one is outside it): five about one enterprise raise a warning.
        for (var i = 0; i < 4; i++)
        {
            await Register(officer, enterprise, fixture.Now.AddHours(-i - 1));
        }

        await Expect(lane.GetByTestId("warnings").Locator("li.warning", new() { HasText = enterprise })).ToContainTextAsync("5 件投诉 complaints");
        await board.Screenshot("board-disputes-lane");

        // A reload shows the same from the snapshot alone.
        await board.Page.ReloadAsync();
        await board.ExpectLive();
        await Expect(lateRow).ToHaveAttributeAsync("data-state", "overdue");
        await Expect(lane.GetByTestId("warnings").Locator("li.warning", new() { HasText = enterprise })).ToBeVisibleAsync();
    }

    private static async Task<string> Register(HttpClient officer, string enterprise, DateTimeOffset receivedAt)
    {
        var body = new JsonObject
        {
            ["channel"] = "hotline12369",
            ["receivedBy"] = "department",
            ["receivedAt"] = receivedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["unit"] = "Changzhi EPB petition office",
            ["complainant"] = new JsonObject { ["name"] = "Li Hua" },
            ["subject"] = new JsonObject { ["enterprise"] = enterprise, ["region"] = "Changzhi" },
            ["content"] = "Black smoke at night.",
        };
        using var response = await officer.PostAsJsonAsync("/api/disputes", body, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonNode.Parse(text)!["id"]!.GetValue<string>();
    }

    /// <summary>
    /// About 15 days to go (the limit ends at 24:00 of its last day), or up to a week more when that last day is a rest
    /// day and moves to the next working day (the board's clock is the real date): "15 d hh:mm:ss".
    /// </summary>
    [GeneratedRegex(@"^(1[4-9]|2[0-3]) d \d{2}:\d{2}:\d{2}$")]
    private static partial Regex FifteenDayCountdown();
}
