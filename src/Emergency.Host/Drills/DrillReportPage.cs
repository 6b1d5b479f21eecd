using System.Globalization;
using System.Text;
using Emergency.Domain;
using Emergency.Domain.Drills;
using Emergency.Domain.Incidents;
using Emergency.Domain.Messages;
using Emergency.Texts;

namespace Emergency.Host.Drills;

/// <summary>The after-action report as a page a person reads: the result, each expectation, the chart, each incident.</summary>
/// <remarks>
/// The engine's texts in it (grade reasons, deadline bases, timelines, refusals) are rendered in the reader's language
/// and every moment in the deployment's zone; report.json keeps them as codes.
/// </remarks>
public sealed partial class DrillReportPage(TextRenderer texts, CultureInfo language)
{
    public static string Render(DrillReport report, TextRenderer texts, CultureInfo language) => new DrillReportPage(texts, language).Render(report);

    private string Render(DrillReport report)
    {
        var s = report.Scenario;
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html>\n<html lang=\"{language.Name}\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append(CultureInfo.InvariantCulture, $"<title>Drill report: {E(s.Title)}</title>\n");
        html.Append("""
            <style>
            body { font-family: sans-serif; margin: 2em auto; max-width: 1050px; color: #222; }
            table { border-collapse: collapse; margin: 0.5em 0 1.5em; width: 100%; }
            th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: left; vertical-align: top; font-size: 14px; }
            th { background: #f2f2f2; }
            .met { color: #1e7b45; font-weight: bold; } .late { color: #b36b00; font-weight: bold; } .missed { color: #b3261e; font-weight: bold; }
            .banner { padding: 0.6em 1em; border-radius: 4px; font-size: 18px; }
            .passed { background: #e3f4e8; } .failed { background: #fbe4e2; }
            .drill { display: inline-block; background: #7a3db8; color: #fff; padding: 2px 8px; border-radius: 3px; font-size: 13px; }
            </style>

            """);
        html.Append("</head>\n<body>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p><span class=\"drill\">DRILL 演练</span></p>\n<h1>{E(s.Title)}</h1>\n");
        if (s.Description is { } description)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{E(description)}</p>\n");
        }

        html.Append(CultureInfo.InvariantCulture, $"<p>Scenario <code>{E(s.File)}</code> (SHA-256 <code>{E(s.Sha256[..12])}…</code>), region {E(s.Region)}, rule set {E(s.RuleSet)} ({(s.JudgedUnder is null ? $"rule-set date {s.RuleSetDate:yyyy-MM-dd}" : $"a what-if: judged under {E(s.JudgedUnder)}, not the rules in force at {s.RuleSetDate:yyyy-MM-dd}")}); {E(Durations.Describe(s.Start))} to {E(Durations.Describe(s.End))} on the drill's clock; {s.Injects} injects{(s.ManualInjects > 0 ? $" and {s.ManualInjects} by hand" : "")}; run {E(report.Mode)}.</p>\n");
        var r = report.Result;
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"banner {(r.Passed ? "passed" : "failed")}\">{(r.Passed ? "Passed" : "Failed")}: {r.Met} met, {r.Late} late, {r.Missed} missed.</p>\n");

        html.Append("<h2>Expectations</h2>\n<table>\n<tr><th>#</th><th>expectation</th><th>outcome</th><th>expected by</th><th>actual</th><th>by</th><th>detail</th></tr>\n");
        foreach (var x in report.Expectations)
        {
            var outcome = x.Outcome.ToString().ToLowerInvariant();
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{x.Number}</td><td>{E(x.Description)}</td><td class=\"{outcome}\">{outcome}</td><td>{Stamp(x.Expected)}</td><td>{Stamp(x.Actual)}</td><td>{Span(x.By)}</td><td>{E(x.Detail)}</td></tr>\n");
        }

        html.Append("</table>\n");
        AfterAction(html, AfterActionReview.Of(report));
        html.Append("<h2>Obligations against their deadlines</h2>\n");
        html.Append(DrillTimelineChart.Render(report));

        foreach (var incident in report.Incidents)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h2>{E(incident.Name)}: {E(incident.Title)}</h2>\n");
            html.Append(CultureInfo.InvariantCulture, $"<p>{E(incident.Region)}, discovered {Stamp(incident.DiscoveredAt)}; level {incident.Level} ({E(string.Join("; ", incident.GradeReasons.Select(r => texts.Render(r, language))))}); {E(incident.Phase.ToString().ToLowerInvariant())}{(incident.ClosedAt is { } closed ? $", closed {E(Durations.Describe(closed))}" : "")}.</p>\n");
            html.Append(CultureInfo.InvariantCulture, $"<p>Levels: {E(string.Join(" → ", incident.Levels.Select(l => $"{l.Level} from {texts.Moment(l.At, language)}")))}</p>\n");
            html.Append("<table>\n<tr><th>obligation</th><th>deadline</th><th>completed</th><th>status</th><th>late by</th><th>overdue at the end</th></tr>\n");
            foreach (var o in incident.Obligations)
            {
                var notified = o.Notified is { } who ? $"<br>notified: {E(who)}" : "";
                var untrue = string.Concat(o.ShownFalse.Select(f => $"<br><s>{Stamp(f.CompletedAt)}</s> shown untrue {Stamp(f.KnownAt)} (correction #{f.Correction})"));
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{M(o.Title)}</td><td>{Stamp(o.Deadline)}</td><td>{Stamp(o.CompletedAt)}{notified}{untrue}</td><td>{E(o.Status.ToString())}</td><td>{Span(o.LateBy)}</td><td>{Span(o.OverdueBy)}</td></tr>\n");
            }

            html.Append("</table>\n");
            if (incident.Corrections.Count > 0)
            {
                html.Append("<h3>False, concealed and omitted reports (谎报/瞒报/漏报)</h3>\n<table>\n<tr><th>#</th><th>kind</th><th>concerns</th><th>declared</th><th>real</th><th>known</th></tr>\n");
                foreach (var c in incident.Corrections)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<tr><td>{c.Number}</td><td class=\"missed\">{E(c.Kind.Title())}</td><td>{E(c.Concerns)} ({Stamp(c.ConcernsAt)})</td><td>{E(c.Declared)}</td><td>{E(c.Actual)}</td><td>{Stamp(c.KnownAt)}</td></tr>\n");
                }

                html.Append("</table>\n");
            }

            html.Append("<details><summary>Timeline</summary>\n<table>\n<tr><th>at</th><th>who</th><th>what</th></tr>\n");
            foreach (var entry in incident.Timeline)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Stamp(entry.At)}</td><td>{E(entry.Actor)}</td><td>{M(entry.Text)}</td></tr>\n");
            }

            html.Append("</table>\n</details>\n");
        }

        foreach (var matter in report.Decisions)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h2>Major decision: {E(matter.Title)} ({E(matter.Name)})</h2>\n<p>{E(matter.Region)}; stage {E(matter.Stage)}; risk {E(matter.RiskLevel ?? "not rated")}; {matter.Rounds} assessment round(s).</p>\n");
            if (matter.Decided.Count > 0)
            {
                html.Append("<table>\n<tr><th>decided</th><th>outcome</th><th>risk</th><th>round</th></tr>\n");
                foreach (var d in matter.Decided)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Stamp(d.At)}</td><td>{E(d.Outcome)}</td><td>{E(d.RiskLevel)}</td><td>{d.Round}</td></tr>\n");
                }

                html.Append("</table>\n");
            }

            html.Append("<details><summary>Timeline</summary>\n<table>\n<tr><th>at</th><th>who</th><th>what</th></tr>\n");
            foreach (var entry in matter.Timeline)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Stamp(entry.At)}</td><td>{E(entry.Actor)}</td><td>{M(entry.Text)}</td></tr>\n");
            }

            html.Append("</table>\n</details>\n");
        }

        if (report.Complaints > 0 || report.Warnings.Count > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h2>Complaints and early warnings</h2>\n<p>{report.Complaints} complaints registered; {report.Warnings.Count} early warnings raised.</p>\n");
            if (report.Warnings.Count > 0)
            {
                html.Append("<table>\n<tr><th>raised</th><th>about</th><th>complaints</th><th>escalated into</th></tr>\n");
                foreach (var w in report.Warnings)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Stamp(w.RaisedAt)}</td><td>{E(w.Subject)}</td><td>{w.Complaints}</td><td>{E(w.EscalatedTo ?? "—")}</td></tr>\n");
                }

                html.Append("</table>\n");
            }
        }

        if (report.Messages.Count > 0)
        {
            html.Append("<h2>Messages to the players</h2>\n<table>\n<tr><th>at</th><th>to</th><th>message</th></tr>\n");
            foreach (var m in report.Messages)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Stamp(m.At)} ({E(m.Offset)})</td><td>{E(m.To ?? "everyone")}</td><td>{E(m.Text)}</td></tr>\n");
            }

            html.Append("</table>\n");
        }

        if (report.Refused.Count > 0)
        {
            html.Append("<h2>Injects the procedure refused</h2>\n<table>\n<tr><th>at</th><th>line</th><th>inject</th><th>reason</th></tr>\n");
            foreach (var x in report.Refused)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Stamp(x.At)} ({E(x.Offset)})</td><td>{x.Line}</td><td>{E(x.Kind)}{(x.Incident is null ? "" : $" ({E(x.Incident)})")}{(x.Decision is null ? "" : $" ({E(x.Decision)}: {E(x.Action ?? "")})")}</td><td>{M(x.Reason)}</td></tr>\n");
            }

            html.Append("</table>\n");
        }

        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private string Stamp(DateTimeOffset? moment) => moment is { } m ? E(texts.Moment(m, language)) : "—";

    private string M(Message message) => E(texts.Render(message, language));

    private string Span(TimeSpan? span) => span is { } s ? E(texts.Duration(s, language)) : "—";

    private static string E(string text) => Escape(text);

    /// <summary>Escapes markup only (&amp;, &lt;, &gt;, quotes): Chinese terms and symbols stay as they are, in UTF-8.</summary>
    internal static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal)
            .Replace("\"", "&quot;", StringComparison.Ordinal).Replace("'", "&#39;", StringComparison.Ordinal);
}
