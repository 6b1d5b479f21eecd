using System.Globalization;
using System.Text;
using Emergency.Contracts;
using Emergency.Domain.Incidents;
using Emergency.Domain.Messages;
using Emergency.Texts;

namespace Emergency.Host.Reports;

/// <summary>A situation report as a page to print and sign: its sections in order, each line with its time, who, and the timeline line it came from.</summary>
public sealed class SituationReportPage(TextRenderer texts, CultureInfo language) : ReportPage(texts, language)
{
    public static string Render(SituationReport report, TextRenderer texts, CultureInfo language) => new SituationReportPage(texts, language).Render(report);

    private string Render(SituationReport report)
    {
        Message title = report.Kind switch
        {
            ReportKind.Initial => ReportTexts.InitialTitle,
            ReportKind.FollowUp => ReportTexts.FollowUpTitle.With(("number", report.Sequence ?? 1)),
            _ => ReportTexts.FinalTitle,
        };
        return Document(Texts.Render(title, Language), Scopes.IsDrill(report.Scope), html =>
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"sub\" data-kind=\"{report.Kind}\">{M(ReportTexts.Incident.With(("title", report.Title), ("id", report.Incident)))}</p>\n");
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"sub\">{M(ReportTexts.AsOf.With(("at", report.AsOf)))}</p>\n");
            var number = 0;
            foreach (var section in report.Sections)
            {
                number++;
                html.Append(CultureInfo.InvariantCulture, $"<section data-heading=\"{section.Heading}\">\n<h2>{number}. {E(Texts.Render(Arg.Of(section.Heading), Language))}</h2>\n");
                Lines(html, section.Lines);
                html.Append("</section>\n");
            }
        });
    }

    private void Lines(StringBuilder html, IReadOnlyList<SituationLine> lines)
    {
        html.Append(CultureInfo.InvariantCulture, $"<table>\n<tr><th>{M(ReportTexts.When)}</th><th>{M(ReportTexts.What)}</th><th>{M(ReportTexts.Who)}</th><th>{M(ReportTexts.Line)}</th></tr>\n");
        foreach (var line in lines)
        {
            var seq = line.Seq is { } s ? string.Create(CultureInfo.InvariantCulture, $" data-seq=\"{s}\"") : "";
            html.Append(CultureInfo.InvariantCulture,
                $"<tr{seq}><td class=\"when\">{Stamp(line.At)}</td><td class=\"what\">{M(line.Text)}</td><td>{E(line.Actor ?? "")}</td><td class=\"seq\">{(line.Seq is { } n ? string.Create(CultureInfo.InvariantCulture, $"#{n}") : "")}</td></tr>\n");
        }

        html.Append("</table>\n");
    }
}
