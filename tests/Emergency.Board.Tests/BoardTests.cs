using System.Text.RegularExpressions;
using Emergency.Board.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Emergency.Board.Tests;

/// <summary>
/// The command board in headless Chromium against a real engine: what a duty commander and an observer see
/// and can do, live, across deadlines and a lost connection.
/// </summary>
[Collection(BoardCollection.Name)]
public sealed partial class BoardTests(BoardFixture fixture)
{
    private static readonly string[] FirstMoment = ["report", "reachScene", "startMonitoring", "organiseInvestigation", "releaseInformation"];

    [Fact]
    public async Task An_incident_registered_through_the_API_appears_live_with_its_five_obligations()
    {
        await using var board = await fixture.OpenBoard();
        await board.SignIn(Tokens.Commander);
        await board.ExpectLive();
        await Expect(board.Page.GetByTestId("user-name")).ToHaveTextAsync("duty.zhang");
        await Expect(board.Page.GetByTestId("user-role")).ToHaveTextAsync("值班指挥 Duty commander");

        var region = BoardFixture.NewRegion("Changzhi");
        var id = await fixture.Commander.Register("Aniline spill into the Zhuozhang river", region, fixture.Now, Facts.LevelII());

        var card = board.Incident(id);
        await Expect(card).ToBeVisibleAsync();
        await Expect(card.GetByTestId("level")).ToHaveTextAsync("II");
        await Expect(card).ToContainTextAsync("重大 Major");
        await Expect(card.GetByTestId("region")).ToHaveTextAsync(region);
        foreach (var obligation in FirstMoment)
        {
            await Expect(board.Obligation(id, obligation)).ToHaveAttributeAsync("data-state", new Regex("^(pending|soon)$"));
        }

        // Level II: on scene within 1 h of discovery, counted down against the engine's clock.
        await Expect(board.Obligation(id, "reachScene").GetByTestId("obligation-clock")).ToHaveTextAsync(HourCountdown());
        await Expect(board.Obligation(id, "reachScene")).ToContainTextAsync("赶赴现场 Reach scene");
        await Expect(card.GetByTestId("report-deadlines")).ToContainTextAsync("报告时限 Report deadlines");
        await board.Screenshot("board-live-commander");

        // A laptop gets the same board, smaller; below 960 px the lanes stack.
        await board.Page.SetViewportSizeAsync(1280, 800);
        await Expect(card).ToBeVisibleAsync();
        await board.Screenshot("board-laptop");

        // Reloading the tab keeps the sign-in (session storage) and comes back live.
        await board.Page.ReloadAsync();
        await board.ExpectLive();
        await Expect(board.Page.GetByTestId("user-name")).ToHaveTextAsync("duty.zhang");
        await Expect(card).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_commander_completes_an_obligation_with_the_boards_own_button()
    {
        await using var board = await fixture.OpenBoard();
        await board.SignIn(Tokens.Commander);
        await board.ExpectLive();
        var id = await fixture.Commander.Register("Sulphuric acid tanker overturned", BoardFixture.NewRegion("Anyang"), fixture.Now, Facts.LevelIV());

        await board.OpenDetail(id);
        await board.Detail.Locator("[data-action='complete'][data-obligation='reachScene']").ClickAsync();
        await board.Detail.GetByPlaceholder("备注 Note (optional)").FillAsync("team on site");
        await board.Detail.Locator("[data-action='confirm-complete'][data-obligation='reachScene']").ClickAsync();

        await Expect(board.Detail.GetByTestId("detail-done")).ToBeVisibleAsync();
        await Expect(board.DetailObligation("reachScene")).ToHaveAttributeAsync("data-status", "completed");
        await Expect(board.Detail.GetByTestId("timeline")).ToContainTextAsync("赶赴现场已按时完成");
        await Expect(board.Detail.GetByTestId("timeline")).ToContainTextAsync("team on site");
        await board.Screenshot("detail-commander", fullPage: false);
        await board.CloseDetail();

        // The card follows through the live feed.
        await Expect(board.Obligation(id, "reachScene")).ToHaveAttributeAsync("data-state", "completed");
        await Expect(board.Obligation(id, "reachScene").GetByTestId("obligation-clock")).ToHaveTextAsync(new Regex("^✓ "));
    }

    [Fact]
    public async Task A_false_release_shows_in_the_alerts_and_the_detail_and_the_neighbour_notice_is_completed_with_who_was_told()
    {
        await using var board = await fixture.OpenBoard();
        await board.SignIn(Tokens.Commander);
        await board.ExpectLive();
        var id = await fixture.Commander.Register("Cadmium in the Longjiang", BoardFixture.NewRegion("Hechi"), fixture.Now, Facts.LevelII());
        await fixture.Commander.PublishRelease(id);
        await fixture.Commander.Correct(id, "falsified", "releaseInformation", "78 μg/L", "118–200 μg/L measured");

        await board.OpenAlertHistory();
        await Expect(board.AlertHistory(id, "correctionRecorded")).ToBeVisibleAsync();
        await Expect(board.Obligation(id, "notifyNeighbours")).ToContainTextAsync("通报相邻区域 Notify neighbours");
        await board.OpenDetail(id);
        var correction = board.Detail.GetByTestId("correction");
        await Expect(correction).ToHaveAttributeAsync("data-kind", "falsified");
        await Expect(correction).ToContainTextAsync("谎报 Falsified report");
        await Expect(correction.GetByTestId("declared")).ToHaveTextAsync("78 μg/L");
        await Expect(correction.GetByTestId("actual")).ToHaveTextAsync("118–200 μg/L measured");
        await Expect(board.DetailObligation("releaseInformation")).ToHaveAttributeAsync("data-status", "pending");
        await Expect(board.DetailObligation("releaseInformation").GetByTestId("shown-false")).ToContainTextAsync("shown untrue");

        await board.Detail.Locator("[data-action='complete'][data-obligation='notifyNeighbours']").ClickAsync();
        await board.Detail.GetByPlaceholder("通报对象 Who was notified").FillAsync("Liuzhou environmental protection bureau");
        await board.Detail.Locator("[data-action='confirm-complete'][data-obligation='notifyNeighbours']").ClickAsync();

        await Expect(board.DetailObligation("notifyNeighbours")).ToHaveAttributeAsync("data-status", "completed");
        await Expect(board.DetailObligation("notifyNeighbours")).ToContainTextAsync("notified: Liuzhou environmental protection bureau");
        await board.Screenshot("detail-correction", fullPage: false);
    }

    [Fact]
    public async Task A_commander_files_a_follow_up_and_a_final_report_and_closes_from_the_board()
    {
        await using var board = await fixture.OpenBoard();
        await board.SignIn(Tokens.Commander);
        await board.ExpectLive();
        var id = await fixture.Commander.Register("Cyanide leak at a gold mine", BoardFixture.NewRegion("Luoyang"), fixture.Now, Facts.LevelIV());
        await fixture.Commander.Report(id, "initial");
        foreach (var step in FirstMoment.Skip(1).SkipLast(1))
        {
            await fixture.Commander.Complete(id, step);
        }

        await fixture.Commander.PublishRelease(id);

        await board.OpenDetail(id);
        await FileReport(board, "followUp", "Downstream intake closed at 11:00; monitoring every 2 h.");
        await Expect(board.Detail.Locator("li[data-testid='report'][data-kind='followUp']")).ToHaveCountAsync(1);

        await FileReport(board, "final", "Losses 3.2 m CNY; no casualties; the firm is under investigation.");
        await Expect(board.Detail.Locator("li[data-testid='report'][data-kind='final']")).ToHaveCountAsync(1);

        await board.Detail.Locator("[data-action='close']").ClickAsync();
        await board.Detail.Locator("[data-action='confirm-close']").ClickAsync();
        await Expect(board.Detail.GetByTestId("detail-done")).ToContainTextAsync("结案 Closed");
        await Expect(board.Detail).ToContainTextAsync("已结案 Closed");

        // A closed incident leaves the board.
        await Expect(board.Incident(id)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_deadline_that_passes_on_the_engines_clock_raises_an_overdue_alert()
    {
        await using var board = await fixture.OpenBoard();
        await board.SignIn(Tokens.Commander);
        await board.ExpectLive();
        var region = BoardFixture.NewRegion("Handan");
        var late = await fixture.Commander.Register("Aniline at the Handan water intake", region, fixture.Now, Facts.LevelII());
        await Expect(board.Incident(late)).ToBeVisibleAsync();

        // Level II: on scene within 1 h. The engine's clock moves on; the board hears of it from the engine: a push,
        // or, when the jump outran the feed's subscription lifetime, a resync at the relay's next renewal (5 s).
        fixture.Clock.Advance(TimeSpan.FromMinutes(61));

        // Reach the scene and the notice to the neighbouring province are both due within 1 h.
        await Expect(board.Alerts(late, "obligationOverdue")).ToHaveCountAsync(2, new() { Timeout = 20_000 });
        var scene = board.Alert(late, "reachScene");
        await Expect(scene).ToHaveAttributeAsync("data-kind", "obligationOverdue");
        await Expect(scene).ToContainTextAsync("超时 Overdue");
        await Expect(scene).ToContainTextAsync("赶赴现场 Reach scene");
        await Expect(board.Obligation(late, "reachScene")).ToHaveAttributeAsync("data-state", "overdue");
        await Expect(board.Obligation(late, "reachScene").GetByTestId("obligation-clock")).ToHaveTextAsync(new Regex(@"^超时 overdue by 0:0[0-2]:\d\d$"));
        await Expect(board.Incident(late)).ToHaveClassAsync(new Regex(@"\boverdue\b"));

        // Overdue only: the late incident stays, a fresh one in the same region goes.
        var fresh = await fixture.Commander.Register("Oil sheen on the Wei river", region, fixture.Now, Facts.LevelIV());
        await Expect(board.Incident(fresh)).ToBeVisibleAsync();
        await Expect(board.Obligation(fresh, "reachScene").GetByTestId("obligation-clock")).ToHaveTextAsync(new Regex(@"^(1:5\d|2:00):\d\d$"));
        await board.Page.GetByTestId("filter-region").SelectOptionAsync(region);
        await board.Page.GetByTestId("filter-overdue").CheckAsync();
        await Expect(board.Incident(late)).ToBeVisibleAsync();
        await Expect(board.Incident(fresh)).ToHaveCountAsync(0);
        await board.Screenshot("overdue-alert");

        await board.Page.GetByTestId("filter-overdue").UncheckAsync();
        await board.Page.GetByTestId("filter-level").SelectOptionAsync("IV");
        await Expect(board.Incident(fresh)).ToBeVisibleAsync();
        await Expect(board.Incident(late)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_raised_level_shows_as_an_escalation_in_the_alerts_history()
    {
        await using var board = await fixture.OpenBoard();
        await board.SignIn(Tokens.Commander);
        await board.ExpectLive();
        var id = await fixture.Commander.Register("Benzene in the Zhang river", BoardFixture.NewRegion("Shexian"), fixture.Now, Facts.LevelIV());
        await Expect(board.Incident(id).GetByTestId("level")).ToHaveTextAsync("IV");

        await fixture.Commander.UpdateFacts(id, Facts.LevelII(), "the plume crossed into Henan");

        await Expect(board.Incident(id).GetByTestId("level")).ToHaveTextAsync("II");
        await board.OpenAlertHistory();
        await Expect(board.AlertHistory(id, "escalated")).ToHaveCountAsync(1);
        await Expect(board.AlertHistory(id, "escalated")).ToContainTextAsync("升级 Escalated");
        await Expect(board.AlertHistory(id, "escalated")).ToContainTextAsync("级别调整：一般（Ⅳ级） → 定为重大（Ⅱ级）");
    }

    [Fact]
    public async Task After_a_lost_connection_the_board_catches_up_with_what_changed_meanwhile()
    {
        await using var board = await fixture.OpenBoard();
        var connection = new CuttableConnection();
        await connection.Install(board.Page);
        await board.SignIn(Tokens.Commander);
        await board.ExpectLive();
        var changed = await fixture.Commander.Register("Xylene drums in the Fen river", BoardFixture.NewRegion("Linfen"), fixture.Now, Facts.LevelIV());
        await Expect(board.Incident(changed)).ToBeVisibleAsync();

        await connection.Cut();
        await Expect(board.Status).ToHaveAttributeAsync("data-state", "reconnecting");
        await Expect(board.Status).ToContainTextAsync(new Regex(@"重连中… · 数据截至 \d\d:\d\d:\d\d"));

        // Meanwhile, through the API: one incident changes, another is registered. No push can reach the board.
        await fixture.Commander.Complete(changed, "reachScene");
        var registered = await fixture.Commander.Register("Ammonia release at a fertiliser plant", BoardFixture.NewRegion("Jincheng"), fixture.Now, Facts.LevelII());
        await Expect(board.Obligation(changed, "reachScene")).ToHaveAttributeAsync("data-state", new Regex("^(pending|soon)$"));
        await Expect(board.Incident(registered)).ToHaveCountAsync(0);
        await board.Screenshot("reconnecting");

        connection.Restore();
        await Expect(board.Status).ToHaveAttributeAsync("data-state", "live", new() { Timeout = 20_000 });
        await Expect(board.Status).ToHaveTextAsync("实时");
        await Expect(board.Obligation(changed, "reachScene")).ToHaveAttributeAsync("data-state", "completed");
        await Expect(board.Incident(registered)).ToBeVisibleAsync();
        Assert.True(connection.Connections >= 2, $"the board should have connected again ({connection.Connections} connections)");
    }

    [Fact]
    public async Task An_observer_sees_the_board_and_the_detail_but_no_action_at_all()
    {
        var id = await fixture.Commander.Register("Dead fish below a paper mill", BoardFixture.NewRegion("Xinxiang"), fixture.Now, Facts.LevelIV());
        await fixture.Commander.Report(id, "initial");

        await using var board = await fixture.OpenBoard();
        await board.SignIn("not-a-token");
        await Expect(board.Page.GetByTestId("login-error")).ToHaveTextAsync("令牌无效 This token is not known");

        await board.SignIn(Tokens.Observer);
        await board.ExpectLive();
        await Expect(board.Page.GetByTestId("user-name")).ToHaveTextAsync("observer.chen");
        await Expect(board.Page.GetByTestId("user-role")).ToHaveTextAsync("观察员 Observer");
        await Expect(board.Incident(id)).ToBeVisibleAsync();

        await board.OpenDetail(id);
        await Expect(board.Detail.Locator("li[data-testid='report'][data-kind='initial']")).ToHaveCountAsync(1);
        await Expect(board.Actions).ToHaveCountAsync(0);
        await Expect(board.Page.Locator("form.report-form")).ToHaveCountAsync(0);
        // An alert is a button that opens its incident, and its text (the engine's, in Chinese) may well say "完成".
        await Expect(board.Page.Locator("button:not(.alert-open)").Filter(new() { HasTextRegex = ActionNames() })).ToHaveCountAsync(0);
        await board.Screenshot("detail-observer", fullPage: false);
        await board.CloseDetail();

        await board.Page.GetByTestId("logout").ClickAsync();
        await Expect(board.Page.GetByTestId("login-form")).ToBeVisibleAsync();
        await Expect(board.Incident(id)).ToHaveCountAsync(0);
        Assert.Null(await board.Page.EvaluateAsync<string?>("() => sessionStorage.getItem('emergency.board.token')"));
    }

    private static async Task FileReport(BoardPage board, string kind, string content)
    {
        var form = board.Detail.Locator("form.report-form");
        await form.Locator("select[name='kind']").SelectOptionAsync(kind);
        await form.Locator("select[name='medium']").SelectOptionAsync("written");
        await form.GetByLabel("签发人 Signed off by").FillAsync("Wang Min, deputy director");
        await form.GetByLabel("联系方式 Contact").FillAsync("0355-2021234");
        await form.GetByLabel("内容 Content").FillAsync(content);
        await form.Locator("[data-action='submit-report']").ClickAsync();
        await Expect(board.Detail.GetByTestId("detail-done")).ToBeVisibleAsync();
    }

    /// <summary>"1:00:00" or a few seconds less: the browser's clock runs on while the engine's fake clock stands still.</summary>
    [GeneratedRegex(@"^(1:00|0:5\d):\d\d$")]
    private static partial Regex HourCountdown();

    [GeneratedRegex("完成|Complete|报告 File|结案|Close incident|Confirm")]
    private static partial Regex ActionNames();
}
