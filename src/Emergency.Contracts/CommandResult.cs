using Emergency.Domain;

namespace Emergency.Contracts;

/// <summary>
/// The answer to a command: the domain's decision and the case as it stands afterwards. Within a silo both are passed
/// by reference ([Immutable]), not deep-copied through JSON: that copy was a quarter of the engine's CPU under load.
/// </summary>
/// <typeparam name="TView">How the case is shown to whoever sent the command.</typeparam>
[GenerateSerializer]
public sealed record CommandResult<TView>
    where TView : class
{
    [Id(0)]
    public required CommandStatus Status { get; init; }

    /// <summary>
    /// Passed by reference within a silo: a decision is built for the answer (its lists are its own, never the
    /// state's) and never changed afterwards.
    /// </summary>
    [Id(1)]
    [Immutable]
    public Decision? Decision { get; init; }

    /// <summary>
    /// Passed by reference within a silo: a view is a detached snapshot that shares no mutable object with the case's
    /// state, so the grain may go on changing its state while the caller still reads the view. The domain property
    /// tests check it after every step, for every role a grain redacts for.
    /// </summary>
    [Id(2)]
    [Immutable]
    public TView? View { get; init; }

    /// <summary>
    /// A replay whose first answer is no longer kept (older than the engine's answer window): <see cref="View"/> is
    /// the case as it is now, not as it was answered then. The command was still not applied again.
    /// </summary>
    [Id(3)]
    public bool FirstAnswerExpired { get; init; }

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

    /// <summary>The case lies outside the sender's jurisdiction: nothing was applied.</summary>
    Forbidden,
}
