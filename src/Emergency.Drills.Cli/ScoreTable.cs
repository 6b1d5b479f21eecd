using System.Globalization;
using Emergency.Domain;
using Emergency.Domain.Drills;
using Spectre.Console;

namespace Emergency.Drills.Cli;

/// <summary>The drill's score on the console: the verdict, then each expectation and its outcome in a table, the totals as its footer.</summary>
internal static class ScoreTable
{
    public static void Write(DrillReport report, IAnsiConsole console)
    {
        var r = report.Result;
        var verdict = r.Passed ? "PASSED" : "FAILED";
        var totals = $"{r.Met} met, {r.Late} late, {r.Missed} missed";
        console.MarkupLine($"[bold]{Markup.Escape(report.Scenario.Title)}[/]: [bold {(r.Passed ? "green" : "red")}]{verdict}[/] — {totals}");

        var table = new Table { Border = TableBorder.Rounded, ShowFooters = true };
        table.AddColumn(new TableColumn("#") { Alignment = Justify.Right });
        table.AddColumn(new TableColumn("expectation") { Footer = new Text("score") });
        table.AddColumn(new TableColumn("outcome") { Footer = new Text(verdict, Verdict(r.Passed)), NoWrap = true });
        table.AddColumn(new TableColumn("detail") { Footer = new Text(totals) });
        foreach (var x in report.Expectations)
        {
            var by = x.By is { } span ? $" by {Durations.Describe(span)}" : "";
            table.AddRow(
                new Text(x.Number.ToString(CultureInfo.InvariantCulture)),
                new Text(x.Description),
                new Text(x.Outcome.ToString().ToLowerInvariant() + by, Outcome(x.Outcome)),
                new Text(x.Detail));
        }

        console.Write(table);
        if (report.Refused.Count > 0)
        {
            console.WriteLine($"{report.Refused.Count} inject(s) refused by the procedure (see the report)");
        }
    }

    private static Style Verdict(bool passed) => new(passed ? Color.Green : Color.Red, decoration: Decoration.Bold);

    private static Style Outcome(ExpectationOutcome outcome) => outcome switch
    {
        ExpectationOutcome.Met => new Style(Color.Green),
        ExpectationOutcome.Late => new Style(Color.Yellow),
        _ => new Style(Color.Red),
    };
}
