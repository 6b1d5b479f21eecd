using Emergency.Contracts;
using Emergency.Domain.Disputes;
using Emergency.Grains.Cases;

namespace Emergency.Grains.Disputes;

/// <summary>One shard of the list of open petitions and complaints.</summary>
public sealed class DisputeDirectoryGrain(
    [PersistentState("disputeDirectory", StorageNames.Provider)] IPersistentState<CaseDirectoryState> state)
    : CaseDirectoryGrain<DisputeSummary>(state), IDisputeDirectoryGrain
{
    protected override ICaseGrain<DisputeSummary> CaseGrain(string id) => GrainFactory.GetGrain<IDisputeGrain>(id);
}
