using Emergency.Domain.Disputes;

namespace Emergency.Contracts;

/// <summary>One deputy's suggestion or member's proposal (建议提案), keyed by its id ("sug-…"), on the case machinery.</summary>
public interface ISuggestionGrain : ICaseGrain<SuggestionSummary>
{
    /// <summary>Registers the item under this grain's id.</summary>
    Task<CommandResult<SuggestionView>> Register(RegisterSuggestion command, string scope, CommandContext context);

    /// <summary>Assigned with the four fixed points (四定); complex items get the longer limit.</summary>
    Task<CommandResult<SuggestionView>> Assign(Assign command, CommandContext context);

    /// <summary>A wrongly assigned item goes back (退回).</summary>
    Task<CommandResult<SuggestionView>> ReturnWrongAssignment(ReturnWrongAssignment command, CommandContext context);

    /// <summary>A contact with the deputy (沟通).</summary>
    Task<CommandResult<SuggestionView>> RecordCommunication(RecordCommunication command, CommandContext context);

    /// <summary>The reply, or the new reply to a dissatisfied deputy.</summary>
    Task<CommandResult<SuggestionView>> Reply(GiveAnswer command, CommandContext context);

    /// <summary>The deputy's satisfaction.</summary>
    Task<CommandResult<SuggestionView>> RecordSatisfaction(RecordSatisfaction command, CommandContext context);

    /// <summary>Closes the item.</summary>
    Task<CommandResult<SuggestionView>> Close(CloseCase command, CommandContext context);

    /// <summary>The item as <paramref name="actor"/> may see it, or null when no item has this id.</summary>
    Task<SuggestionView?> GetView(Domain.Actor actor);
}

/// <summary>One shard of the list of open suggestions and proposals of a scope, keyed "{scope}/{shard}".</summary>
public interface ISuggestionDirectoryGrain : ICaseDirectoryGrain<SuggestionSummary>;
