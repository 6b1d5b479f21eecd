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

    /// <summary>
    /// Drill cases only: makes durable what commands sent <see cref="CommandContext.Deferred"/> changed and did not write
    /// yet (nothing when there is nothing unwritten). A fast drill calls it at each checkpoint, before storing its progress.
    /// </summary>
    Task Flush();
}

/// <summary>
/// The list of the cases of one kind in one scope, keyed by the scope ("live" or "drill-&lt;run&gt;"). It reads the durable
/// case index, which every case writes in the same transaction as its state; it stores and keeps nothing itself.
/// </summary>
public interface ICaseDirectoryGrain<TSummary> : IGrainWithStringKey
    where TSummary : class, ICaseSummary
{
    /// <summary>The open cases of the scope, as of their latest write.</summary>
    Task<IReadOnlyList<TSummary>> List();

    /// <summary>
    /// Up to <see cref="CaseListQuery.Limit"/> open cases of the scope after a position, in the lists' order (overdue
    /// first, then by the next deadline, then by id), read as one range of the index: the same cost with any number of
    /// open cases.
    /// </summary>
    Task<CaseListChunk<TSummary>> Page(CaseListQuery query);

    /// <summary>
    /// Up to <paramref name="limit"/> cases of the scope, open or closed, by id after <paramref name="afterId"/> (null:
    /// from the first): efficiency supervision counts every case, read a range at a time.
    /// </summary>
    Task<CaseListChunk<TSummary>> HistoryPage(string? afterId, int limit);

    /// <summary>Every case of the scope, open or closed (efficiency supervision counts the closed ones too).</summary>
    Task<IReadOnlyList<TSummary>> History();

    /// <summary>How many open cases of the scope have a deadline passed now, counted in the index without reading their summaries.</summary>
    Task<int> CountOverdue();

    /// <summary>
    /// Live scope: touches the open cases whose deadline fell due while the engine was down and arms the wake-ups of
    /// the rest (a timer on the engine clock, a durable reminder); returns how many cases were touched (the
    /// sweep a directory makes when it is activated counts: a warm-up that activates it does not sweep twice).
    /// </summary>
    /// <remarks>
    /// Waits as long as the warm-up takes: after a long outage many cases may be due at once, and the default 30 s
    /// response timeout would abort the start (measured: 40,000 open incidents did not start when every one was touched).
    /// </remarks>
    [ResponseTimeout("01:00:00")]
    Task<int> WarmUp();

    /// <summary>Touches every open case of the scope whose deadline has come; returns how many.</summary>
    [ResponseTimeout("01:00:00")]
    Task<int> Sweep();

    /// <summary>Drill scopes only: purges every case of the scope, open or closed.</summary>
    Task<int> Purge();

    /// <summary>
    /// Live scope: a case says when it must next be looked at (a deadline, or a closed case's purge), after the write
    /// that stored it in the index; the directory wakes it then if that is earlier than the wake-up it holds.
    /// </summary>
    [OneWay]
    Task Expect(DateTimeOffset wakeAt);
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
    /// <remarks>
    /// Within a silo the command is passed by reference ([Immutable]), not deep-copied through JSON (2–3 % of the CPU a
    /// registration costs): a command is a record its sender never changes once sent, and the domain copies whatever of
    /// it a case keeps (the domain's property tests check both after every move: <c>CommandsKept</c>).
    /// </remarks>
    Task<CommandResult<TView>> Execute([Immutable] TCommand command, CommandContext context);
}
