using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Emergency.Board.Tests.Infrastructure;
using Emergency.Testing;
using static Microsoft.Playwright.Assertions;

namespace Emergency.Board.Tests;

/// <summary>
/// A drill on the board, right: the pill never says live work, no literal "null" in the banner, the drill's clock never
/// moved by opening an incident, and the report of a finished drill linked from the board and readable by a player.
/// </summary>
[Collection(BoardCollection.Name)]
public sealed class DrillWorkTests(BoardFixture fixture)
{
    /// <summary>A drill 12 h before the engine's own clock, so that a clock taken from the engine would show it at once.</summary>
    private const string Scenario = """
        title: Night drill · 夜间演练
        region: Drilltown
        ruleSetDate: 2026-03-01
        start: 2026-03-01T20:00:00+08:00
        end: +6h
        injects:
          - at: +0
            kind: incidentReported
            incident: leak
            title: Phenol leak at the night shift (drill)
            source: patrol
            facts: {deaths: 0, poisoned: 0, evacuated: 0, directLossCny: 0, intakeInterruption: {scale: none}, crossBoundary: none, ecologicalImpact: none}
        expectations:
          - obligationOnTime: {incident: leak, obligation: reachScene}
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task On_a_drill_board_the_pill_is_the_drills_the_banner_has_no_null_and_opening_an_incident_keeps_the_drill_clock()
    {
        using var organiser = fixture.Engine.Client(Tokens.Organiser);
        var run = await Start(organiser, "paced", "speed=x1");
        try
        {
            using (var jumped = await organiser.PostAsync($"/api/drills/{run}/jump?to=%2B1m", null, Ct))
            {
                Assert.True(jumped.IsSuccessStatusCode, await jumped.Content.ReadAsStringAsync(Ct));
            }

            var leak = await Eventually.Until(
                async () => (string?)JsonNode.Parse(await organiser.GetStringAsync($"/api/drills/{run}", Ct))!["incidents"]?["leak"],
                id => id is not null,
                "the drill's leak reported");
            await using var board = await fixture.OpenBoard();
            await board.SignIn(Tokens.Commander, $"/?scope=drill-{run}");
            await board.ExpectLive();

            var banner = board.Page.GetByTestId("drill-banner");
            await Expect(banner.GetByTestId("drill-title")).ToHaveTextAsync("Night drill · 夜间演练");
            await Expect(board.Status).ToHaveTextAsync("演练 · 已连接（非实时工作）");
            Assert.Equal("rgb(245, 179, 1)", await board.Status.EvaluateAsync<string>("e => getComputedStyle(e).color"));
            Assert.DoesNotContain("null", await banner.TextContentAsync(), StringComparison.Ordinal);
            await Expect(banner.GetByTestId("drill-clock")).ToHaveTextAsync(new Regex(@"^2026/03/01 20:0\d:\d\d$"));

            // Opening the drill's incident reads it on the engine's clock, 12 h later: the drill's clock stays its own.
            await board.OpenDetail(leak!);
            var clock = banner.GetByTestId("drill-clock");
            for (var tick = 0; tick < 2; tick++)
            {
                // The next ticks of the clock, after the incident's view was read.
                await Expect(clock).Not.ToHaveTextAsync(await clock.TextContentAsync() ?? "");
                await Expect(clock).ToHaveTextAsync(new Regex(@"^2026/03/01 20:0\d:\d\d$"));
            }

            await board.Screenshot("drill-pill-and-clock", fullPage: false);
        }
        finally
        {
            await Purge(organiser, run);
        }
    }

    [Fact]
    public async Task The_report_of_a_finished_drill_is_linked_from_its_board_and_a_commander_who_played_reads_it()
    {
        using var organiser = fixture.Engine.Client(Tokens.Organiser);
        var run = await Start(organiser, "fast", "");
        try
        {
            await using var board = await fixture.OpenBoard();
            await board.SignIn(Tokens.Commander, $"/?scope=drill-{run}");
            await board.ExpectLive();
            var banner = board.Page.GetByTestId("drill-banner");
            await Expect(banner.GetByTestId("drill-phase")).ToHaveAttributeAsync("data-phase", "finished");
            var link = banner.GetByTestId("drill-report");
            await Expect(link).ToHaveAttributeAsync("href", $"/api/drills/{run}/report.html");
            await board.Screenshot("drill-report-link", fullPage: false);

            var report = await board.Page.RunAndWaitForPopupAsync(() => link.ClickAsync());
            await Expect(report.Locator("svg").First).ToBeVisibleAsync();
            await Expect(report.Locator("body")).ToContainTextAsync("Night drill");

            using var commander = fixture.Engine.Client(Tokens.Commander);
            using var json = await commander.GetAsync($"/api/drills/{run}/report", Ct);
            Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        }
        finally
        {
            await Purge(organiser, run);
        }
    }

    private static async Task<string> Start(HttpClient organiser, string mode, string query)
    {
        using var content = new StringContent(Scenario, Encoding.UTF8, "application/yaml");
        using var response = await organiser.PostAsync($"/api/drills?mode={mode}&file=night-drill.yaml{(query.Length > 0 ? "&" + query : "")}", content, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"expected 201, got {(int)response.StatusCode}: {text}");
        return (string)JsonNode.Parse(text)!["run"]!;
    }

    private static async Task Purge(HttpClient organiser, string run)
    {
        using var response = await organiser.DeleteAsync($"/api/drills/{run}", Ct);
        Assert.True(response.IsSuccessStatusCode, $"purge {run}: {(int)response.StatusCode}");
    }
}
