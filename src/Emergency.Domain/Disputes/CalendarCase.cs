using Emergency.Domain.Calendar;
using Emergency.Domain.Cases;
using Emergency.Domain.Disputes.Rules;
using Emergency.Domain.Messages;

namespace Emergency.Domain.Disputes;

/// <summary>
/// A case whose duties run on the working calendar (a petition, a deputy's suggestion, a disclosure request): its stored
/// state, the rule set it is judged by, the book-keeping of its obligations and windows, and what the case machinery
/// asks of every case.
/// </summary>
/// <typeparam name="TState">The stored state, with the obligations, windows and timeline every such case keeps.</typeparam>
/// <typeparam name="TRules">The kind's rule set, chosen when the case was received.</typeparam>
/// <typeparam name="TCommand">The kind's base command.</typeparam>
public abstract class CalendarCase<TState, TRules, TCommand> : JudgedCase<TCommand>, ICase<TCommand>, IMovesAskedOfTheMachine
    where TState : CaseState
    where TRules : class, IVersionedRuleSet
    where TCommand : CaseCommand
{
    /// <summary>Opens, completes and marks the case's obligations and windows and writes its timeline.</summary>
    private protected readonly Procedure _procedure;

    /// <param name="state">The stored state.</param>
    /// <param name="rules">The rule set; null for the machine alone (its graph), which judges nothing.</param>
    /// <param name="calendar">The working calendar the limits are counted on; null with the rules.</param>
    private protected CalendarCase(TState state, TRules? rules, WorkingCalendar? calendar)
    {
        State = state;
        Rules = rules!;
        _procedure = rules is null ? null! : new Procedure(state, calendar!, rules.Counting);
    }

    public TState State { get; }

    public TRules Rules { get; }

    string ICase.Id => State.Id;

    string ICase.Scope => State.Scope;

    long ICase.Version => State.Version;

    DateTimeOffset ICase.RegisteredAt => State.RegisteredAt;

    /// <summary>The earliest deadline or window end still ahead: when the engine must look again.</summary>
    public DateTimeOffset? NextDueAt => _procedure.NextDueAt;

    public bool HasOverdue => _procedure.HasOverdue;

    /// <summary>The case's procedure: which moves each phase allows, their guards and their effects.</summary>
    private protected abstract ICaseMachine<TCommand> Machine { get; }

    /// <summary>The moves a person may make now, in the words of the API: those the machine would fire, its guards asked without a command.</summary>
    public override IReadOnlyList<string> AllowedMoves(DateTimeOffset now) => Machine.AllowedMoves(now);

    public IReadOnlyList<string> AllowedMovesAskingTheMachine(DateTimeOffset now) => Machine.AllowedMovesAskingTheMachine(now);

    private protected override Message? Fire(TCommand command, Actor actor, DateTimeOffset now) => Machine.TryFire(command, actor, now, WhyPhaseForbids);

    /// <summary>Marks overdue obligations and lapsed windows.</summary>
    private protected override bool MarkDue(DateTimeOffset now) => _procedure.MarkDue(now);

    private protected override void NextVersion() => State.Version++;

    /// <summary>Why the phase allows no such move (its guard is not asked): in the words of the procedure.</summary>
    private protected abstract Message WhyPhaseForbids(TCommand command);
}
