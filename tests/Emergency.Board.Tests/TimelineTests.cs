using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Emergency.Board.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Emergency.Board.Tests;

/// <summary>An incident's timeline by when things happened, each line with its date, and when it was recorded if that was later.</summary>
[Collection(BoardCollection.Name)]
public sealed partial class TimelineTests(BoardFixture fixture)
{
    [Fact]
    public async Task The_timeline_is_in_the_order_things_happened_with_dates_and_when_each_was_recorded()
    {
        await using var board = await fixture.OpenBoard();
        await board.SignIn(Tokens.Commander);
        await board.ExpectLive();
        var discovered = fixture.Now.AddMinutes(-90);
        var id = await fixture.Commander.Register("Tailings in the Xiangjiang", BoardFixture.NewRegion("Hengyang"), discovered, Facts.LevelIV());

        // The team reached the scene 40 min after discovery; the duty room records it now, after the registration.
        using var http = fixture.Engine.Client(Tokens.Commander);
        await EngineApi.Post(http, $"/api/incidents/{id}/obligations/reachScene/complete", new JsonObject
        {
            ["at"] = discovered.AddMinutes(40).ToString("O", CultureInfo.InvariantCulture),
            ["note"] = "team on site",
        });

        await board.OpenDetail(id);
        var entries = board.Detail.GetByTestId("timeline-entry");
        await Expect(board.Detail.Locator("[data-testid='timeline-entry'][data-kind='obligationCompleted']")).ToHaveCountAsync(1);
        var kinds = await entries.EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.kind)");
        Assert.True(Array.IndexOf(kinds, "obligationCompleted") < Array.IndexOf(kinds, "registered"), string.Join(", ", kinds));
        var moments = await entries.EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.at)");
        Assert.Equal(moments.Select(Moment).Order(), moments.Select(Moment));

        // Every line says its date; the step done earlier than it was recorded says when it was recorded.
        var completed = board.Detail.Locator("[data-testid='timeline-entry'][data-kind='obligationCompleted']");
        await Expect(completed.Locator("time.entry-at")).ToHaveTextAsync(discovered.AddMinutes(40).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy/MM/dd HH:mm:ss", CultureInfo.InvariantCulture));
        await Expect(completed.GetByTestId("recorded-at")).ToContainTextAsync("记录于 ");
        foreach (var text in await entries.Locator("time.entry-at").AllTextContentsAsync())
        {
            Assert.Matches(FullMoment(), text);
        }

        await Expect(board.Detail.Locator("[data-testid='timeline-entry'][data-kind='registered'] [data-testid='recorded-at']")).ToHaveCountAsync(0);
        await board.Screenshot("timeline-by-when", fullPage: false);
    }

    private static DateTimeOffset Moment(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\d{4}/\d\d/\d\d \d\d:\d\d:\d\d$")]
    private static partial Regex FullMoment();
}
