using Emergency.Contracts;
using Emergency.Domain.Enforcement;
using Emergency.Grains.Cases;
using Emergency.Storage.Indexing;
using Orleans.Concurrency;

namespace Emergency.Grains.Enforcement;

/// <summary>The enforcement registry of one scope (one per scope), from the case index: listing it lets the start-up re-arm its rectification deadlines like any case's.</summary>
[StatelessWorker]
public sealed class EnforcementDirectoryGrain(CaseIndex index) : CaseDirectoryGrain<EnforcementSummary>(index), IEnforcementDirectoryGrain
{
    protected override string Kind => CaseKinds.Enforcement;

    protected override ICaseGrain<EnforcementSummary> CaseGrain(string id) => GrainFactory.GetGrain<IEnforcementRegistryGrain>(id);
}
