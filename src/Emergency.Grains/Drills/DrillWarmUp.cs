using System.Text.Json;
using Emergency.Contracts;
using Emergency.Domain;
using Emergency.Domain.Drills;
using Emergency.Domain.Incidents;
using Emergency.Domain.Regions;
using Emergency.Domain.Rivers;
using Emergency.Domain.Rules;
using Emergency.Grains.Cases;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Emergency.Grains.Drills;

/// <summary>
/// Prepares a fresh engine for its first fast drill while it starts. The drill command line runs without tiered
/// compilation, so each method the drill makes hot is compiled, fully optimised, the first time it runs, and a first
/// drill of 10,008 injects spent about 1 s of its 3 s compiling (docs/benchmarks.md, "Issue 19, session 16"). This plays
/// one incident's drill on the domain alone and passes what it makes through the engine's own serializers (the stored
/// state, the commands' fingerprints), on a thread of its own while the silo starts, when a core is idle.
/// <para>
/// Nothing it makes is kept or written: the same code compiled earlier, no other effect. A drill that starts before
/// it ends shares the compiled code as it comes.
/// </para>
/// </summary>
public static class DrillWarmUp
{
    /// <summary>The moves of the drill benchmark's incidents: report, steps, a release drafted, approved and published, reports, the close.</summary>
    private const string Scenario = """
        title: warm-up
        region: {region}
        ruleSetDate: 2026-03-02
        start: 2026-03-02T00:00:00+08:00
        end: +12h
        injects:
        - {at: +0s, incident: i0, kind: incidentReported, title: T, source: patrol, facts: {deaths: 0}}
        - {at: +30m, incident: i0, kind: obligationCompleted, obligation: reachScene}
        - {at: +5h, incident: i0, kind: reportFiled, report: initial}
        - {at: +1h30m, incident: i0, kind: obligationCompleted, obligation: startMonitoring}
        - {at: +2h, incident: i0, kind: factsChanged, facts: {poisoned: 0, evacuated: 0}}
        - {at: +3h, incident: i0, kind: incident, action: draftRelease, with: {audience: public, headline: H, text: T}}
        - {at: +3h, incident: i0, kind: incident, action: approveRelease, with: {release: 1, approvedBy: W}}
        - {at: +3h, incident: i0, kind: incident, action: publishRelease, with: {release: 1}}
        - {at: +5h30m, incident: i0, kind: reportFiled, report: followUp}
        - {at: +6h, incident: i0, kind: obligationCompleted, obligation: organiseInvestigation}
        - {at: +7h, incident: i0, kind: reportFiled, report: final}
        - {at: +7h1m, incident: i0, kind: incidentClosed}
        """;

    private static readonly Actor Organiser = new("drill-warm-up", Role.DrillOrganiser);

    /// <summary>
    /// Plays the warm-up drill on the engine's rule sets and serializers (<paramref name="services"/>: a built engine's).
    /// Returns how many moves it has and how many of them the domain accepted (each one, unless the rules changed under it).
    /// </summary>
    public static (int Accepted, int Moves) Run(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var catalog = services.GetRequiredService<RuleSetCatalog>();
        var rivers = services.GetRequiredService<RiverCatalog>();
        var regions = services.GetRequiredService<RegionCatalog>();
        var storage = services.GetRequiredKeyedService<IGrainStorageSerializer>(StorageNames.Provider);

        // A region the deployment's catalog knows, if it has one: one that refuses unknown regions would refuse the report.
        var scenario = ScenarioReader.Read(Scenario.Replace("{region}", (regions.All.Count > 0 ? regions.All[0].Code : "WarmUp"), StringComparison.Ordinal), "warm-up.yaml");
        var accepted = 0;
        var moves = InMemoryReplay.Incidents(scenario, Organiser, (_, report, at) =>
        {
            var (incident, decision) = Incident.Register("warm-up", Scopes.Drill("warm-up"), report, Organiser, catalog, at, regions);
            return (incident?.WithRivers(rivers), decision);
        });
        foreach (var (incident, command, now, decision) in moves)
        {
            if (!decision.IsAccepted || incident is null)
            {
                continue;
            }

            accepted++;

            // What a case grain does with an accepted move: the command's fingerprint, the answer and the summary, the write.
            JsonSerializer.SerializeToUtf8Bytes(command, command.GetType(), DomainJson.Options);
            incident.View(now, []);
            incident.Summary(now);
            var record = new CaseRecord<IncidentState> { Case = incident.State, Indexed = true };
            storage.Deserialize<CaseRecord<IncidentState>>(storage.Serialize(record));
        }

        return (accepted, scenario.Injects.Count);
    }
}
