using Emergency.Contracts;
using Emergency.Domain.Cases;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Emergency.Grains.Cases;

/// <summary>Stored part of a directory shard: the ids of the open cases.</summary>
public sealed class CaseDirectoryState
{
    public HashSet<string> Open { get; set; } = [];

    /// <summary>Closed cases of a drill scope, kept so that purging the drill finds them too.</summary>
    public HashSet<string> Closed { get; set; } = [];
}

/// <summary>
/// One shard of the list of open cases of one kind. Only membership is stored; summaries live in memory, pushed by
/// the cases, and are rebuilt by touching every member, which also re-arms their deadlines.
/// </summary>
/// <typeparam name="TSummary">One line of the list.</typeparam>
public abstract class CaseDirectoryGrain<TSummary>(IPersistentState<CaseDirectoryState> state) : Grain
    where TSummary : class, ICaseSummary
{
    private const int TouchBatch = 64;

    private readonly Dictionary<string, TSummary> _summaries = [];
    private readonly HashSet<string> _reservedSinceActivation = [];

    /// <summary>
    /// The membership as it changes. The stored state is a copy taken when a write starts: reservations interleave with
    /// writes, and the storage provider must never serialize a set that is being changed.
    /// </summary>
    private HashSet<string> _open = [];

    private HashSet<string> _closed = [];
    private Task _lastWrite = Task.CompletedTask;
    private ILogger? _logger;
    private Task<int>? _warmUp;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _open = [.. state.State.Open];
        _closed = [.. state.State.Closed];
        _warmUp = TouchAll();
        return Task.CompletedTask;
    }

    public async Task Reserve(string caseId)
    {
        _reservedSinceActivation.Add(caseId);
        if (_open.Add(caseId))
        {
            await Write();
        }
    }

    public async Task Publish(TSummary summary)
    {
        if (_summaries.TryGetValue(summary.Id, out var known) && known.Version > summary.Version)
        {
            return;
        }

        if (summary.IsClosed)
        {
            _summaries.Remove(summary.Id);
            var isDrill = Scopes.IsDrill(summary.Scope);
            if (_open.Remove(summary.Id) | (isDrill && _closed.Add(summary.Id)))
            {
                await Write();
            }

            return;
        }

        _summaries[summary.Id] = summary;
        if (_open.Add(summary.Id))
        {
            // Self-healing: an open case that reports itself belongs in the list.
            await Write();
        }
    }

    public async Task<IReadOnlyList<TSummary>> List()
    {
        await _warmUp!;

        // A summary is pushed one-way and can be lost with a node; an open case without one is asked again.
        var unknown = _open.Where(id => !_summaries.ContainsKey(id)).ToList();
        if (unknown.Count > 0)
        {
            await TouchAsync(unknown);
        }

        return [.. _summaries.Values];
    }

    public Task<int> WarmUp() => _warmUp!;

    /// <summary>The grain of one case of this directory's kind.</summary>
    protected abstract ICaseGrain<TSummary> CaseGrain(string id);

    public async Task<int> Purge()
    {
        var scope = CaseDirectory.ScopeOf(this.GetPrimaryKeyString());
        if (!Scopes.IsDrill(scope))
        {
            throw new InvalidOperationException("only drill scopes can be purged");
        }

        await _warmUp!;
        var all = _open.Concat(_closed).ToList();
        await Task.WhenAll(all.Select(id => CaseGrain(id).Purge()));
        _summaries.Clear();
        await _lastWrite;
        await state.ClearStateAsync();
        DeactivateOnIdle();
        return all.Count;
    }

    /// <summary>
    /// Touches every open case. It never fails: a case that cannot be touched now (its node stopping, the database
    /// busy) keeps its place in the list without a summary, and the next listing asks it again; its durable reminder
    /// still wakes it. One failed touch must never fail the shard, or with it the start of a node.
    /// </summary>
    private async Task<int> TouchAll()
    {
        var never = await TouchAsync(_open.ToList());

        // Reserved by an earlier activation, but the case's first write never happened: it was never
        // acknowledged, so it is not listed. One reserved since this activation may still be writing.
        var missing = never.Where(id => !_reservedSinceActivation.Contains(id)).ToList();
        if (missing.Count > 0)
        {
            _open.ExceptWith(missing);
            try
            {
                await Write();
            }
            catch (Exception ex)
            {
                // The next write of the shard stores the list without them; until then they are only left out in memory.
                LogWarmUpTrouble(ex, this.GetPrimaryKeyString(), missing.Count);
            }
        }

        return _open.Count;
    }

    /// <summary>Touches cases in batches and takes their summaries; returns those that have never been written.</summary>
    private async Task<List<string>> TouchAsync(IReadOnlyList<string> ids)
    {
        var never = new List<string>();
        foreach (var batch in ids.Chunk(TouchBatch))
        {
            var touched = await Task.WhenAll(batch.Select(TryTouch));
            for (var i = 0; i < batch.Length; i++)
            {
                if (touched[i] is { Summary: { } summary })
                {
                    await Publish(summary);
                }
                else if (touched[i].Answered)
                {
                    never.Add(batch[i]);
                }
            }
        }

        return never;
    }

    /// <summary>Touches one case; a failure is logged and reported as no answer, never thrown.</summary>
    private async Task<(bool Answered, TSummary? Summary)> TryTouch(string id)
    {
        try
        {
            return (true, await CaseGrain(id).Touch());
        }
        catch (Exception ex)
        {
            LogTouchFailed(ex, this.GetPrimaryKeyString(), id);
            return (false, null);
        }
    }

    private void LogTouchFailed(Exception exception, string shard, string caseId) =>
        Logger.LogWarning(exception, "Directory shard {Shard} could not touch case {CaseId}; it stays listed and is asked again at the next listing", shard, caseId);

    private void LogWarmUpTrouble(Exception exception, string shard, int count) =>
        Logger.LogWarning(exception, "Directory shard {Shard} could not store the removal of {Count} never-written reservations", shard, count);

    private ILogger Logger => _logger ??= ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(GetType());

    /// <summary>Writes one after the other: the warm-up runs beside requests, and two writes in flight would conflict.</summary>
    private Task Write() => _lastWrite = WriteAfter(_lastWrite);

    private async Task WriteAfter(Task previous)
    {
        try
        {
            await previous;
        }
        catch (Exception)
        {
            // The earlier write's caller saw its failure; this write carries the latest state anyway.
        }

        state.State = new CaseDirectoryState { Open = [.. _open], Closed = [.. _closed] };
        await state.WriteStateAsync();
    }
}
