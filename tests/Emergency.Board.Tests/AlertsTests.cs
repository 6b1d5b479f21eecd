using Emergency.Board.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Emergency.Board.Tests;

/// <summary>
/// The alerts lane lists current problems, computed from the cases' obligations as they stand: what is overdue and
/// not done, and what falls due within the hour; overdue first, then the more serious level, then the deadline. A
/// step done, on time or late, leaves the lane for the history.
/// </summary>
[Collection(BoardCollection.Name)]
public sealed class AlertsTests(BoardFixture fixture)
{
    [Fact]
    public async Task The_alerts_are_the_steps_overdue_or_due_within_the_hour_by_severity_and_a_done_step_goes_to_the_history()
    {
        await using var board = await fixture.OpenBoard();
        await board.SignIn(Tokens.Commander);
        await board.ExpectLive();
        var region = BoardFixture.NewRegion("Baise");

        // Level IV found 2 h 10 min ago: on scene (2 h) overdue; the report (4 h) not due within the hour.
        var minor = await fixture.Commander.Register("Diesel on the You river", region, fixture.Now.AddMinutes(-130), Facts.LevelIV());

        // Level II found 70 min ago: on scene and the notice to the neighbours (1 h) overdue; the report and the
        // monitoring (2 h) due in 50 min.
        var major = await fixture.Commander.Register("Arsenic in the Youjiang reservoir", region, fixture.Now.AddMinutes(-70), Facts.LevelII());

        await board.Page.GetByTestId("filter-region").SelectOptionAsync(region);
        var lane = board.Page.Locator("#alerts li[data-testid='alert']");
        await Expect(lane).ToHaveCountAsync(5);
        var order = await lane.EvaluateAllAsync<string[]>("items => items.map(i => `${i.dataset.kind} ${i.dataset.incidentId} ${i.dataset.obligation}`)");
        Assert.Equal($"obligationOverdue {major}", string.Join(' ', order[0].Split(' ')[..2]));
        Assert.Equal($"obligationOverdue {major}", string.Join(' ', order[1].Split(' ')[..2]));
        Assert.Equal($"obligationOverdue {minor} reachScene", order[2]);
        Assert.Equal([$"dueSoon {major} report", $"dueSoon {major} startMonitoring"], order[3..].Order());
        await Expect(board.Alert(major, "report")).ToContainTextAsync("一小时内到期 Due within the hour");
        await board.Screenshot("alerts-current");

        // Done late: off the lane, into the history. Done on time (the report, 50 min before its deadline): the same.
        await fixture.Commander.Complete(major, "reachScene");
        await fixture.Commander.Report(major, "initial");
        await Expect(board.Alert(major, "reachScene")).ToHaveCountAsync(0);
        await Expect(board.Alert(major, "report")).ToHaveCountAsync(0);
        await Expect(lane).ToHaveCountAsync(3);

        var history = board.Page.GetByTestId("alert-history");
        await Expect(history).ToBeHiddenAsync();
        await board.OpenAlertHistory();
        await Expect(board.AlertHistory(major, "completedLate")).ToHaveAttributeAsync("data-obligation", "reachScene");
        await Expect(board.AlertHistory(major, "completedLate")).ToContainTextAsync("逾期完成 Done late");
        await Expect(board.AlertHistory(major, "completed")).ToHaveAttributeAsync("data-obligation", "report");
        await board.Screenshot("alerts-history");
    }
}
