using Emergency.Domain;

namespace Emergency.Contracts;

/// <summary>The answer to a command: the domain's decision and the case as it stands afterwards.</summary>
/// <typeparam name="TView">How the case is shown to whoever sent the command.</typeparam>
[GenerateSerializer]
public sealed record CommandResult<TView>
    where TView : class
{
    [Id(0)]
    public required CommandStatus Status { get; init; }

    [Id(1)]
    public Decision? Decision { get; init; }

    [Id(2)]
    public TView? View { get; init; }

    public static CommandResult<TView> NotFound { get; } = new() { Status = CommandStatus.NotFound };
}

public enum CommandStatus
{
    /// <summary>Applied and durable.</summary>
    Accepted,

    /// <summary>A retry of a command already applied: nothing was applied again.</summary>
    Replayed,

    Invalid,

    NotAllowed,

    NotFound,

    /// <summary>The command id was used before for a different command.</summary>
    CommandIdReused,
}
