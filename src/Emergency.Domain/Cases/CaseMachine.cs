using Emergency.Domain.Messages;
using Stateless;

namespace Emergency.Domain.Cases;

/// <summary>
/// A case's Stateless machine with its moves as triggers: one trigger per move of the kind, each guard kept with the
/// sentence that refuses the move, so that the machine's guard and the refusal always say the same. A kind of case
/// configures its stages on <see cref="Machine"/> with <see cref="On{TMove}"/>, <see cref="Guard{TMove}"/>,
/// <see cref="Effect{TMove}"/> and <see cref="Entry{TMove}"/>, and judges a move with <see cref="TryFire"/>.
/// </summary>
/// <typeparam name="TStage">The machine's states: the stored phases and the groups of phases that share moves.</typeparam>
/// <typeparam name="TCommand">The kind's base command.</typeparam>
public sealed class CaseMachine<TStage, TCommand> : ICaseMachine<TCommand>
    where TStage : struct, Enum
    where TCommand : CaseCommand
{
    private readonly Dictionary<string, StateMachine<TStage, string>.TriggerWithParameters<MoveStep<TCommand>>> _triggers = [];
    private readonly Dictionary<string, Func<MoveStep<TCommand>, Message?>> _preconditions = [];

    /// <param name="read">Reads the stored phase as a stage.</param>
    /// <param name="write">Stores a stage as the phase.</param>
    public CaseMachine(Func<TStage> read, Action<TStage> write)
    {
        Machine = new StateMachine<TStage, string>(read, write);
        _triggers.Declare(Machine, Moves.Of<TCommand>().Where(m => !m.Creates));
    }

    public StateMachine<TStage, string> Machine { get; }

    /// <summary>The trigger of a move.</summary>
    public StateMachine<TStage, string>.TriggerWithParameters<MoveStep<TCommand>> On<TMove>()
        where TMove : TCommand => _triggers[MoveOf<TMove>()];

    /// <summary>The name of a move, as the machine's triggers and the API call it.</summary>
    public string MoveOf<TMove>()
        where TMove : TCommand => Moves.Info(typeof(TMove)).Name;

    /// <summary>Keeps the move's precondition for its refusal and returns it as the machine's guard.</summary>
    public Func<MoveStep<TCommand>, bool> Guard<TMove>(Func<MoveStep<TCommand>, Message?> whyNot)
        where TMove : TCommand
    {
        _preconditions[MoveOf<TMove>()] = whyNot;
        return step => whyNot(step) is null;
    }

    /// <summary>The effect of an internal transition, given the move's own record.</summary>
    public Action<MoveStep<TCommand>, StateMachine<TStage, string>.Transition> Effect<TMove>(Action<TMove, Actor, DateTimeOffset> effect)
        where TMove : TCommand => (step, _) => effect((TMove)step.Command!, step.Actor, step.Now);

    /// <summary>The effect of entering a stage by a move, given the move's own record.</summary>
    public Action<MoveStep<TCommand>> Entry<TMove>(Action<TMove, Actor, DateTimeOffset> effect)
        where TMove : TCommand => step => effect((TMove)step.Command!, step.Actor, step.Now);

    /// <summary>
    /// Fires the move when the stage allows it and its guard holds, and returns null; otherwise changes nothing and
    /// returns why: the guard's sentence, or <paramref name="whyStageForbids"/> when the stage has no such move.
    /// </summary>
    public Message? TryFire(TCommand command, Actor actor, DateTimeOffset now, Func<TCommand, Message> whyStageForbids)
    {
        var move = Moves.NameOf(command);
        var step = new MoveStep<TCommand>(command, actor, now);
        if (!Machine.CanFire(_triggers[move], step, out var unmet))
        {
            return unmet is { Count: > 0 } ? _preconditions[move](step)! : whyStageForbids(command);
        }

        Machine.Fire(_triggers[move], step);
        return null;
    }

    /// <summary>The moves a person may make now: those the machine would fire, their guards asked without a command.</summary>
    public IReadOnlyList<string> AllowedMoves(DateTimeOffset now)
    {
        var probe = new MoveStep<TCommand>(null, Actor.System, now);
        return [.. Moves.Of<TCommand>()
            .Where(m => _triggers.ContainsKey(m.Name) && m.Roles.Any(r => r != Role.System) && Machine.CanFire(_triggers[m.Name], probe))
            .Select(m => m.Name)];
    }
}

/// <summary>What a case asks of its machine, whatever its stages: judge a move, and say which moves are possible.</summary>
/// <typeparam name="TCommand">The kind's base command.</typeparam>
public interface ICaseMachine<TCommand>
    where TCommand : CaseCommand
{
    /// <summary>Fires the move when allowed and returns null; otherwise changes nothing and returns why.</summary>
    Message? TryFire(TCommand command, Actor actor, DateTimeOffset now, Func<TCommand, Message> whyStageForbids);

    /// <summary>The moves a person may make now.</summary>
    IReadOnlyList<string> AllowedMoves(DateTimeOffset now);
}
