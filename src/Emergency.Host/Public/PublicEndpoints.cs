using Emergency.Contracts;
using Emergency.Domain.Decisions;
using Emergency.Domain.Enforcement;
using Emergency.Domain.Incidents;
using Emergency.Domain.Regions;
using Emergency.Domain.Rivers;
using Emergency.Host.Api;
using Emergency.Host.Texts;
using Emergency.Texts;

namespace Emergency.Host.Public;

/// <summary>
/// The public information of the department (信息公开), read without signing in and rate limited per address: the
/// releases in force, the open incidents by level and area only, the enforcement measures in force, the major decisions
/// open for comment, and the CAP alerts with their Atom feed. Live cases only: a drill's never appear, whatever its scope.
/// </summary>
public static class PublicEndpoints
{
    public const string Prefix = "/api/public";

    public const string FeedPath = Prefix + "/cap/feed.atom";

    public static IEndpointRouteBuilder MapPublicEndpoints(this IEndpointRouteBuilder app)
    {
        var open = app.MapGroup(Prefix).WithTags("Public").AllowAnonymous().RequireRateLimiting(PublicRateLimit.Name);
        const string anyone = "Anyone, without signing in; rate limited per address (429 with Retry-After).";

        open.MapGet("/releases", Releases)
            .WithSummary("The releases in force of open live incidents, newest first, with their CAP alerts")
            .WithDescription(anyone)
            .Produces<IReadOnlyList<PublicRelease>>();
        open.MapGet("/incidents", Incidents)
            .WithSummary("How many live incidents are open, by level and area only")
            .WithDescription(anyone)
            .Produces<IReadOnlyList<PublicIncidentCount>>();
        open.MapGet("/enforcement", Enforcement)
            .WithSummary("Listed supervisions in place (挂牌督办), the blacklist (黑名单) and the regional approval restrictions in force (区域限批)")
            .WithDescription(anyone)
            .Produces<PublicEnforcement>();
        open.MapGet("/consultations", Consultations)
            .WithSummary("Major decisions open for public comment, and how to comment")
            .WithDescription(anyone)
            .Produces<IReadOnlyList<PublicConsultation>>();
        open.MapGet("/cap/feed.atom", Feed)
            .WithSummary("Atom feed of the CAP alerts in force of open live incidents, newest first, each linking its public alert")
            .WithDescription(anyone)
            .Produces(StatusCodes.Status200OK, contentType: "application/atom+xml");
        open.MapGet("/cap/{id}/{number}", Alert)
            .WithSummary("A published release of a live incident as an OASIS CAP 1.2 alert")
            .WithDescription(anyone)
            .Produces(StatusCodes.Status200OK, contentType: ReleaseCap.ContentType)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>Where a release's alert is read without signing in.</summary>
    public static string AlertPath(string incident, int number) => $"{Prefix}/cap/{incident}/{number}";

    private static async Task<IResult> Releases(IGrainFactory grains, RegionCatalog regions, EngineClock clock)
    {
        var releases = (await InForce(grains, clock.Now))
            .Select(a => new PublicRelease(
                ReleaseCap.Identifier(a.Incident, a.Release), a.Release.Kind, a.Release.Audience, a.Release.Headline, a.Release.Text, a.Release.HeadlineEn, a.Release.TextEn,
                a.Release.Reason, a.Release.PublishedAt!.Value, a.Release.Level ?? a.Incident.Grade.Level, a.Incident.Region, NameOf(regions, a.Incident.Region),
                AlertPath(a.Incident.Id, a.Release.Number)))
            .OrderByDescending(r => r.PublishedAt)
            .ThenBy(r => r.Identifier, StringComparer.Ordinal)
            .ToList();
        return Results.Ok(releases);
    }

    private static async Task<IResult> Incidents(IGrainFactory grains, RegionCatalog regions, EngineClock clock)
    {
        var open = await CaseListPages.AllOpenAsync(grains.GetGrain<IIncidentDirectoryGrain>(Scopes.Live), clock.Now, IncidentEndpoints.LevelLanes);
        return Results.Ok(open
            .Where(s => !Scopes.IsDrill(s.Scope))
            .GroupBy(s => (s.Level, s.Region))
            .Select(g => new PublicIncidentCount(g.Key.Level, g.Key.Region, NameOf(regions, g.Key.Region), g.Count()))
            .OrderBy(c => c.Level)
            .ThenBy(c => c.Region, StringComparer.Ordinal)
            .ToList());
    }

    private static async Task<IResult> Enforcement(IGrainFactory grains, RegionCatalog regions)
    {
        var registry = await grains.GetGrain<IEnforcementRegistryGrain>(EnforcementRegistries.KeyOf(Scopes.Live)).GetView();
        return Results.Ok(new PublicEnforcement(
            [.. registry.Supervisions
                .Where(s => s.Status is SupervisionStatus.Open or SupervisionStatus.Overdue)
                .Select(s => s.Supervision)
                .OrderBy(s => s.RectificationDeadline)
                .Select(s => new PublicSupervision(s.TargetKind, s.Target, s.Matter, s.IssuedBy, s.ListedAt, s.RectificationDeadline, s.StatusAt(registry.AsOf)))],
            [.. registry.Blacklisted.OrderByDescending(b => b.AddedAt).Select(b => new PublicBlacklisting(b.Enterprise, b.Reason, b.AddedAt))],
            [.. registry.RestrictionsInForce.OrderByDescending(r => r.SetAt).Select(r => new PublicRestriction(r.Region, NameOf(regions, r.Region), r.Reason, r.SetAt))]));
    }

    private static async Task<IResult> Consultations(IGrainFactory grains, RegionCatalog regions)
    {
        var open = await grains.GetGrain<IMajorDecisionDirectoryGrain>(Scopes.Live).List();
        var views = await Task.WhenAll(open
            .Where(s => !Scopes.IsDrill(s.Scope) && s.CommentMayCloseAt is not null)
            .Select(s => grains.GetGrain<IMajorDecisionGrain>(s.Id).GetView()));
        return Results.Ok(views.OfType<MajorDecisionView>()
            .Where(v => v.PublicComment is { IsOpen: true })
            .Select(v => new PublicConsultation(v.Title, v.Kind, v.Region, NameOf(regions, v.Region), v.Proposal, v.PublicComment!.Channel, v.PublicComment.OpenedAt, v.PublicComment.MayCloseAt))
            .OrderBy(c => c.MayCloseAt)
            .ThenBy(c => c.Title, StringComparer.Ordinal)
            .ToList());
    }

    private static async Task<IResult> Feed(HttpContext http, IGrainFactory grains, TextRenderer texts, RegionCatalog regions, RiverCatalog rivers, IConfiguration configuration, EngineClock clock)
    {
        var origin = $"{http.Request.Scheme}://{http.Request.Host}";
        var feed = new ReleaseCap(texts, regions, configuration, rivers).Feed(await InForce(grains, clock.Now), origin + FeedPath, (v, r) => origin + AlertPath(v.Id, r.Number), clock.Now);
        return Results.Bytes(ReleaseCap.Bytes(feed), "application/atom+xml");
    }

    private static async Task<IResult> Alert(string id, int number, IGrainFactory grains, TextRenderer texts, RegionCatalog regions, RiverCatalog rivers, IConfiguration configuration)
    {
        // A drill's incident is answered as if it did not exist: the public learns nothing of drills, not even their ids.
        var view = IncidentEndpoints.Kind.IsId(id) ? await grains.GetGrain<IIncidentGrain>(id).GetView() : null;
        if (view is null || Scopes.IsDrill(view.Scope))
        {
            return Problems.NoSuchId(CaseNoun.Incident, id);
        }

        return view.Releases.FirstOrDefault(r => r.Number == number) is { IsPublished: true } release
            ? Results.Bytes(ReleaseCap.Bytes(new ReleaseCap(texts, regions, configuration, rivers).Alert(view, release)), ReleaseCap.ContentType)
            : Problems.NotFound(ReleaseTexts.NoSuchRelease.With(("number", number), ("count", view.Releases.Count(r => r.IsPublished))));
    }

    /// <summary>
    /// The releases that stand (withdrawals included, so that the public sees what was withdrawn) of the open live
    /// incidents. Only the incidents whose summary counts a published release are read (and activated), never all.
    /// </summary>
    internal static async Task<List<(IncidentView Incident, Release Release)>> InForce(IGrainFactory grains, DateTimeOffset now)
    {
        var open = await CaseListPages.AllOpenAsync(grains.GetGrain<IIncidentDirectoryGrain>(Scopes.Live), now, IncidentEndpoints.LevelLanes);
        var views = await Task.WhenAll(open
            .Where(s => !Scopes.IsDrill(s.Scope) && s.PublishedReleases is null or > 0)
            .Select(s => grains.GetGrain<IIncidentGrain>(s.Id).GetView()));
        return [.. views.OfType<IncidentView>()
            .Where(v => !Scopes.IsDrill(v.Scope))
            .SelectMany(v => v.Releases.Where(r => r.Status == ReleaseStatus.Published).Select(r => (v, r)))];
    }

    private static string NameOf(RegionCatalog regions, string region) => regions.Resolve(region).Region?.Name ?? region;
}
