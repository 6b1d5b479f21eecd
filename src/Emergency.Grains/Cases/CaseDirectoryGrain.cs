using System.Text.Json;
using Emergency.Contracts;
using Emergency.Domain.Cases;
using Emergency.Storage.Indexing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Emergency.Grains.Cases;

/// <summary>
/// The list of the cases of one kind in one scope, read from the durable case index (each case writes its row with
/// its state, in one transaction). It stores nothing itself and never holds a list in memory, so a registration costs
/// the same with any number of open cases. In the live scope it also wakes the cases whose deadline comes while they
/// are not active: at start only those whose deadline fell due while the engine was down, then each at its deadline
/// (a timer on the engine clock for the earliest one in the index), and every minute whatever is due and was missed
/// (a durable reminder, which also brings the directory back after a node is lost). A case never needs to stay
/// activated to be woken.
/// </summary>
/// <typeparam name="TSummary">One line of the list.</typeparam>
public abstract class CaseDirectoryGrain<TSummary>(CaseIndex index) : Grain, IRemindable
    where TSummary : class, ICaseSummary
{
    private const int TouchBatch = 64;

    /// <summary>The one lane of the kinds whose list has none (their index rows have no level).</summary>
    private static readonly IReadOnlyList<string?> NoLanes = [null];

    private const string SweepReminder = "sweep";

    /// <summary>How often the durable reminder looks for due cases that were missed (Orleans' shortest reminder period).</summary>
    private static readonly TimeSpan SweepPeriod = TimeSpan.FromMinutes(1);

    /// <summary>The longest the engine-clock timer is set for: .NET timers take at most about 49.7 days.</summary>
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(30);

    /// <summary>A deadline has passed only after its moment (the domain marks <c>DueAt &lt; now</c>): the timer fires this much later.</summary>
    private static readonly TimeSpan JustAfter = TimeSpan.FromMilliseconds(1);

    /// <summary>A wake-up this close is armed again at each sweep, so a timer that fired early is not the last word.</summary>
    private static readonly TimeSpan RearmWithin = TimeSpan.FromSeconds(1);

    private ILogger? _logger;
    private ITimer? _timer;
    private DateTimeOffset? _timerFor;

    /// <summary>How many cases the sweep at this activation touched (null: none ran, or it failed), so a warm-up need not sweep again.</summary>
    private int? _sweptAtActivation;

    /// <summary>The kind's state name: the index keys the rows of its cases by it.</summary>
    protected abstract string Kind { get; }

    private string Scope => this.GetPrimaryKeyString();

    public Task<IReadOnlyList<TSummary>> List() => Read(closedToo: false);

    public Task<IReadOnlyList<TSummary>> History() => Read(closedToo: true);

    public async Task<CaseListChunk<TSummary>> Page(CaseListQuery query)
    {
        CheckLimit(query.Limit);
        var after = query.After is { } position ? new ListPlace(position.Overdue, position.Lane, position.DueAt, position.CaseId) : (ListPlace?)null;
        IReadOnlyList<string?> lanes = query.Lanes.Count == 0 ? NoLanes : query.Lanes;
        return Chunk(await index.PageAsync(Kind, Scope, lanes, after, query.Overdue, query.Now, query.Limit), query.Limit);
    }

    private static void CheckLimit(int limit)
    {
        if (limit is < 1 or > CaseListQuery.MaxLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, $"a page holds 1 to {CaseListQuery.MaxLimit} cases");
        }
    }

    private static CaseListChunk<TSummary> Chunk(IReadOnlyList<ListedCase> rows, int limit) => new()
    {
        Cases = [.. rows.Select(row => JsonSerializer.Deserialize<TSummary>(row.Summary, DomainJson.Options)!)],
        Positions = [.. rows.Select(row => new CaseListPosition(row.Place.Overdue, row.Place.Lane, row.Place.DueAt, row.Place.CaseId))],
        End = rows.Count < limit,
    };

    public async Task<CaseListChunk<TSummary>> HistoryPage(string? afterId, int limit)
    {
        CheckLimit(limit);
        return Chunk(await index.HistoryAsync(Kind, Scope, afterId, limit), limit);
    }

    public Task<int> CountOverdue() => index.CountOverdueAsync(Kind, Scope, Clock.Now);

    /// <summary>The grain of one case of this directory's kind.</summary>
    protected abstract ICaseGrain<TSummary> CaseGrain(string id);

    /// <summary>
    /// Touches the open cases of the live scope whose deadline fell due while the engine was down, and arms the wake-ups
    /// of the rest. A case that cannot be touched now keeps its row and its durable reminder; one failed touch must
    /// never fail the start of a node.
    /// </summary>
    public async Task<int> WarmUp()
    {
        if (Scopes.IsDrill(Scope))
        {
            // A drill's cases move on the drill's virtual clock, never on the engine's.
            return 0;
        }

        await this.RegisterOrUpdateReminder(SweepReminder, SweepPeriod, SweepPeriod);
        var touched = _sweptAtActivation ?? await Sweep();
        _sweptAtActivation = null;
        return touched;
    }

    /// <summary>Touches every case whose wake-up has come (an open case's deadline, a closed case's purge), and arms the timer for the next one in the index.</summary>
    public async Task<int> Sweep()
    {
        var now = Clock.Now;
        var due = await index.DueAsync(Kind, Scope, now);
        await TouchAsync(due);
        Arm(await index.NextDueAsync(Kind, Scope, now), now);
        return due.Count;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => SweepOrLog();

    public Task Expect(DateTimeOffset wakeAt)
    {
        if (!Scopes.IsDrill(Scope) && (_timerFor is null || wakeAt < _timerFor))
        {
            Arm(wakeAt, Clock.Now);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// A live directory activated again (after a node was lost, or after being idle) sweeps at once and arms its timer.
    /// A sweep that fails here must not fail the activation.
    /// </summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!Scopes.IsDrill(Scope))
        {
            _sweptAtActivation = await SweepOrLog();
        }
    }

    /// <summary>A sweep that fails (the database away) is logged in one line, without its stack: the next one comes within a minute.</summary>
    private async Task<int?> SweepOrLog()
    {
        try
        {
            return await Sweep();
        }
        catch (Exception ex)
        {
            LogSweepFailed(Scope, ex.GetType().Name, ex.Message);
            return null;
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    public async Task<int> Purge()
    {
        if (!Scopes.IsDrill(Scope))
        {
            throw new InvalidOperationException("only drill scopes can be purged");
        }

        // Each case's cleared state takes its row out of the index in the same transaction.
        var all = await index.ReadAsync(Kind, Scope, closedToo: true);
        await Task.WhenAll(all.Select(c => CaseGrain(c.CaseId).Purge()));
        return all.Count;
    }

    private async Task<IReadOnlyList<TSummary>> Read(bool closedToo)
    {
        var rows = await index.ReadAsync(Kind, Scope, closedToo);
        return [.. rows.Select(row => JsonSerializer.Deserialize<TSummary>(row.Summary, DomainJson.Options)!)];
    }

    /// <summary>A timer on the engine clock for the earliest deadline in the index, for the cases no activation is watching.</summary>
    private void Arm(DateTimeOffset? next, DateTimeOffset now)
    {
        // A timer that fired a little early by the wall clock found nothing due: one this close is armed again.
        if (next == _timerFor && !(next - now <= RearmWithin))
        {
            return;
        }

        _timer?.Dispose();
        _timer = null;
        _timerFor = next;
        if (next is { } due)
        {
            var self = this.AsReference<ICaseDirectoryGrain<TSummary>>();
            var delay = due - now + JustAfter;
            if (delay > LongestWait)
            {
                delay = LongestWait;
                _timerFor = null;
            }

            _timer = Clock.Time.CreateTimer(_ => self.Sweep().Ignore(), null, delay < TimeSpan.Zero ? TimeSpan.Zero : delay, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task TouchAsync(IReadOnlyList<string> ids)
    {
        foreach (var batch in ids.Chunk(TouchBatch))
        {
            await Task.WhenAll(batch.Select(TryTouch));
        }
    }

    /// <summary>Touches one case; a failure is logged, never thrown.</summary>
    private async Task TryTouch(string id)
    {
        try
        {
            await CaseGrain(id).Touch();
        }
        catch (Exception ex)
        {
            LogTouchFailed(ex, Scope, id);
        }
    }

    private void LogSweepFailed(string scope, string error, string message) =>
        Logger.LogWarning("The {Scope} directory could not look for due cases ({Error}: {Message}); its reminder looks again within a minute", scope, error, message);

    private void LogTouchFailed(Exception exception, string scope, string caseId) =>
        Logger.LogWarning(exception, "The {Scope} directory could not touch case {CaseId}; the sweep within a minute tries again", scope, caseId);

    private EngineClock Clock => ServiceProvider.GetRequiredService<EngineClock>();

    private ILogger Logger => _logger ??= ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(GetType());
}
