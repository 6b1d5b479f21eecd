using Emergency.Contracts;
using Emergency.Domain.Incidents;
using Emergency.Grains.Cases;
using Emergency.Storage.Indexing;
using Orleans.Concurrency;

namespace Emergency.Grains.Incidents;

/// <summary>The incidents of one scope, from the case index.</summary>
[StatelessWorker]
public sealed class IncidentDirectoryGrain(CaseIndex index) : CaseDirectoryGrain<IncidentSummary>(index), IIncidentDirectoryGrain
{
    protected override string Kind => CaseKinds.Incident;

    protected override ICaseGrain<IncidentSummary> CaseGrain(string id) => GrainFactory.GetGrain<IIncidentGrain>(id);
}
