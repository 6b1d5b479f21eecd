using Emergency.Domain.Cases;
using Orleans.Concurrency;

namespace Emergency.Contracts;

/// <summary>What every case grain answers besides its own commands: the machinery of lists, deadlines and drills.</summary>
/// <typeparam name="TSummary">One line of the case in a list.</typeparam>
public interface ICaseGrain<TSummary> : IGrainWithStringKey
    where TSummary : class, ICaseSummary
{
    /// <summary>Activates the case, marks what fell due, re-arms its deadlines, and returns its summary (null when it does not exist).</summary>
    Task<TSummary?> Touch();

    /// <summary>Drill cases only: moves the case's clock to <paramref name="now"/> on the drill's virtual time and marks what fell due.</summary>
    Task<TSummary?> Advance(DateTimeOffset now);

    /// <summary>Drill cases only: deletes the case's stored state.</summary>
    Task Purge();
}

/// <summary>
/// One shard of the list of open cases of one kind and scope, keyed "{scope}/{shard}" (see <see cref="CaseDirectory"/>).
/// It persists only which cases are open; their summaries are pushed by the cases and rebuilt on activation, which is
/// also how deadlines are re-armed after a restart.
/// </summary>
public interface ICaseDirectoryGrain<TSummary> : IGrainWithStringKey
    where TSummary : class, ICaseSummary
{
    /// <summary>Adds a case before its first write, so that no stored case is ever missing from the list.</summary>
    /// <remarks>Interleaves: a list may be waiting on the very case that is reserving itself.</remarks>
    [AlwaysInterleave]
    Task Reserve(string caseId);

    /// <summary>Takes a newer summary; a closed case leaves the list.</summary>
    /// <param name="summary">
    /// Passed by reference within a silo ([Immutable]), not deep-copied: a summary is a detached snapshot that shares
    /// no mutable object with the case's state (the domain property tests check it after every step), and the list
    /// keeps it as it is.
    /// </param>
    [OneWay]
    Task Publish([Immutable] TSummary summary);

    /// <summary>The open cases of this shard.</summary>
    Task<IReadOnlyList<TSummary>> List();

    /// <summary>Activates the shard and waits until every open case in it has been touched (deadlines re-armed).</summary>
    /// <remarks>
    /// Waits as long as the warm-up takes: tens of thousands of open cases take minutes on a small machine, and the
    /// default 30 s response timeout would abort the start (measured: 40,000 open incidents did not start).
    /// </remarks>
    [ResponseTimeout("01:00:00")]
    Task<int> WarmUp();

    /// <summary>Drill scopes only: purges every case of the shard, open or closed, and the shard itself.</summary>
    Task<int> Purge();
}

/// <summary>A case grain whose moves are commands as data: one entry point for every move of its kind.</summary>
/// <typeparam name="TCommand">The kind's base command; every move derives from it.</typeparam>
/// <typeparam name="TView">How the case is shown to whoever sent the command.</typeparam>
/// <typeparam name="TSummary">One line of the case in a list.</typeparam>
public interface ICaseGrain<TCommand, TView, TSummary> : ICaseGrain<TSummary>
    where TCommand : CaseCommand
    where TView : class
    where TSummary : class, ICaseSummary
{
    /// <summary>
    /// Makes a move: the one that creates the case registers it under this grain's id in <see cref="CommandContext.Scope"/>;
    /// every other is judged by the case at the command's moment. Answered only once an accepted move is durable.
    /// </summary>
    Task<CommandResult<TView>> Execute(TCommand command, CommandContext context);
}
