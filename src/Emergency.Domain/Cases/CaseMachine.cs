using Emergency.Domain.Messages;
using Stateless;

namespace Emergency.Domain.Cases;

/// <summary>
/// A case's Stateless machine with its moves as triggers: one trigger per move of the kind, each guard kept with the
/// sentence that refuses the move, so that the machine's guard and the refusal always say the same. A kind of case
/// configures its stages on <see cref="Machine"/> with <see cref="On{TMove}"/>, <see cref="Guard{TMove}"/>,
/// <see cref="Effect{TMove}"/> and <see cref="Entry{TMove}"/>, and judges a move with <see cref="TryFire"/>. The
/// machine is built at the case's first move; the moves possible are read from its configuration without it.
/// </summary>
/// <typeparam name="TStage">The machine's states: the stored phases and the groups of phases that share moves.</typeparam>
/// <typeparam name="TCommand">The kind's base command.</typeparam>
public sealed class CaseMachine<TStage, TCommand> : ICaseMachine<TCommand>
    where TStage : struct, Enum
    where TCommand : CaseCommand
{
    private readonly Dictionary<string, Func<MoveStep<TCommand>, Message?>> _preconditions = [];

    /// <param name="read">Reads the stored phase as a stage.</param>
    /// <param name="write">Stores a stage as the phase.</param>
    public CaseMachine(Func<TStage> read, Action<TStage> write)
    {
        Machine = new DeferredMachine<TStage, TCommand>(read, write);
    }

    public DeferredMachine<TStage, TCommand> Machine { get; }

    /// <summary>One trigger per move but the creating one, shared by every case of the kind: a trigger is only its name and its argument's type.</summary>
    private static readonly Dictionary<string, StateMachine<TStage, string>.TriggerWithParameters<MoveStep<TCommand>>> Triggers =
        Moves.Of<TCommand>().Where(m => !m.Creates).ToDictionary(m => m.Name, m => new StateMachine<TStage, string>.TriggerWithParameters<MoveStep<TCommand>>(m.Name));

    /// <summary>The trigger of a move.</summary>
    public StateMachine<TStage, string>.TriggerWithParameters<MoveStep<TCommand>> On<TMove>()
        where TMove : TCommand => Triggers[MoveOf<TMove>()];

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
        if (!Machine.Allows(move, step))
        {
            return Machine.Handles(move) ? _preconditions[move](step)! : whyStageForbids(command);
        }

        Machine.Built.Fire(Triggers[move], step);
        return null;
    }

    /// <summary>The moves a person may make now: those the machine would fire, their guards asked without a command.</summary>
    public IReadOnlyList<string> AllowedMoves(DateTimeOffset now) => Allowed(now, (move, probe) => Machine.Allows(move, probe));

    /// <summary>The same moves, each asked of the built machine: what <see cref="AllowedMoves"/> must answer.</summary>
    public IReadOnlyList<string> AllowedMovesAskingTheMachine(DateTimeOffset now) => Allowed(now, (move, probe) => Machine.Built.CanFire(Triggers[move], probe));

    private static IReadOnlyList<string> Allowed(DateTimeOffset now, Func<string, MoveStep<TCommand>, bool> permits)
    {
        var probe = new MoveStep<TCommand>(null, Actor.System, now);
        return [.. Moves.Of<TCommand>()
            .Where(m => Triggers.ContainsKey(m.Name) && m.Roles.Any(r => r != Role.System) && permits(m.Name, probe))
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

    /// <summary>The same moves, each asked of the built machine (for the tests that hold the two to one answer).</summary>
    IReadOnlyList<string> AllowedMovesAskingTheMachine(DateTimeOffset now);
}

/// <summary>
/// A case whose allowed moves are read from its machine's configuration without building the machine, and that can
/// also ask the built machine move by move: the property tests hold the two to the same answer after every move.
/// </summary>
public interface IMovesAskedOfTheMachine
{
    /// <summary>The allowed moves, each asked of the built machine.</summary>
    IReadOnlyList<string> AllowedMovesAskingTheMachine(DateTimeOffset now);
}
