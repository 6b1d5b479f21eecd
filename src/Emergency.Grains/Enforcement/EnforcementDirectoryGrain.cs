using Emergency.Contracts;
using Emergency.Domain.Enforcement;
using Emergency.Grains.Cases;

namespace Emergency.Grains.Enforcement;

/// <summary>
/// One shard of the list of enforcement registries. There is one registry per scope; listing it lets the start-up
/// warm-up re-arm its rectification deadlines like any case's.
/// </summary>
public sealed class EnforcementDirectoryGrain(
    [PersistentState("enforcementDirectory", StorageNames.Provider)] IPersistentState<CaseDirectoryState> state)
    : CaseDirectoryGrain<EnforcementSummary>(state), IEnforcementDirectoryGrain
{
    protected override ICaseGrain<EnforcementSummary> CaseGrain(string id) => GrainFactory.GetGrain<IEnforcementRegistryGrain>(id);
}
