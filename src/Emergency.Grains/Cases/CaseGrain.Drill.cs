using Emergency.Contracts;
using Emergency.Domain;
using Orleans.Concurrency;

namespace Emergency.Grains.Cases;

/// <summary>
/// What a drill asks of its cases besides their moves (<see cref="IDrillCaseGrain{TCommand, TView, TSummary}"/>), answered by
/// reference, and the answer to a fast drill's own moves. A fast drill reads of an answer only whether the move was
/// refused, and the facts, level and deadlines the case shows after it: its report is drawn from the views its cases
/// give at its end. So a deferred move's answer is the case's view without what only a person deciding their next move
/// reads (a kind leaves that out in <see cref="DrillViewOf"/>).
/// </summary>
public abstract partial class CaseGrain<TCase, TState, TView, TSummary>
{
    public async Task<Immutable<TSummary?>> AdvanceInDrill(DateTimeOffset now) => new(await Advance(now));

    public async Task<Immutable<TView?>> EndOfDrill(DateTimeOffset end)
    {
        await Advance(end);
        return new(Case is null ? null : ViewOf(Case, CurrentTime, null));
    }

    /// <summary>
    /// The case as a fast drill's move is answered with: the kind's view, less what the drill does not read and costs
    /// most to draw (the moves allowed now, for an incident). Every other answer is drawn by <see cref="ViewOf"/>.
    /// </summary>
    protected virtual TView DrillViewOf(TCase @case, DateTimeOffset now, Actor? actor) => ViewOf(@case, now, actor);

    /// <summary>The answer to an accepted move: for a fast drill's deferred move, its <see cref="DrillViewOf"/>, paged as every answer is.</summary>
    private TView AcceptedAnswerOf(CommandContext context, DateTimeOffset now) =>
        context.Deferred && Scopes.IsDrill(Case!.Scope) ? Paged(DrillViewOf(Case, now, context.Actor)) : AnswerOf(Case!, now, context.Actor);
}
