using Emergency.Board.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Emergency.Board.Tests;

/// <summary>警报确认: an alert taken on from the alerts lane, who and when shown on it for every reader and kept in the timeline.</summary>
[Collection(BoardCollection.Name)]
public sealed class AlertAcknowledgeTests(BoardFixture fixture)
{
    [Fact]
    public async Task A_commander_acknowledges_an_overdue_alert_which_every_reader_sees_and_the_timeline_keeps()
    {
        await using var board = await fixture.OpenBoard();
        await board.SignIn(Tokens.Commander);
        await board.ExpectLive();
        await using var observer = await fixture.OpenBoard();
        await observer.SignIn(Tokens.Observer);
        await observer.ExpectLive();

        // Level IV found 2 h 10 min ago: on scene (2 h) overdue.
        var id = await fixture.Commander.Register("Benzene smell by the Hun river", BoardFixture.NewRegion("Fushun"), fixture.Now.AddMinutes(-130), Facts.LevelIV());
        var alert = board.Alert(id, "reachScene");
        await Expect(alert).ToHaveAttributeAsync("data-kind", "obligationOverdue");
        await Expect(observer.Alert(id, "reachScene")).ToBeVisibleAsync();
        await Expect(observer.Alert(id, "reachScene").Locator("[data-action]")).ToHaveCountAsync(0);

        await alert.Locator("[data-action='acknowledge-alert']").ClickAsync();
        await Expect(alert.GetByTestId("alert-acknowledged")).ToContainTextAsync("已确认 · duty.zhang");
        await Expect(alert.Locator("[data-action='acknowledge-alert']")).ToHaveCountAsync(0);
        await Expect(observer.Alert(id, "reachScene").GetByTestId("alert-acknowledged")).ToContainTextAsync("已确认 · duty.zhang");
        await board.Screenshot("alert-acknowledged", fullPage: false);

        // Still a current problem: acknowledged is not done.
        await Expect(alert).ToHaveAttributeAsync("data-status", "overdue");
        var incident = await fixture.Commander.Incident(id);
        var line = incident["timeline"]!.AsArray().Single(e => e!["kind"]!.GetValue<string>() == "alertAcknowledged")!;
        Assert.Equal("reachScene", line["ref"]!.GetValue<string>());
        Assert.Contains("duty.zhang", line["actor"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("acknowledgeAlert(reachScene)", incident["allowedMoves"]!.AsArray().Select(m => m!.GetValue<string>()));

        await board.OpenDetail(id);
        await Expect(board.Detail.Locator("li[data-kind='alertAcknowledged']")).ToContainTextAsync("警报已确认");
    }
}
