using System.Globalization;
using System.Text;
using Emergency.Domain.Messages;
using Emergency.Host.Drills;
using Emergency.Texts;

namespace Emergency.Host.Reports;

/// <summary>
/// A document of the engine as a page that prints well: A4, a serif face as official documents use (仿宋), tables that
/// do not break inside a row, headings kept with what follows. Self-contained (its style inline, no script).
/// </summary>
public abstract class ReportPage(TextRenderer texts, CultureInfo language)
{
    private const string Style = """
        <style>
        body { font-family: "FangSong", "STFangsong", "Noto Serif CJK SC", "Songti SC", serif; margin: 2em auto; max-width: 960px; color: #000; line-height: 1.6; }
        h1 { text-align: center; font-size: 1.7em; margin-bottom: 0.2em; }
        .sub { text-align: center; margin: 0.2em 0; }
        h2 { font-size: 1.2em; margin: 1.2em 0 0.3em; page-break-after: avoid; break-after: avoid; }
        table { border-collapse: collapse; width: 100%; }
        th, td { border: 1px solid #444; padding: 3px 6px; text-align: left; vertical-align: top; }
        th { background: #eee; }
        tr { page-break-inside: avoid; break-inside: avoid; }
        td.when, td.seq { white-space: nowrap; }
        .drill { border: 2px solid #7a3db8; color: #7a3db8; padding: 2px 8px; font-weight: bold; text-align: center; }
        @page { size: A4; margin: 20mm 18mm; }
        @media print { body { margin: 0; max-width: none; font-size: 12pt; } th { background: none; } a { color: inherit; text-decoration: none; } }
        </style>

        """;

    protected TextRenderer Texts => texts;

    protected CultureInfo Language => language;

    /// <summary>The document: its head with the title, then the body the page writes.</summary>
    protected string Document(string title, bool drill, Action<StringBuilder> body)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html>\n<html lang=\"{language.Name}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{E(title)}</title>\n");
        html.Append(Style);
        html.Append("</head>\n<body>\n");
        if (drill)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"drill\" data-drill=\"true\">{M(ReportTexts.Drill)}</p>\n");
        }

        html.Append(CultureInfo.InvariantCulture, $"<h1>{E(title)}</h1>\n");
        body(html);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    protected string Stamp(DateTimeOffset? moment) => moment is { } m ? E(texts.Moment(m, language)) : "";

    protected string M(Message message) => E(texts.Render(message, language));

    protected static string E(string text) => DrillReportPage.Escape(text);
}
