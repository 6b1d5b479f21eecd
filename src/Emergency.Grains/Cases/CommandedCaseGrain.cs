using Emergency.Contracts;
using Emergency.Domain;
using Emergency.Domain.Cases;
using Microsoft.Extensions.Logging;

namespace Emergency.Grains.Cases;

/// <summary>
/// A case grain whose moves are commands as data: one entry point, <see cref="Execute"/>, takes every move of its
/// kind from the API and from drills alike. The move that creates the case registers it; every other is handed to
/// the case's one handler. A grain whose rules need other grains answers first in <see cref="Prepare"/>.
/// </summary>
/// <typeparam name="TCase">The domain aggregate, with its one handler.</typeparam>
/// <typeparam name="TState">Its stored state.</typeparam>
/// <typeparam name="TCommand">The kind's base command.</typeparam>
/// <typeparam name="TView">How the case is shown in answers.</typeparam>
/// <typeparam name="TSummary">One line of the case in lists and on the board.</typeparam>
public abstract partial class CaseGrain<TCase, TState, TCommand, TView, TSummary>(
    IPersistentState<CaseRecord<TState>> record, EngineClock clock, AnswerRetention answers, ILogger logger)
    : CaseGrain<TCase, TState, TView, TSummary>(record, clock, answers, logger)
    where TCase : class, ICase<TCommand>
    where TState : class, new()
    where TCommand : CaseCommand
    where TView : class
    where TSummary : class, ICaseSummary
{
    public virtual async Task<CommandResult<TView>> Execute(TCommand command, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(command);
        var refusal = await Prepare(command, context);
        if (Moves.Info(command.GetType()).Creates)
        {
            var scope = context.Scope ?? Scopes.Live;
            return await Register(command, scope, context, now => refusal is null ? Create(command, scope, context, now) : (null, refusal));
        }

        return await Execute(context, command, (@case, now) => refusal ?? @case.Handle(command, context.Actor, now));
    }

    /// <summary>Creates the case from the move that creates it, at <paramref name="now"/> on the scope's clock.</summary>
    protected abstract (TCase? Case, Decision Decision) Create(TCommand command, string scope, CommandContext context, DateTimeOffset now);

    /// <summary>
    /// Runs before a move is judged, for what only other grains know (do the complaints a move names exist?): a
    /// refusal returned here is the move's answer, and the case is not asked.
    /// </summary>
    protected virtual Task<Decision?> Prepare(TCommand command, CommandContext context) => Task.FromResult<Decision?>(null);
}
