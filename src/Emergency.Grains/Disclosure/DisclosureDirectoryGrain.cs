using Emergency.Contracts;
using Emergency.Domain.Disclosure;
using Emergency.Grains.Cases;
using Emergency.Storage.Indexing;
using Orleans.Concurrency;

namespace Emergency.Grains.Disclosure;

/// <summary>The disclosure requests of one scope, from the case index.</summary>
[StatelessWorker]
public sealed class DisclosureDirectoryGrain(CaseIndex index) : CaseDirectoryGrain<DisclosureSummary>(index), IDisclosureDirectoryGrain
{
    protected override string Kind => CaseKinds.Disclosure;

    protected override ICaseGrain<DisclosureSummary> CaseGrain(string id) => GrainFactory.GetGrain<IDisclosureGrain>(id);
}
