using System.Globalization;
using System.Text;
using Emergency.Domain.Cases;
using Emergency.Domain.Drills;

namespace Emergency.Host.Drills;

/// <summary>
/// The timeline chart of a drill (SVG): one row per obligation, its window from when it arose to its
/// deadline, and its completion — green on time, red late, with the lateness drawn; red to the end of the
/// drill when it was never done. Same report, same bytes.
/// </summary>
public static class DrillTimelineChart
{
    /// <summary>More rows than this are left out of the chart (the tables of the report still list them all).</summary>
    public const int MaxRows = 150;

    private const int Width = 1000;
    private const int LabelWidth = 260;
    private const int RowHeight = 20;
    private const int Top = 40;
    private const int Right = 20;

    public static string Render(DrillReport report)
    {
        var rows = report.Incidents.SelectMany(i => i.Obligations.Select(o => (Incident: i, Obligation: o))).ToList();
        var shown = rows.Take(MaxRows).ToList();
        var start = report.Scenario.Start;
        var end = report.Scenario.End;
        var span = Math.Max(1, (end - start).TotalSeconds);
        var plot = Width - LabelWidth - Right;
        var height = Top + (shown.Count * RowHeight) + (rows.Count > shown.Count ? RowHeight : 0) + 30;
        double X(DateTimeOffset t) => LabelWidth + (Math.Clamp((t - start).TotalSeconds, 0, span) / span * plot);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" font-family=\"sans-serif\" font-size=\"11\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<title>{Escape(report.Scenario.Title)}: obligations against their deadlines</title>\n");
        svg.Append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");

        foreach (var (tick, label) in Ticks(start, end))
        {
            var x = Num(X(tick));
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x}\" y1=\"{Top - 8}\" x2=\"{x}\" y2=\"{height - 24}\" stroke=\"#e3e3e3\"/>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x}\" y=\"{Top - 12}\" text-anchor=\"middle\" fill=\"#555\">{Escape(label)}</text>\n");
        }

        for (var i = 0; i < shown.Count; i++)
        {
            var (incident, o) = shown[i];
            var y = Top + (i * RowHeight);
            var mid = Num(y + (RowHeight / 2.0));
            var late = o.LateBy is not null || o.Status == ObligationStatus.Overdue;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth - 8}\" y=\"{Num(y + 14)}\" text-anchor=\"end\" fill=\"#222\">{Escape($"{incident.Name} · {o.Id}")}</text>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Num(X(o.OpenedAt))}\" y=\"{Num(y + 6)}\" width=\"{Num(Math.Max(1, X(o.Deadline) - X(o.OpenedAt)))}\" height=\"8\" fill=\"#b9cfe8\"><title>{Escape($"{o.Title}: due {Stamp(o.Deadline)}")}</title></rect>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Num(X(o.Deadline))}\" y1=\"{Num(y + 2)}\" x2=\"{Num(X(o.Deadline))}\" y2=\"{Num(y + RowHeight - 2)}\" stroke=\"#1f4e8c\" stroke-width=\"2\"/>\n");
            if (late)
            {
                var until = o.CompletedAt ?? end;
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Num(X(o.Deadline))}\" y=\"{Num(y + 6)}\" width=\"{Num(Math.Max(1, X(until) - X(o.Deadline)))}\" height=\"8\" fill=\"#e06666\"><title>{Escape(o.CompletedAt is null ? $"never done: overdue by {Durations(o.OverdueBy)} at the end" : $"late by {Durations(o.LateBy)}")}</title></rect>\n");
            }

            if (o.CompletedAt is { } done)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{Num(X(done))}\" cy=\"{mid}\" r=\"4.5\" fill=\"{(late ? "#c0392b" : "#2e8b57")}\" stroke=\"#fff\"><title>{Escape($"done {Stamp(done)}")}</title></circle>\n");
            }
        }

        if (rows.Count > shown.Count)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth}\" y=\"{Top + (shown.Count * RowHeight) + 14}\" fill=\"#555\">… and {rows.Count - shown.Count} more obligations (see the tables)</text>\n");
        }

        var legend = height - 10;
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"{legend - 8}\" width=\"14\" height=\"8\" fill=\"#b9cfe8\"/><text x=\"{LabelWidth + 18}\" y=\"{legend}\">window to the deadline</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{LabelWidth + 170}\" cy=\"{legend - 4}\" r=\"4.5\" fill=\"#2e8b57\"/><text x=\"{LabelWidth + 180}\" y=\"{legend}\">done on time</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth + 280}\" y=\"{legend - 8}\" width=\"14\" height=\"8\" fill=\"#e06666\"/><text x=\"{LabelWidth + 298}\" y=\"{legend}\">late or overdue</text>\n");
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    /// <summary>Five to twelve ticks on round steps of the drill's clock.</summary>
    private static IEnumerable<(DateTimeOffset, string)> Ticks(DateTimeOffset start, DateTimeOffset end)
    {
        var span = end - start;
        TimeSpan[] steps = [TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(6), TimeSpan.FromHours(12), TimeSpan.FromDays(1), TimeSpan.FromDays(2), TimeSpan.FromDays(7), TimeSpan.FromDays(14), TimeSpan.FromDays(30)];
        var step = steps.FirstOrDefault(s => span / s <= 12, TimeSpan.FromDays(60));
        for (var t = TimeSpan.Zero; t <= span; t += step)
        {
            var moment = start + t;
            yield return (moment, step >= TimeSpan.FromDays(1) ? moment.ToString("MM-dd", CultureInfo.InvariantCulture) : moment.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture));
        }
    }

    private static string Durations(TimeSpan? span) => span is { } s ? Domain.Durations.Describe(s) : "?";

    private static string Stamp(DateTimeOffset moment) => Domain.Durations.Describe(moment);

    private static string Num(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>Escapes markup only: Chinese terms and symbols stay as they are, in UTF-8.</summary>
    private static string Escape(string text) => DrillReportPage.Escape(text);
}
