using Emergency.Contracts;
using Emergency.Domain.Decisions;
using Emergency.Grains.Cases;

namespace Emergency.Grains.Decisions;

/// <summary>One shard of the list of open major decisions.</summary>
public sealed class MajorDecisionDirectoryGrain(
    [PersistentState("decisionDirectory", StorageNames.Provider)] IPersistentState<CaseDirectoryState> state)
    : CaseDirectoryGrain<MajorDecisionSummary>(state), IMajorDecisionDirectoryGrain
{
    protected override ICaseGrain<MajorDecisionSummary> CaseGrain(string id) => GrainFactory.GetGrain<IMajorDecisionGrain>(id);
}
