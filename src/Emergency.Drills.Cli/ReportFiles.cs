using Emergency.Contracts;
using Emergency.Host.Drills;
using Emergency.Texts;

namespace Emergency.Drills.Cli;

/// <summary>A finished drill's report written out (report.json as the engine keeps it, report.html, chart.svg) and scored on the console.</summary>
internal static class ReportFiles
{
    /// <summary>The page is read in the duty room: Chinese, every moment in the deployment's usual zone.</summary>
    private static readonly TextRenderer Texts = new(TimeZoneInfo.FindSystemTimeZoneById(TextRenderer.DefaultZone));

    /// <returns>The exit code the result calls for.</returns>
    public static async Task<int> WriteAsync(string json, string outDirectory, Terminal terminal, CancellationToken cancellationToken)
    {
        var report = DrillReportJson.Deserialize(json);
        Directory.CreateDirectory(outDirectory);
        await File.WriteAllTextAsync(Path.Combine(outDirectory, "report.json"), json, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(outDirectory, "report.html"), DrillReportPage.Render(report, Texts, TextRenderer.Chinese), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(outDirectory, "chart.svg"), DrillTimelineChart.Render(report), cancellationToken);
        ScoreTable.Write(report, terminal.OutputConsole);
        await terminal.Output.WriteLineAsync($"report: {Path.Combine(outDirectory, "report.html")} (and report.json, chart.svg)");
        return report.Result.Passed ? DrillCli.AllMet : DrillCli.NotAllMet;
    }
}
