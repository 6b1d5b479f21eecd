using Emergency.Domain.Disputes;

namespace Emergency.Contracts;

/// <summary>
/// One deputy's suggestion or member's proposal (建议提案), keyed by its id ("sug-…"), on the case machinery. Every move
/// (<see cref="SuggestionCommand"/>) is judged by the domain and persisted before it is answered.
/// </summary>
public interface ISuggestionGrain : ICaseGrain<SuggestionCommand, SuggestionView, SuggestionSummary>
{
    /// <summary>The item as <paramref name="actor"/> may see it, or null when no item has this id.</summary>
    Task<SuggestionView?> GetView(Domain.Actor actor);
}

/// <summary>One shard of the list of open suggestions and proposals of a scope, keyed "{scope}/{shard}".</summary>
public interface ISuggestionDirectoryGrain : ICaseDirectoryGrain<SuggestionSummary>;
