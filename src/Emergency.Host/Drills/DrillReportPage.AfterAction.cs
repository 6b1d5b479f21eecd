using System.Globalization;
using System.Text;
using Emergency.Domain.Drills;
using Emergency.Domain.Messages;
using Emergency.Host.Reports;

namespace Emergency.Host.Drills;

/// <summary>The after-action review on the drill's report page: objectives rated, strengths, areas for improvement, improvement plan.</summary>
public sealed partial class DrillReportPage
{
    private void AfterAction(StringBuilder html, AfterActionReview review)
    {
        html.Append(CultureInfo.InvariantCulture, $"<section class=\"after-action\" data-testid=\"after-action\">\n<h2>{M(ReportTexts.AarTitle)}</h2>\n");
        html.Append(CultureInfo.InvariantCulture, $"<h3>{M(ReportTexts.AarObjectives)}</h3>\n<table>\n<tr><th>#</th><th>{M(ReportTexts.AarObjective)}</th><th>{M(ReportTexts.AarRating)}</th><th>{M(ReportTexts.AarDetail)}</th></tr>\n");
        foreach (var o in review.Objectives)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr data-rating=\"{o.Rating}\"><td>{o.Number}</td><td>{E(o.Description)}</td><td>{E(texts.Render(Arg.Of(o.Rating), language))}</td><td>{E(o.Detail)}</td></tr>\n");
        }

        html.Append("</table>\n");
        Findings(html, ReportTexts.AarStrengths, "strengths", review.Strengths);
        Findings(html, ReportTexts.AarAreas, "areas", review.AreasForImprovement);
        html.Append(CultureInfo.InvariantCulture, $"<h3>{M(ReportTexts.AarPlan)}</h3>\n<table data-testid=\"improvement-plan\">\n<tr><th>#</th><th>{M(ReportTexts.AarIssue)}</th><th>{M(ReportTexts.AarAction)}</th><th>{M(ReportTexts.AarOwner)}</th></tr>\n");
        foreach (var a in review.ImprovementPlan)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{a.Number}</td><td>{M(a.Issue)}</td><td>{M(a.Action)}</td><td>{M(a.Owner)}</td></tr>\n");
        }

        if (review.ImprovementPlan.Count == 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td colspan=\"4\">{M(ReportTexts.AarNone)}</td></tr>\n");
        }

        html.Append("</table>\n</section>\n");
    }

    private void Findings(StringBuilder html, MessageCode title, string kind, IReadOnlyList<DrillFinding> findings)
    {
        html.Append(CultureInfo.InvariantCulture, $"<h3>{M(title)}</h3>\n<ul data-testid=\"{kind}\">\n");
        foreach (var f in findings)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li>{(f.At is { } at ? Stamp(at) + " " : "")}{M(f.Text)}</li>\n");
        }

        if (findings.Count == 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li>{M(ReportTexts.AarNone)}</li>\n");
        }

        html.Append("</ul>\n");
    }
}
