using Emergency.Contracts;
using Emergency.Domain.Disputes;
using Emergency.Grains.Cases;

namespace Emergency.Grains.Suggestions;

/// <summary>One shard of the list of open suggestions and proposals.</summary>
public sealed class SuggestionDirectoryGrain(
    [PersistentState("suggestionDirectory", StorageNames.Provider)] IPersistentState<CaseDirectoryState> state)
    : CaseDirectoryGrain<SuggestionSummary>(state), ISuggestionDirectoryGrain
{
    protected override ICaseGrain<SuggestionSummary> CaseGrain(string id) => GrainFactory.GetGrain<ISuggestionGrain>(id);
}
