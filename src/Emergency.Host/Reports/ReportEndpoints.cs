using System.Globalization;
using System.Text;
using Emergency.Contracts;
using Emergency.Domain.Incidents;
using Emergency.Host.Api;
using Emergency.Host.Auth;
using Emergency.Host.Hosting;
using Emergency.Host.Texts;
using Emergency.Texts;

namespace Emergency.Host.Reports;

/// <summary>
/// The documents drawn from an incident's timeline at any moment: the initial, follow-up and final situation reports
/// (MEP Order 17) and the activity log (ICS 214), as pages that print, in the reader's language (Chinese unless
/// Accept-Language asks for English). They say what the incident's view says, so whoever may read the view may read them.
/// </summary>
public static class ReportEndpoints
{
    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        var incidents = app.MapGroup("/api/incidents/{id}").WithTags("Incidents");
        MapReport(incidents, "/situation/initial", ReportKind.Initial, "The initial report (初报) as it would be written now: time, place, source, cause and nature, pollutants, monitoring, casualties, sensitive receptors, trend, measures, next steps, sign-off");
        MapReport(incidents, "/situation/follow-up", ReportKind.FollowUp, "The next follow-up report (续报): the progress since the last report filed, the facts as they stand, next steps");
        MapReport(incidents, "/situation/final", ReportKind.Final, "The final report (处理结果报告): measures, process and results, harm, losses, social impact, remaining problems, accountability, sign-off");

        incidents.MapGet("/activity-log", async (string id, IGrainFactory grains, TextRenderer texts) =>
                await Page(id, grains, view => ActivityLogPage.Render(ActivityLogs.Of(view), texts, Language)))
            .RequireAuthorization(Policies.Read)
            .WithSummary("The activity log in the shape of an ICS 214: per person or account, who did what when, from the timeline")
            .WithDescription(Policies.Describe(Policies.Read))
            .Produces(StatusCodes.Status200OK, contentType: "text/html")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AsSelfContainedDocument();
        return app;
    }

    private static void MapReport(RouteGroupBuilder incidents, string pattern, ReportKind kind, string summary) =>
        incidents.MapGet(pattern, async (string id, IGrainFactory grains, TextRenderer texts) =>
                await Page(id, grains, view => SituationReportPage.Render(SituationReports.Of(view, kind), texts, Language)))
            .RequireAuthorization(Policies.Read)
            .WithSummary(summary)
            .WithDescription(Policies.Describe(Policies.Read))
            .Produces(StatusCodes.Status200OK, contentType: "text/html")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AsSelfContainedDocument();

    private static CultureInfo Language => TextRenderer.LanguageOf(CultureInfo.CurrentUICulture);

    private static async Task<IResult> Page(string id, IGrainFactory grains, Func<IncidentView, string> render)
    {
        if (!IncidentEndpoints.Kind.IsId(id))
        {
            return Problems.NotAnId(CaseNoun.Incident, id);
        }

        var view = await grains.GetGrain<IIncidentGrain>(id).GetView();
        return view is null ? Problems.NoSuchId(CaseNoun.Incident, id) : Results.Text(render(view), "text/html", Encoding.UTF8);
    }
}
