using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Emergency.Board.Tests.Infrastructure;
using Emergency.Testing;
using Microsoft.Playwright;
using static Emergency.Board.Tests.Infrastructure.EngineApi;
using static Microsoft.Playwright.Assertions;

namespace Emergency.Board.Tests;

/// <summary>
/// The disputes lane: open complaints with their next limit, overdue ones marked, and early warnings, pushed live, by
/// the version rule: a closed petition stays gone, and a missed push is made good by the snapshot.
/// </summary>
[Collection(BoardCollection.Name)]
public sealed partial class DisputeLaneTests(BoardFixture fixture)
{
    [Fact]
    public async Task Complaints_appear_live_with_their_countdown_or_overdue_and_five_raise_a_warning()
    {
        await using var board = await fixture.OpenBoard();
        await board.SignIn(Tokens.Observer);
        await board.ExpectLive();
        using var officer = fixture.Engine.Client(Tokens.PetitionOfficer);
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

    [Fact]
    public async Task A_closed_petition_stays_gone_when_an_earlier_push_of_it_arrives_late()
    {
        await using var board = await fixture.OpenBoard();
        var pushes = await LiveWithHeldPushes(board);
        using var officer = fixture.Engine.Client(Tokens.PetitionOfficer);
        var enterprise = BoardFixture.NewRegion("Late Push Paper");
        var registered = await Registered(officer, enterprise, fixture.Now);
        var id = registered.Str("id");
        var row = Row(board, id);
        await Expect(row).ToHaveAttributeAsync("data-state", "pending");

        // The transfer's push is held on its way; the close's arrives first.
        var transfer = registered["version"]!.GetValue<long>() + 1;
        pushes.Hold(change => SummaryOf(change, id) is { } summary && summary.GetProperty("version").GetInt64() == transfer);
        await Post(officer, $"/api/disputes/{id}/acceptance", new JsonObject
        {
            ["outcome"] = "transferredOut", ["transferredTo"] = "Changzhi city management bureau", ["reason"] = "Street noise.",
        });
        await Post(officer, $"/api/disputes/{id}/close", new JsonObject());
        await Expect(row).ToHaveCountAsync(0);
        await Eventually.Until(() => Task.FromResult(pushes.Count), n => n == 1, "the transfer's push to be held");

        // Now the transfer's push arrives, late; a petition registered after it arrives after it.
        pushes.Release();
        var next = await Register(officer, enterprise, fixture.Now);
        await Expect(Row(board, next)).ToBeVisibleAsync();
        await Expect(row).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_missed_push_of_a_petition_makes_the_board_reload_what_it_missed()
    {
        await using var board = await fixture.OpenBoard();
        var pushes = await LiveWithHeldPushes(board);
        using var officer = fixture.Engine.Client(Tokens.PetitionOfficer);
        var enterprise = BoardFixture.NewRegion("Lost Push Cement");
        var first = await Register(officer, enterprise, fixture.Now);
        var firstRow = Row(board, first);
        await Expect(firstRow).ToBeVisibleAsync();

        // The pushes of this enterprise's petitions are lost for a while: the first one's acceptance, and a second one.
        pushes.Hold(change => change.GetProperty("kind").GetString() == "dispute"
            && change.GetProperty("summary").GetProperty("subject").GetProperty("enterprise").GetString() == enterprise);
        await Post(officer, $"/api/disputes/{first}/acceptance", new JsonObject { ["outcome"] = "accepted" });
        var second = await Register(officer, enterprise, fixture.Now);
        await Eventually.Until(() => Task.FromResult(pushes.Count), n => n == 2, "two pushes to be lost");
        pushes.Drop();
        await Expect(firstRow).ToContainTextAsync("登记 Registered");
        await Expect(Row(board, second)).ToHaveCountAsync(0);

        // The first one's next change is two versions on: the board reloads its snapshot, which has the second one.
        await Post(officer, $"/api/disputes/{first}/assign", new JsonObject
        {
            ["leader"] = "Deputy director Wang",
            ["unit"] = "Pollution control section",
            ["requirement"] = "Inspect the night-time emissions",
            ["deadline"] = fixture.Now.AddDays(20).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        });
        await Expect(firstRow).ToContainTextAsync("交办 Assigned");
        await Expect(Row(board, second)).ToBeVisibleAsync();
    }

    /// <summary>Signs the board in as an observer, with a path for its pushes that the test can hold back, and waits until it is live.</summary>
    private static async Task<HeldPushes> LiveWithHeldPushes(BoardPage board)
    {
        var pushes = new HeldPushes();
        await pushes.Install(board.Page);
        await board.SignIn(Tokens.Observer);
        await board.ExpectLive();
        return pushes;
    }

    private static ILocator Row(BoardPage board, string id) => board.Page.Locator($"[data-testid='dispute-lane'] li.dispute[data-dispute-id='{id}']");

    /// <summary>The summary a pushed change carries, when it is of the petition <paramref name="id"/>.</summary>
    private static JsonElement? SummaryOf(JsonElement change, string id) =>
        change.GetProperty("kind").GetString() == "dispute" && change.GetProperty("summary").GetProperty("id").GetString() == id
            ? change.GetProperty("summary")
            : null;

    [Fact]
    public async Task A_commander_escalates_a_warning_into_an_incident_from_the_lane()
    {
        using var officer = fixture.Engine.Client(Tokens.PetitionOfficer);
        var enterprise = BoardFixture.NewRegion("Escalate Smelter");
        for (var i = 0; i < 5; i++)
        {
            await Register(officer, enterprise, fixture.Now.AddHours(-i - 1));
        }

        await using var board = await fixture.OpenBoard();
        await board.SignIn(Tokens.Commander);
        await board.ExpectLive();
        var warning = board.Page.GetByTestId("warnings").Locator("li.warning", new() { HasText = enterprise });
        await Expect(warning).ToContainTextAsync("5 件投诉 complaints");

        await warning.Locator("[data-action='escalate-warning']").ClickAsync();
        await warning.Locator("[data-action='confirm-escalate']").ClickAsync();

        // The result shows beside the warning, which is marked escalated; the incident is on the board.
        await Expect(warning.GetByTestId("escalate-result")).ToContainTextAsync(new Regex("^已升级为事件 inc-"));
        await Expect(warning).ToHaveClassAsync(new Regex(@"\bescalated\b"));
        await Expect(warning.Locator("[data-action='escalate-warning']")).ToHaveCountAsync(0);
        var incident = (await warning.GetByTestId("escalate-result").TextContentAsync())!.Split(' ')[^1];
        await Expect(board.Incident(incident)).ToBeVisibleAsync();
        await board.Screenshot("warning-escalated");
    }

    private static async Task<string> Register(HttpClient officer, string enterprise, DateTimeOffset receivedAt) =>
        (await Registered(officer, enterprise, receivedAt)).Str("id");

    private static async Task<JsonNode> Registered(HttpClient officer, string enterprise, DateTimeOffset receivedAt)
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
        return await Post(officer, "/api/disputes", body, HttpStatusCode.Created);
    }

    /// <summary>
    /// About 15 days to go (the limit ends at 24:00 of its last day), or up to a week more when that last day is a rest
    /// day and moves to the next working day (the board's clock is the real date): "15 d hh:mm:ss".
    /// </summary>
    [GeneratedRegex(@"^(1[4-9]|2[0-3]) d \d{2}:\d{2}:\d{2}$")]
    private static partial Regex FifteenDayCountdown();
}
