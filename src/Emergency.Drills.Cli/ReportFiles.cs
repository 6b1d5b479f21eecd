using Emergency.Contracts;
using Emergency.Host.Drills;
using Emergency.Texts;

namespace Emergency.Drills.Cli;

/// <summary>A finished drill's report written out (report.json as the engine keeps it, report.html, chart.svg) and scored on the console.</summary>
internal static class ReportFiles
{
    /// <returns>The exit code the result calls for.</returns>
    public static async Task<int> WriteAsync(string json, string outDirectory, Terminal terminal, CancellationToken cancellationToken)
    {
        var report = DrillReportJson.Deserialize(json);
        Directory.CreateDirectory(outDirectory);
        await File.WriteAllTextAsync(Path.Combine(outDirectory, "report.json"), json, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(outDirectory, "report.html"), DrillReportPage.Render(report, CliTexts.Renderer, TextRenderer.Chinese), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(outDirectory, "chart.svg"), DrillTimelineChart.Render(report), cancellationToken);
        ScoreTable.Write(report, terminal.OutputConsole);
        await terminal.Output.WriteLineAsync($"report: {Path.Combine(outDirectory, "report.html")} (and report.json, chart.svg)");
        return report.Result.Passed ? DrillCli.AllMet : DrillCli.NotAllMet;
    }
}
