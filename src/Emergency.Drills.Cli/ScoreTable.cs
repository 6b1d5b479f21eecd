using System.Globalization;
using Emergency.Domain;
using Emergency.Domain.Drills;
using Spectre.Console;

namespace Emergency.Drills.Cli;

/// <summary>
/// The drill's score on the console: the verdict, then each expectation and its outcome in a table, the totals as its
/// footer. The table's words are in Chinese and English, "中文 English", as the board writes its terms; the verdict line
/// stays English, for scripts that read it.
/// </summary>
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
        table.AddColumn(new TableColumn("预期 expectation") { Footer = new Text("得分 score") });
        table.AddColumn(new TableColumn("结果 outcome") { Footer = new Text($"{(r.Passed ? "通过" : "未通过")} {verdict}", Verdict(r.Passed)), NoWrap = true });
        table.AddColumn(new TableColumn("说明 detail") { Footer = new Text(totals) });
        foreach (var x in report.Expectations)
        {
            var by = x.By is { } span ? $" by {Durations.Describe(span)}" : "";
            table.AddRow(
                new Text(x.Number.ToString(CultureInfo.InvariantCulture)),
                new Text(x.Description),
                new Text(Term(x.Outcome) + by, Outcome(x.Outcome)),
                new Text(x.Detail));
        }

        console.Write(table);
        if (report.Refused.Count > 0)
        {
            console.WriteLine($"{report.Refused.Count} inject(s) refused by the procedure (see the report)");
        }
    }

    /// <summary>Met 达成 (done in time), late 逾期 (done after its deadline, as the board's 逾期完成), missed 未达成.</summary>
    private static string Term(ExpectationOutcome outcome) => outcome switch
    {
        ExpectationOutcome.Met => "达成 met",
        ExpectationOutcome.Late => "逾期 late",
        _ => "未达成 missed",
    };

    private static Style Verdict(bool passed) => new(passed ? Color.Green : Color.Red, decoration: Decoration.Bold);

    private static Style Outcome(ExpectationOutcome outcome) => outcome switch
    {
        ExpectationOutcome.Met => new Style(Color.Green),
        ExpectationOutcome.Late => new Style(Color.Yellow),
        _ => new Style(Color.Red),
    };
}
