using System.Collections.Frozen;
using Stateless;

namespace Emergency.Domain.Cases;

/// <summary>
/// A kind of case's procedure, declared once for every case of the kind: each stage's superstate, and each move's
/// transitions with their guards and effects, which take the case they act on. Each case's Stateless machine is built
/// from it (<see cref="Build"/>) when the case first makes a move, and judges every move; whether a move is possible now
/// is answered from the same declaration without building one (<see cref="Allows"/>), by Stateless's own rule: the
/// stage or one of its superstates has a transition for the move whose guard holds.
/// </summary>
/// <remarks>
/// Building a Stateless machine costs more than judging many moves on it (every guard and action is a new delegate,
/// which Stateless names by reflection), and every answer lists the moves possible: asked of the machine, each move
/// and variant was one probe, each allocating Stateless's lists of unmet guards. A case that is only registered, read
/// or listed no longer builds a machine.
/// </remarks>
/// <typeparam name="TCase">The case the guards and effects act on.</typeparam>
/// <typeparam name="TStage">The machine's states.</typeparam>
/// <typeparam name="TCommand">The kind's base command.</typeparam>
public sealed class CaseProcedure<TCase, TStage, TCommand>
    where TStage : struct, Enum
    where TCommand : CaseCommand
{
    private readonly List<Step> _steps = [];
    private readonly Dictionary<TStage, TStage> _superstates = [];
    private readonly FrozenDictionary<(TStage Stage, string Move), Func<TCase, MoveStep<TCommand>, bool>?[]>? _guards;

    /// <summary>Declares the procedure: <paramref name="declare"/> runs once, in the order Stateless is configured.</summary>
    public CaseProcedure(Action<CaseProcedure<TCase, TStage, TCommand>> declare)
    {
        declare(this);
        _guards = _steps.Where(s => s.Kind is StepKind.Internal or StepKind.Permit)
            .GroupBy(s => (s.Stage, s.Move))
            .ToFrozenDictionary(g => g.Key, g => g.Select(s => s.Guard).ToArray());
    }

    /// <summary>Declares the stages' transitions in the order given.</summary>
    public StageSteps In(TStage stage) => new(this, stage);

    /// <summary>
    /// Whether the machine of <paramref name="case"/>, standing in <paramref name="stage"/>, would fire
    /// <paramref name="move"/> for <paramref name="step"/>: some transition for it, in the stage or a superstate, has
    /// no guard or a guard that holds.
    /// </summary>
    public bool Allows(TCase @case, TStage stage, string move, MoveStep<TCommand> step)
    {
        for (TStage? at = stage; at is { } current; at = _superstates.TryGetValue(current, out var above) ? above : null)
        {
            if (!_guards!.TryGetValue((current, move), out var guards))
            {
                continue;
            }

            foreach (var guard in guards)
            {
                if (guard is null || guard(@case, step))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Builds the Stateless machine of one case, its triggers one per move of the kind (the creating move's too: the machine refuses it).</summary>
    public (StateMachine<TStage, string> Machine, IReadOnlyDictionary<string, StateMachine<TStage, string>.TriggerWithParameters<MoveStep<TCommand>>> Triggers) Build(
        TCase @case, Func<TStage> read, Action<TStage> write)
    {
        var machine = new StateMachine<TStage, string>(read, write);
        var triggers = new Dictionary<string, StateMachine<TStage, string>.TriggerWithParameters<MoveStep<TCommand>>>(StringComparer.Ordinal);
        triggers.Declare(machine, Moves.Of<TCommand>());
        foreach (var step in _steps)
        {
            var stage = machine.Configure(step.Stage);
            switch (step.Kind)
            {
                case StepKind.Superstate:
                    stage.SubstateOf(step.Destination);
                    break;
                case StepKind.Internal when step.Guard is { } guard:
                    stage.InternalTransitionIf(triggers[step.Move], m => guard(@case, m), (m, _) => step.Effect!(@case, m), step.Description);
                    break;
                case StepKind.Internal:
                    stage.InternalTransition(triggers[step.Move], (m, _) => step.Effect!(@case, m));
                    break;
                case StepKind.Permit:
                    var permitted = step.Guard!;
                    stage.PermitIf(triggers[step.Move], step.Destination, m => permitted(@case, m), step.Description);
                    break;
                case StepKind.Entry:
                    stage.OnEntryFrom(triggers[step.Move], m => step.Effect!(@case, m), step.Description);
                    break;
            }
        }

        return (machine, triggers);
    }

    private void Add(Step step)
    {
        if (_guards is not null)
        {
            throw new InvalidOperationException("A procedure is declared once, in its constructor.");
        }

        if (step.Kind == StepKind.Superstate)
        {
            _superstates[step.Stage] = step.Destination;
        }

        _steps.Add(step);
    }

    private static string MoveOf<TMove>()
        where TMove : TCommand => Moves.Info(typeof(TMove)).Name;

    private static Action<TCase, MoveStep<TCommand>> Typed<TMove>(Action<TCase, TMove, Actor, DateTimeOffset> effect)
        where TMove : TCommand => (@case, m) => effect(@case, (TMove)m.Command!, m.Actor, m.Now);

    private enum StepKind
    {
        Superstate,
        Internal,
        Permit,
        Entry,
    }

    private sealed record Step(
        StepKind Kind, TStage Stage, string Move, TStage Destination, Func<TCase, MoveStep<TCommand>, bool>? Guard, Action<TCase, MoveStep<TCommand>>? Effect, string? Description);

    /// <summary>One stage's declarations, as Stateless's <c>Configure(stage)</c> takes them.</summary>
    public readonly struct StageSteps(CaseProcedure<TCase, TStage, TCommand> procedure, TStage stage)
    {
        /// <summary>The stage is within <paramref name="superstate"/>: the superstate's transitions are the stage's too.</summary>
        public StageSteps SubstateOf(TStage superstate) => Then(new(StepKind.Superstate, stage, "", superstate, null, null, null));

        /// <summary>The move is made within the stage, always.</summary>
        public StageSteps Internal<TMove>(Action<TCase, TMove, Actor, DateTimeOffset> effect)
            where TMove : TCommand => Then(new(StepKind.Internal, stage, MoveOf<TMove>(), default, null, Typed(effect), null));

        /// <summary>The move is made within the stage when <paramref name="guard"/> holds, described by <paramref name="description"/>.</summary>
        public StageSteps InternalIf<TMove>(Func<TCase, MoveStep<TCommand>, bool> guard, Action<TCase, TMove, Actor, DateTimeOffset> effect, string description)
            where TMove : TCommand => Then(new(StepKind.Internal, stage, MoveOf<TMove>(), default, guard, Typed(effect), description));

        /// <summary>The move leads to <paramref name="destination"/> when <paramref name="guard"/> holds.</summary>
        public StageSteps PermitIf<TMove>(TStage destination, Func<TCase, MoveStep<TCommand>, bool> guard, string description)
            where TMove : TCommand => Then(new(StepKind.Permit, stage, MoveOf<TMove>(), destination, guard, null, description));

        /// <summary>Entering the stage by the move runs <paramref name="effect"/>.</summary>
        public StageSteps OnEntryFrom<TMove>(Action<TCase, TMove, Actor, DateTimeOffset> effect, string description)
            where TMove : TCommand => Then(new(StepKind.Entry, stage, MoveOf<TMove>(), default, null, Typed(effect), description));

        private StageSteps Then(Step step)
        {
            procedure.Add(step);
            return this;
        }
    }
}
