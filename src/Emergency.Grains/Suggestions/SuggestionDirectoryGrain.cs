using Emergency.Contracts;
using Emergency.Domain.Disputes;
using Emergency.Grains.Cases;
using Emergency.Storage.Indexing;
using Orleans.Concurrency;

namespace Emergency.Grains.Suggestions;

/// <summary>The deputies' suggestions of one scope, from the case index.</summary>
[StatelessWorker]
public sealed class SuggestionDirectoryGrain(CaseIndex index) : CaseDirectoryGrain<SuggestionSummary>(index), ISuggestionDirectoryGrain
{
    protected override string Kind => CaseKinds.Suggestion;

    protected override ICaseGrain<SuggestionSummary> CaseGrain(string id) => GrainFactory.GetGrain<ISuggestionGrain>(id);
}
