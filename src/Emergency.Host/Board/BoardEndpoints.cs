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
    /// <summary>How many open petitions the snapshot's disputes lane holds at most, the most urgent (overdue first, then by the next limit).</summary>
    public const int DisputesLane = 500;

    public static IEndpointRouteBuilder MapBoardEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/board", async (HttpContext http, IGrainFactory grains, EngineClock clock, RegionCatalog regions, string? scope) =>
            {
                scope ??= Scopes.Live;
                if (!Scopes.IsValid(scope))
                {
                    return Api.Problems.NotOneOf("scope", scope, Scopes.Allowed);
                }

                var incidents = await grains.GetGrain<IIncidentDirectoryGrain>(scope).List();
                var jurisdiction = http.User.Jurisdiction();
                // A drill's board is counted against the drill's virtual clock, and says which drill it shows.
                var drill = DrillIds.RunOf(scope) is { } run ? await grains.GetGrain<IDrillGrain>(run).GetStatus() : null;
                var now = drill?.VirtualNow ?? clock.Now;
                var decisions = await grains.GetGrain<IMajorDecisionDirectoryGrain>(scope).List();
                var registry = EnforcementRegistries.KeyOf(scope);
                var enforcement = await grains.GetGrain<IEnforcementRegistryGrain>(registry).GetView();
                // The disputes lane holds the most urgent open petitions: a complaint surge may leave tens of thousands open.
                var disputes = await grains.GetGrain<IDisputeDirectoryGrain>(scope).Page(new CaseListQuery { Limit = DisputesLane, Now = now });
                var warnings = await grains.GetGrain<IWarningDirectoryGrain>(scope).List();
                return Results.Ok(new BoardSnapshot(scope, now, [.. incidents.Where(s => regions.WithinJurisdiction(jurisdiction, s.Region)).Select(s => s.AsOf(now))], drill)
                {
                    Decisions = [.. Api.DecisionEndpoints.Sorted(decisions)],
                    Enforcement = new EnforcementBoard(registry, enforcement.RestrictionsInForce, enforcement.Version),
                    Disputes = [.. disputes.Cases.Select(d => d.AsOf(now))],
                    DisputesComplete = disputes.End,
                    Warnings = warnings,
                });
            })
            .RequireAuthorization(Policies.Read)
            .WithTags("Board")
            .WithSummary("Every open incident, petition and early warning of a scope, as of now (a drill's virtual now for drill-<run>)")
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
    /// <summary>The open major decisions, each with its stage, risk level, blockers and version.</summary>
    public IReadOnlyList<MajorDecisionSummary> Decisions { get; init; } = [];

    /// <summary>The regional approval restrictions in force, with the registry's version.</summary>
    public EnforcementBoard? Enforcement { get; init; }

    /// <summary>The open petitions and complaints, for the disputes lane (no personal data): the most urgent <see cref="BoardEndpoints.DisputesLane"/>.</summary>
    public IReadOnlyList<DisputeSummary> Disputes { get; init; } = [];

    /// <summary>Whether <see cref="Disputes"/> holds every open petition (false: more are open than the lane holds; the list API pages them all).</summary>
    public bool DisputesComplete { get; init; } = true;

    /// <summary>The early warnings, newest first.</summary>
    public IReadOnlyList<EarlyWarningRecord> Warnings { get; init; } = [];
}

/// <summary>What the board shows of the enforcement registry; its id is the one its pushed summary carries.</summary>
public sealed record EnforcementBoard(string Id, IReadOnlyList<RegionalRestriction> RestrictionsInForce, long Version);

/// <summary>What a board needs to show moments as the engine does: the deployment's zone (an IANA id) and its name.</summary>
public sealed record BoardSettings(string TimeZone, string ZoneName);
