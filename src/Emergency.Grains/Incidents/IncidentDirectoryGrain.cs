using Emergency.Contracts;
using Emergency.Domain.Incidents;
using Emergency.Grains.Cases;

namespace Emergency.Grains.Incidents;

/// <summary>One shard of the open-incident list.</summary>
public sealed class IncidentDirectoryGrain(
    [PersistentState("incidentDirectory", StorageNames.Provider)] IPersistentState<CaseDirectoryState> state)
    : CaseDirectoryGrain<IncidentSummary>(state), IIncidentDirectoryGrain
{
    protected override ICaseGrain<IncidentSummary> CaseGrain(string id) => GrainFactory.GetGrain<IIncidentGrain>(id);
}
