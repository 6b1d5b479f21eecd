using Emergency.Contracts;
using Emergency.Domain.Disputes;
using Emergency.Grains.Cases;
using Emergency.Storage.Indexing;
using Orleans.Concurrency;

namespace Emergency.Grains.Disputes;

/// <summary>The petitions and complaints of one scope, from the case index.</summary>
[StatelessWorker]
public sealed class DisputeDirectoryGrain(CaseIndex index) : CaseDirectoryGrain<DisputeSummary>(index), IDisputeDirectoryGrain
{
    protected override string Kind => CaseKinds.Dispute;

    protected override ICaseGrain<DisputeSummary> CaseGrain(string id) => GrainFactory.GetGrain<IDisputeGrain>(id);
}
