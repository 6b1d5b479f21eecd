using Emergency.Domain.Cases;

namespace Emergency.Domain.Disputes;

/// <summary>
/// A case whose duties run on the working calendar (a petition, a deputy's suggestion, a disclosure request): its stored
/// state, the book-keeping of its obligations and windows, and what the case machinery asks of every case.
/// </summary>
/// <typeparam name="TState">The stored state, with the obligations, windows and timeline every such case keeps.</typeparam>
/// <typeparam name="TCommand">The kind's base command.</typeparam>
public abstract class CalendarCase<TState, TCommand>(TState state) : ICase<TCommand>
    where TState : CaseState
    where TCommand : CaseCommand
{
    public TState State { get; } = state;

    string ICase.Id => State.Id;

    string ICase.Scope => State.Scope;

    long ICase.Version => State.Version;

    DateTimeOffset ICase.RegisteredAt => State.RegisteredAt;

    /// <summary>The earliest deadline or window end still ahead: when the engine must look again.</summary>
    public DateTimeOffset? NextDueAt => Procedure.NextDueAt;

    public bool HasOverdue => Procedure.HasOverdue;

    /// <summary>The book-keeping of the case's obligations, windows and timeline.</summary>
    private protected abstract Procedure Procedure { get; }

    /// <summary>Marks every deadline and window end that has passed. Returns true when anything changed.</summary>
    public bool Tick(DateTimeOffset now) => Procedure.Tick(now);

    public abstract Decision Handle(TCommand command, Actor actor, DateTimeOffset now);

    public abstract IReadOnlyList<string> AllowedMoves(DateTimeOffset now);
}
