using Emergency.Contracts;
using Emergency.Domain.Decisions;
using Emergency.Grains.Cases;
using Emergency.Storage.Indexing;
using Orleans.Concurrency;

namespace Emergency.Grains.Decisions;

/// <summary>The major decisions of one scope, from the case index.</summary>
[StatelessWorker]
public sealed class MajorDecisionDirectoryGrain(CaseIndex index) : CaseDirectoryGrain<MajorDecisionSummary>(index), IMajorDecisionDirectoryGrain
{
    protected override string Kind => CaseKinds.Decision;

    protected override ICaseGrain<MajorDecisionSummary> CaseGrain(string id) => GrainFactory.GetGrain<IMajorDecisionGrain>(id);
}
