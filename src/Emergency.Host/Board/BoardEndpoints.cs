using System.Globalization;
using Emergency.Contracts;
using Emergency.Domain.Decisions;
using Emergency.Domain.Enforcement;
using Emergency.Domain.Disputes;
using Emergency.Domain.Disputes.EarlyWarning;
using Emergency.Domain.Incidents;
using Emergency.Domain.Regions;
using Emergency.Host.Auth;
using Emergency.Texts;

namespace Emergency.Host.Board;

/// <summary>The board's snapshot: the truth a board loads on connect, on reconnect and on a version gap.</summary>
public static class BoardEndpoints
{
    /// <summary>
    /// How many open incidents, and open petitions, the snapshot holds at most: the most urgent, in the lists' order
    /// (overdue first, then by level for incidents, then by the next deadline). The lists page them all.
    /// </summary>
    public const int LaneLimit = 500;

    public static IEndpointRouteBuilder MapBoardEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/board", async (HttpContext http, IGrainFactory grains, EngineClock clock, RegionCatalog regions, string? scope) =>
            {
                scope ??= Scopes.Live;
                if (!Scopes.IsValid(scope))
                {
                    return Api.Problems.NotOneOf("scope", scope, Scopes.Allowed);
                }

                var jurisdiction = http.User.Jurisdiction();
                // A drill's board is counted against the drill's virtual clock, and says which drill it shows.
                var drill = DrillIds.RunOf(scope) is { } run ? await grains.GetGrain<IDrillGrain>(run).GetStatus() : null;
                var now = drill?.VirtualNow ?? clock.Now;

                // Each lane holds the most urgent open cases, as the lists page them: tens of thousands may be open.
                var (incidents, moreIncidents) = await Api.CaseListPages.ReadAsync(
                    grains.GetGrain<IIncidentDirectoryGrain>(scope), new CaseListQuery { Limit = LaneLimit, Now = now, Lanes = Api.IncidentEndpoints.LevelLanes },
                    s => regions.WithinJurisdiction(jurisdiction, s.Region));
                var decisions = await grains.GetGrain<IMajorDecisionDirectoryGrain>(scope).List();
                var registry = EnforcementRegistries.KeyOf(scope);
                var enforcement = await grains.GetGrain<IEnforcementRegistryGrain>(registry).GetView();
                var (disputes, moreDisputes) = await Api.CaseListPages.ReadAsync(
                    grains.GetGrain<IDisputeDirectoryGrain>(scope), new CaseListQuery { Limit = LaneLimit, Now = now }, keep: null);
                var warnings = await grains.GetGrain<IWarningDirectoryGrain>(scope).List();
                return Results.Ok(new BoardSnapshot(scope, now, incidents.ConvertAll(s => s.AsOf(now)), drill)
                {
                    IncidentsComplete = moreIncidents is null,
                    Decisions = [.. Api.DecisionEndpoints.Sorted(decisions)],
                    Enforcement = new EnforcementBoard(registry, enforcement.RestrictionsInForce, enforcement.Version),
                    Disputes = disputes.ConvertAll(d => d.AsOf(now)),
                    DisputesComplete = moreDisputes is null,
                    Warnings = warnings,
                });
            })
            .RequireAuthorization(Policies.Read)
            .WithTags("Board")
            .WithSummary($"The open incidents and petitions of a scope (the {LaneLimit} most urgent of each, laneLimit; incidentsComplete and disputesComplete say whether that is all), its open major decisions and early warnings, as of now (a drill's virtual now for drill-<run>)")
            .WithDescription(Policies.Describe(Policies.Read))
            .Produces<BoardSnapshot>();
        app.MapGet("/api/board/settings", (TextRenderer texts) =>
                Results.Ok(new BoardSettings(texts.Zone.Id, texts.ZoneName(TextRenderer.LanguageOf(CultureInfo.CurrentUICulture)))))
            .RequireAuthorization(Policies.Read)
            .WithTags("Board")
            .WithSummary("The deployment's zone, in which the board shows every moment, and its name in the request's language")
            .WithDescription(Policies.Describe(Policies.Read))
            .Produces<BoardSettings>();
        app.MapHub<BoardHub>(BoardHub.Path);
        return app;
    }
}

/// <summary>
/// What a board shows, at one moment. Each incident carries its version. For a drill, <see cref="Drill"/>
/// is set (the drill marker): its title, phase, virtual clock and latest messages to the players.
/// </summary>
public sealed record BoardSnapshot(string Scope, DateTimeOffset AsOf, IReadOnlyList<IncidentSummary> Incidents, DrillStatus? Drill = null)
{
    /// <summary>Whether <see cref="Incidents"/> holds every open incident the reader may see (false: the most urgent <see cref="BoardEndpoints.LaneLimit"/>).</summary>
    public bool IncidentsComplete { get; init; } = true;

    /// <summary>The open major decisions, each with its stage, risk level, blockers and version.</summary>
    public IReadOnlyList<MajorDecisionSummary> Decisions { get; init; } = [];

    /// <summary>The regional approval restrictions in force, with the registry's version.</summary>
    public EnforcementBoard? Enforcement { get; init; }

    /// <summary>The open petitions and complaints, for the disputes lane (no personal data): the most urgent <see cref="BoardEndpoints.LaneLimit"/>.</summary>
    public IReadOnlyList<DisputeSummary> Disputes { get; init; } = [];

    /// <summary>Whether <see cref="Disputes"/> holds every open petition (false: the most urgent <see cref="BoardEndpoints.LaneLimit"/>).</summary>
    public bool DisputesComplete { get; init; } = true;

    /// <summary>How many cases a lane holds at most, when it holds only the most urgent (the board says so in its count).</summary>
    public int LaneLimit { get; init; } = BoardEndpoints.LaneLimit;

    /// <summary>The early warnings, newest first.</summary>
    public IReadOnlyList<EarlyWarningRecord> Warnings { get; init; } = [];
}

/// <summary>What the board shows of the enforcement registry; its id is the one its pushed summary carries.</summary>
public sealed record EnforcementBoard(string Id, IReadOnlyList<RegionalRestriction> RestrictionsInForce, long Version);

/// <summary>What a board needs to show moments as the engine does: the deployment's zone (an IANA id) and its name.</summary>
public sealed record BoardSettings(string TimeZone, string ZoneName);
