using Stateless;
using Stateless.Reflection;

namespace Emergency.Domain.Cases;

/// <summary>
/// One case's Stateless machine, configured as Stateless is (<see cref="Configure"/>) but built only when the case
/// first makes a move (<see cref="Built"/>). Until then, whether a move is possible is answered from the configuration
/// as written (<see cref="Allows"/>), by Stateless's own rule: the stage or one of its superstates has a transition for
/// the move whose guard holds. A case that is only registered, read or listed never builds its machine.
/// </summary>
/// <remarks>
/// Building a Stateless machine costs more than the rest of a registration's domain work (Stateless wraps every guard
/// and action in a delegate of its own and names it by reflection): a petition's took about 39 KB and 40–130 µs, at
/// every registration and every activation.
/// </remarks>
/// <typeparam name="TStage">The machine's states.</typeparam>
/// <typeparam name="TCommand">The kind's base command.</typeparam>
public sealed class DeferredMachine<TStage, TCommand>(Func<TStage> read, Action<TStage> write)
    where TStage : struct, Enum
    where TCommand : CaseCommand
{
    private readonly List<Action<StateMachine<TStage, string>>> _configuration = [];
    private readonly Dictionary<TStage, TStage> _superstates = [];
    private readonly Dictionary<(TStage Stage, string Move), List<Func<MoveStep<TCommand>, bool>?>> _transitions = [];
    private StateMachine<TStage, string>? _built;

    /// <summary>The machine itself, built from the configuration at the first call.</summary>
    public StateMachine<TStage, string> Built => _built ??= Build();

    /// <summary>The stage's configuration, as Stateless's <c>Configure(stage)</c>.</summary>
    public Stage Configure(TStage stage) => new(this, stage);

    /// <summary>The machine's description, for its diagram.</summary>
    public StateMachineInfo GetInfo() => Built.GetInfo();

    /// <summary>Whether the machine, standing where it stands, would fire <paramref name="move"/> for <paramref name="step"/>.</summary>
    public bool Allows(string move, MoveStep<TCommand> step) => Find(move, step, anyGuard: false);

    /// <summary>Whether the stage or a superstate has any transition for <paramref name="move"/>, whatever its guard.</summary>
    public bool Handles(string move) => Find(move, null, anyGuard: true);

    /// <summary>
    /// Walks from the stage the case stands in up its superstates, as Stateless looks for a move's transition: true at
    /// the first transition for <paramref name="move"/> without a guard, or whose guard holds for <paramref name="step"/>
    /// (or, with <paramref name="anyGuard"/>, at the first transition at all).
    /// </summary>
    private bool Find(string move, MoveStep<TCommand>? step, bool anyGuard)
    {
        for (TStage? at = read(); at is { } stage; at = _superstates.TryGetValue(stage, out var above) ? above : null)
        {
            if (!_transitions.TryGetValue((stage, move), out var guards))
            {
                continue;
            }

            foreach (var guard in guards)
            {
                if (anyGuard || guard is null || guard(step!))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private StateMachine<TStage, string> Build()
    {
        var machine = new StateMachine<TStage, string>(read, write);
        foreach (var move in Moves.Of<TCommand>().Where(m => !m.Creates))
        {
            machine.SetTriggerParameters<MoveStep<TCommand>>(move.Name);
        }

        foreach (var configure in _configuration)
        {
            configure(machine);
        }

        return machine;
    }

    private void Add(TStage stage, string? move, Func<MoveStep<TCommand>, bool>? guard, Action<StateMachine<TStage, string>> configure)
    {
        if (_built is not null)
        {
            throw new InvalidOperationException("The machine is configured before it is built.");
        }

        if (move is not null)
        {
            if (!_transitions.TryGetValue((stage, move), out var guards))
            {
                _transitions[(stage, move)] = guards = [];
            }

            guards.Add(guard);
        }

        _configuration.Add(configure);
    }

    /// <summary>One stage's configuration: the calls of Stateless's <c>StateConfiguration</c> the case machines use.</summary>
    public readonly struct Stage(DeferredMachine<TStage, TCommand> owner, TStage stage)
    {
        public Stage SubstateOf(TStage superstate)
        {
            owner._superstates[stage] = superstate;
            var at = stage;
            owner.Add(stage, null, null, m => m.Configure(at).SubstateOf(superstate));
            return this;
        }

        public Stage InternalTransition(
            StateMachine<TStage, string>.TriggerWithParameters<MoveStep<TCommand>> trigger, Action<MoveStep<TCommand>, StateMachine<TStage, string>.Transition> action)
        {
            var at = stage;
            owner.Add(stage, trigger.Trigger, null, m => m.Configure(at).InternalTransition(trigger, action));
            return this;
        }

        public Stage InternalTransitionIf(
            StateMachine<TStage, string>.TriggerWithParameters<MoveStep<TCommand>> trigger, Func<MoveStep<TCommand>, bool> guard,
            Action<MoveStep<TCommand>, StateMachine<TStage, string>.Transition> action, string guardDescription)
        {
            var at = stage;
            owner.Add(stage, trigger.Trigger, guard, m => m.Configure(at).InternalTransitionIf(trigger, guard, action, guardDescription));
            return this;
        }

        public Stage Permit(string trigger, TStage destination)
        {
            var at = stage;
            owner.Add(stage, trigger, null, m => m.Configure(at).Permit(trigger, destination));
            return this;
        }

        public Stage PermitIf(
            StateMachine<TStage, string>.TriggerWithParameters<MoveStep<TCommand>> trigger, TStage destination, Func<MoveStep<TCommand>, bool> guard, string guardDescription)
        {
            var at = stage;
            owner.Add(stage, trigger.Trigger, guard, m => m.Configure(at).PermitIf(trigger, destination, guard, guardDescription));
            return this;
        }

        public Stage PermitDynamicIf(
            StateMachine<TStage, string>.TriggerWithParameters<MoveStep<TCommand>> trigger, Func<MoveStep<TCommand>, TStage> destination,
            Func<MoveStep<TCommand>, bool> guard, string guardDescription, DynamicStateInfos destinations)
        {
            var at = stage;
            owner.Add(stage, trigger.Trigger, guard, m => m.Configure(at).PermitDynamicIf(trigger, destination, guard, guardDescription, destinations));
            return this;
        }

        public Stage OnEntryFrom(StateMachine<TStage, string>.TriggerWithParameters<MoveStep<TCommand>> trigger, Action<MoveStep<TCommand>> action, string description)
        {
            var at = stage;
            owner.Add(stage, null, null, m => m.Configure(at).OnEntryFrom(trigger, action, description));
            return this;
        }
    }
}
