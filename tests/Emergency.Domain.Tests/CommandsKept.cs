using System.Reflection;
using Emergency.Domain.Cases;

namespace Emergency.Domain.Tests;

/// <summary>
/// The grains pass a command to its case by reference within a silo ([Immutable] on <c>ICaseGrain.Execute</c>), so the
/// sender's object and the case's state must share nothing mutable: a case that kept a command's list and later changed
/// it would change the sender's command (a drill's scenario, sent again), and a sender that changed its command would
/// change the case. The property tests judge every move through <see cref="Judge"/>, and check every registration.
/// After every move, the moves a case lists as allowed (read from its machine's configuration) are also asked of its
/// built machine one by one: the two must give the same answer.
/// </summary>
public static class CommandsKept
{
    /// <summary>Judges <paramref name="command"/> as <see cref="JudgedCase{TCommand}.Handle"/> does, then checks that the case's state keeps nothing mutable of it.</summary>
    public static Decision Judge<TCommand>(this JudgedCase<TCommand> judged, TCommand command, Actor actor, DateTimeOffset now)
        where TCommand : CaseCommand
    {
        var decision = judged.Handle(command, actor, now);
        Detachment.Check(StateOf(judged), ("command", command));
        if (judged is IMovesAskedOfTheMachine asked)
        {
            Assert.Equal(asked.AllowedMovesAskingTheMachine(now), judged.AllowedMoves(now));
        }

        return decision;
    }

    /// <summary>Checks that a case just registered from <paramref name="command"/> keeps nothing mutable of it.</summary>
    public static void CheckRegistered(object @case, CaseCommand command) => Detachment.Check(StateOf(@case), ("command", command));

    private static object StateOf(object @case) =>
        @case.GetType().GetProperty("State", BindingFlags.Public | BindingFlags.Instance)?.GetValue(@case)
            ?? throw new InvalidOperationException($"{@case.GetType().Name} has no state to check");
}
