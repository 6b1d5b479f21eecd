using System.Globalization;
using Emergency.Contracts;
using Emergency.Domain.Incidents;
using Emergency.Texts;

namespace Emergency.Host.Reports;

/// <summary>An activity log (ICS 214) as a page to print: the operational period, then per person or account its position and activities by time.</summary>
public sealed class ActivityLogPage(TextRenderer texts, CultureInfo language) : ReportPage(texts, language)
{
    public static string Render(ActivityLog log, TextRenderer texts, CultureInfo language) => new ActivityLogPage(texts, language).Render(log);

    private string Render(ActivityLog log) => Document(Texts.Render(ReportTexts.LogTitle, Language), Scopes.IsDrill(log.Scope), html =>
    {
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"sub\">{M(ReportTexts.Incident.With(("title", log.Title), ("id", log.Incident)))}</p>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"sub\">{M(ReportTexts.Period.With(("from", log.From), ("to", log.To)))}</p>\n");
        foreach (var unit in log.Units)
        {
            var who = unit.Position is { } position
                ? ReportTexts.Position.With(("name", unit.Name), ("position", position))
                : ReportTexts.Engine.With(("name", unit.Name));
            html.Append(CultureInfo.InvariantCulture, $"<section class=\"unit\" data-actor=\"{E(unit.Name)}\">\n<h2>{M(who)}</h2>\n<p>{M(ReportTexts.Activities.With(("count", unit.Activities.Count)))}</p>\n");
            html.Append(CultureInfo.InvariantCulture, $"<table>\n<tr><th>{M(ReportTexts.When)}</th><th>{M(ReportTexts.What)}</th><th>{M(ReportTexts.Recorded)}</th><th>{M(ReportTexts.Line)}</th></tr>\n");
            foreach (var entry in unit.Activities)
            {
                html.Append(CultureInfo.InvariantCulture,
                    $"<tr data-seq=\"{entry.Seq}\"><td class=\"when\">{Stamp(entry.At)}</td><td class=\"what\">{M(entry.Text)}</td><td class=\"when\">{Stamp(entry.RecordedAt)}</td><td class=\"seq\">#{entry.Seq}</td></tr>\n");
            }

            html.Append("</table>\n</section>\n");
        }
    });
}
