using Emergency.Contracts;
using Emergency.Domain.Incidents;
using Emergency.Domain.Messages;
using Emergency.Domain.Regions;
using Emergency.Domain.Rivers;
using Emergency.Host.Auth;
using Emergency.Host.Texts;
using Emergency.Texts;

namespace Emergency.Host.Api;

/// <summary>
/// The published releases of incidents as OASIS CAP 1.2 alerts, one by one and as an Atom feed. The feed carries live
/// alerts only: a drill's alerts (status Exercise) are read one by one from its incidents, never fed to other systems.
/// </summary>
public static class ReleaseEndpoints
{
    public const string FeedPath = "/api/cap/feed.atom";

    public static IEndpointRouteBuilder MapReleaseEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/incidents/{id}/releases/{number}/cap", Alert)
            .RequireAuthorization(Policies.Read)
            .WithTags("Incidents")
            .WithSummary("A published release as an OASIS CAP 1.2 alert (status Exercise for a drill's incident)")
            .WithDescription(Policies.Describe(Policies.Read))
            .Produces(StatusCodes.Status200OK, contentType: ReleaseCap.ContentType)
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet(FeedPath, Feed)
            .RequireAuthorization(Policies.Read)
            .WithTags("Incidents")
            .WithSummary("Atom feed of the CAP alerts in force: the published releases of open live incidents, newest first; drills never appear")
            .WithDescription(Policies.Describe(Policies.Read))
            .Produces(StatusCodes.Status200OK, contentType: "application/atom+xml");

        return app;
    }

    private static async Task<IResult> Alert(string id, int number, IGrainFactory grains, TextRenderer texts, RegionCatalog regions, RiverCatalog rivers, IConfiguration configuration)
    {
        if (!IncidentEndpoints.Kind.IsId(id))
        {
            return Problems.NotAnId(CaseNoun.Incident, id);
        }

        var view = await grains.GetGrain<IIncidentGrain>(id).GetView();
        if (view is null)
        {
            return Problems.NoSuchId(CaseNoun.Incident, id);
        }

        var release = view.Releases.FirstOrDefault(r => r.Number == number);
        if (release is null)
        {
            return Problems.NotFound(view.Releases.Count == 0
                ? ReleaseTexts.NoReleases.With(("number", number))
                : ReleaseTexts.NoSuchRelease.With(("number", number), ("count", view.Releases.Count)));
        }

        return release.IsPublished
            ? Results.Bytes(ReleaseCap.Bytes(new ReleaseCap(texts, regions, configuration, rivers).Alert(view, release)), ReleaseCap.ContentType)
            : Problems.NotFound(ReleaseTexts.NoAlertYet.With(("number", number), ("status", Arg.Of(release.Status))));
    }

    private static async Task<IResult> Feed(HttpContext http, IGrainFactory grains, TextRenderer texts, RegionCatalog regions, RiverCatalog rivers, IConfiguration configuration, EngineClock clock)
    {
        var alerts = await Public.PublicEndpoints.InForce(grains, clock.Now);
        var origin = $"{http.Request.Scheme}://{http.Request.Host}";
        var feed = new ReleaseCap(texts, regions, configuration, rivers).Feed(alerts, origin + FeedPath, (v, r) => $"{origin}/api/incidents/{v.Id}/releases/{r.Number}/cap", clock.Now);
        return Results.Bytes(ReleaseCap.Bytes(feed), "application/atom+xml");
    }
}
