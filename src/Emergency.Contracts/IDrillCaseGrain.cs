using Emergency.Domain.Cases;
using Orleans.Concurrency;

namespace Emergency.Contracts;

/// <summary>
/// What a drill asks of one of its cases besides its moves, answered by reference within a silo
/// (<see cref="Immutable{T}"/>): a summary or a view is a detached snapshot that shares no mutable object with the case's
/// state, and its copy through JSON was most of the cost of a fast drill's deadline advances and of its end, as the copy
/// of its commands was of its moves. Every case grain whose moves are commands answers it.
/// </summary>
/// <typeparam name="TCommand">The kind's base command.</typeparam>
/// <typeparam name="TView">How the case is shown.</typeparam>
/// <typeparam name="TSummary">One line of the case in a list.</typeparam>
public interface IDrillCaseGrain<TCommand, TView, TSummary> : IGrainWithStringKey
    where TCommand : CaseCommand
    where TView : class
    where TSummary : class, ICaseSummary
{
    /// <summary>
    /// A fast drill's move, as <see cref="ICaseGrain{TCommand, TView, TSummary}.Execute"/> makes it, the command passed by
    /// reference: the drill builds each command for this one call and never changes it afterwards.
    /// </summary>
    Task<CommandResult<TView>> ExecuteInDrill(Immutable<TCommand> command, CommandContext context);

    /// <summary>
    /// As <see cref="ICaseGrain{TSummary}.Advance"/>: drill cases only, moves the case's clock to <paramref name="now"/> on
    /// the drill's virtual time and marks what fell due; the summary then (null when the case does not exist, or is live).
    /// </summary>
    Task<Immutable<TSummary?>> AdvanceInDrill(DateTimeOffset now);

    /// <summary>
    /// The case at the end of its drill: advanced to <paramref name="end"/> as <see cref="AdvanceInDrill"/> does, then its
    /// view as of then (null when the case does not exist; a live case is only shown).
    /// </summary>
    Task<Immutable<TView?>> EndOfDrill(DateTimeOffset end);
}
