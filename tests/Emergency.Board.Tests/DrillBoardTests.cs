using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Emergency.Board.Tests.Infrastructure;
using Emergency.Testing;
using static Microsoft.Playwright.Assertions;

namespace Emergency.Board.Tests;

/// <summary>
/// A paced drill on the board: its scope under the drill marker, an organiser steering it by hand from the board,
/// the live board without it, and an observer who sees the drill but cannot steer it.
/// </summary>
[Collection(BoardCollection.Name)]
public sealed partial class DrillBoardTests(BoardFixture fixture)
{
    /// <summary>A small paced scenario: one spill at +0 and a message to the players; it runs for a day.</summary>
    private const string Scenario = """
        title: Board drill · 看板演练
        region: Drilltown
        ruleSetDate: 2026-03-02
        start: 2026-03-02T08:00:00+08:00
        end: +1d
        injects:
          - at: +0
            kind: incidentReported
            incident: spill
            title: Benzene tanker in the river (drill)
            source: patrol
            facts: {deaths: 0, poisoned: 0, evacuated: 0, directLossCny: 0, intakeInterruption: {scale: none}, crossBoundary: crossProvince, ecologicalImpact: none}
          - at: +0
            kind: message
            text: The exercise begins · 演练开始
        expectations:
          - obligationOnTime: {incident: spill, obligation: reachScene}
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_organiser_watches_a_paced_drill_under_its_marker_and_injects_by_hand_from_the_board()
    {
        using var organiser = fixture.Engine.Client(Tokens.Organiser);
        var (run, spill) = await StartDrill(organiser);
        try
        {
            await using var board = await fixture.OpenBoard();
            await board.SignIn(Tokens.Organiser, $"/?scope=drill-{run}");
            await board.ExpectLive();

            // The marker: striped, with the drill's title, phase and virtual clock.
            var banner = board.Page.GetByTestId("drill-banner");
            await Expect(banner).ToBeVisibleAsync();
            await Expect(banner.GetByTestId("drill-mark")).ToHaveTextAsync("演练 DRILL");
            await Expect(banner.GetByTestId("drill-title")).ToHaveTextAsync("Board drill · 看板演练");
            await Expect(banner.GetByTestId("drill-phase")).ToHaveAttributeAsync("data-phase", "running");
            await Expect(banner.GetByTestId("drill-clock")).ToHaveTextAsync(new Regex(@"^2026/03/02 08:0\d:\d\d$"));
            await Expect(banner.GetByTestId("drill-messages")).ToContainTextAsync("The exercise begins · 演练开始");
            await Expect(board.Page.GetByTestId("scope-input")).ToHaveValueAsync($"drill-{run}");

            // The drill's incident, marked as a drill's.
            var card = board.Incident(spill);
            await Expect(card).ToBeVisibleAsync();
            await Expect(card.GetByTestId("drill-tag")).ToHaveTextAsync("演练 DRILL");
            await Expect(card.GetByTestId("title")).ToHaveTextAsync("Benzene tanker in the river (drill)");
            await Expect(board.Obligation(spill, "reachScene")).ToHaveAttributeAsync("data-state", new Regex("^(pending|soon)$"));

            // An inject the procedure refuses: its problem details show on the board.
            var controls = board.Page.GetByTestId("drill-controls");
            await Expect(controls).ToBeVisibleAsync();
            await controls.GetByTestId("inject-kind").SelectOptionAsync("obligationCompleted");
            await controls.GetByTestId("inject-incident").SelectOptionAsync("spill");
            await controls.GetByTestId("inject-obligation").SelectOptionAsync("startMonitoring");
            await controls.GetByTestId("inject-send").ClickAsync();
            await Expect(controls.GetByTestId("drill-error")).ToContainTextAsync("人员到达现场前");
            await Expect(board.Obligation(spill, "startMonitoring")).ToHaveAttributeAsync("data-state", new Regex("^(pending|soon)$"));

            // By hand from the board: the team reaches the scene, and the card follows.
            await controls.GetByTestId("inject-obligation").SelectOptionAsync("reachScene");
            await controls.GetByTestId("inject-text").FillAsync("drill team on site");
            await controls.GetByTestId("inject-send").ClickAsync();
            await Expect(controls.GetByTestId("drill-done")).ToContainTextAsync("完成步骤 Complete a step ✓");
            await Expect(board.Obligation(spill, "reachScene")).ToHaveAttributeAsync("data-state", "completed");

            // Pause and resume the drill's clock.
            await controls.GetByTestId("drill-pause").ClickAsync();
            await Expect(banner.GetByTestId("drill-phase")).ToHaveAttributeAsync("data-phase", "paused");
            await Expect(controls.GetByTestId("drill-pause")).ToBeDisabledAsync();
            await controls.GetByTestId("drill-resume").ClickAsync();
            await Expect(banner.GetByTestId("drill-phase")).ToHaveAttributeAsync("data-phase", "running");

            // A message to the players reaches the banner.
            await controls.GetByTestId("inject-kind").SelectOptionAsync("message");
            await controls.GetByTestId("inject-text").FillAsync("Downstream intake closed · 下游取水口已关闭");
            await controls.GetByTestId("inject-send").ClickAsync();
            await Expect(banner.GetByTestId("drill-messages")).ToContainTextAsync("Downstream intake closed · 下游取水口已关闭");

            await board.Screenshot("drill-board", fullPage: false);

            // The live board, from the same top bar: no drill incident, no marker.
            await board.Page.GetByTestId("scope-live").ClickAsync();
            await board.ExpectLive();
            await Expect(banner).ToBeHiddenAsync();
            await Expect(controls).ToBeHiddenAsync();
            await Expect(board.Page.Locator("article.incident.drill")).ToHaveCountAsync(0);
            await Expect(board.Incident(spill)).ToHaveCountAsync(0);
            await Expect(board.Page).ToHaveURLAsync(new Regex(@"/$"));
        }
        finally
        {
            await Purge(organiser, run);
        }
    }

    [Fact]
    public async Task The_live_board_never_shows_a_drills_incident()
    {
        using var organiser = fixture.Engine.Client(Tokens.Organiser);
        var (run, spill) = await StartDrill(organiser);
        try
        {
            await using var board = await fixture.OpenBoard();
            await board.SignIn(Tokens.Commander);
            await board.ExpectLive();
            var live = await fixture.Commander.Register("Live spill beside a drill", BoardFixture.NewRegion("Xinxiang"), fixture.Now, Facts.LevelIV());
            await Expect(board.Incident(live)).ToBeVisibleAsync();
            await Expect(board.Incident(spill)).ToHaveCountAsync(0);
            await Expect(board.Page.GetByTestId("drill-banner")).ToBeHiddenAsync();
            await Expect(board.Page.GetByTestId("drill-tag")).ToHaveCountAsync(0);
        }
        finally
        {
            await Purge(organiser, run);
        }
    }

    [Fact]
    public async Task An_observer_on_a_drill_board_sees_the_marker_but_no_controls()
    {
        using var organiser = fixture.Engine.Client(Tokens.Organiser);
        var (run, spill) = await StartDrill(organiser);
        try
        {
            await using var board = await fixture.OpenBoard();
            await board.SignIn(Tokens.Observer);
            await board.ExpectLive();

            // The scope field in the top bar takes a run id.
            await board.Page.GetByTestId("scope-input").FillAsync(run);
            await board.Page.GetByTestId("scope-show").ClickAsync();
            await Expect(board.Page).ToHaveURLAsync(new Regex($@"\?scope=drill-{run}$"));
            await board.ExpectLive();
            await Expect(board.Page.GetByTestId("drill-banner")).ToBeVisibleAsync();
            await Expect(board.Page.GetByTestId("drill-phase")).ToHaveAttributeAsync("data-phase", "running");
            await Expect(board.Incident(spill).GetByTestId("drill-tag")).ToBeVisibleAsync();

            await Expect(board.Page.GetByTestId("drill-controls")).ToBeHiddenAsync();
            await Expect(board.Actions).ToHaveCountAsync(0);
            await board.OpenDetail(spill);
            await Expect(board.Actions).ToHaveCountAsync(0);
            await board.Screenshot("drill-detail-observer", fullPage: false);
            await board.CloseDetail();

            // The engine refuses an observer anyway.
            using var observer = fixture.Engine.Client(Tokens.Observer);
            using var refused = await observer.PostAsync($"/api/drills/{run}/pause", null, Ct);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
        finally
        {
            await Purge(organiser, run);
        }
    }

    /// <summary>Starts the scenario paced at x1 through the API; returns the run and the spill's incident id.</summary>
    private static async Task<(string Run, string Spill)> StartDrill(HttpClient organiser)
    {
        using var content = new StringContent(Scenario, Encoding.UTF8, "application/yaml");
        using var response = await organiser.PostAsync("/api/drills?mode=paced&speed=x1&file=board-drill.yaml", content, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"expected 201, got {(int)response.StatusCode}: {text}");
        var run = (string)JsonNode.Parse(text)!["run"]!;

        // The test engine's clock stands still: the organiser moves the drill's clock on to +1m, which applies the +0 injects.
        using var jumped = await organiser.PostAsync($"/api/drills/{run}/jump?to=%2B1m", null, Ct);
        Assert.True(jumped.IsSuccessStatusCode, $"jump: {(int)jumped.StatusCode} {await jumped.Content.ReadAsStringAsync(Ct)}");

        // The drill's status names its incidents with their ids (the board's inject form uses those names).
        var spill = await Eventually.Until(
            async () => (string?)JsonNode.Parse(await organiser.GetStringAsync($"/api/drills/{run}", Ct))!["incidents"]?["spill"],
            id => id is not null,
            "the drill's spill reported");
        return (run, spill!);
    }

    private static async Task Purge(HttpClient organiser, string run)
    {
        using var response = await organiser.DeleteAsync($"/api/drills/{run}", Ct);
        Assert.True(response.IsSuccessStatusCode, $"purge {run}: {(int)response.StatusCode}");
    }
}
