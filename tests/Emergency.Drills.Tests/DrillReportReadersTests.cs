using System.Net;
using Emergency.Drills.Tests.Infrastructure;

namespace Emergency.Drills.Tests;

/// <summary>
/// A drill's report is read by those who played it: a duty commander who acted on its incidents, or an observer who
/// watched its board, reads the report, its page and its chart; steering the drill stays the organiser's.
/// </summary>
[Collection(DrillEngineCollection.Name)]
public sealed class DrillReportReadersTests(DrillEngine engine)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DrillEngine.CommanderToken)]
    [InlineData(DrillEngine.ObserverToken)]
    public async Task A_player_reads_the_report_its_page_and_its_chart_but_cannot_steer_the_drill(string token)
    {
        var (run, json) = await engine.RunFastAsync(Scenarios.Minimal());
        using var player = engine.Client(token);

        using var report = await player.GetAsync($"/api/drills/{run}/report", Cancel);
        using var page = await player.GetAsync($"/api/drills/{run}/report.html", Cancel);
        using var chart = await player.GetAsync($"/api/drills/{run}/chart.svg", Cancel);
        using var status = await player.GetAsync($"/api/drills/{run}", Cancel);
        using var purge = await player.DeleteAsync($"/api/drills/{run}", Cancel);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (report.StatusCode, page.StatusCode, chart.StatusCode));
        Assert.Equal(json, await report.Content.ReadAsStringAsync(Cancel));
        Assert.Contains("<svg", await page.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (status.StatusCode, purge.StatusCode));
    }
}
