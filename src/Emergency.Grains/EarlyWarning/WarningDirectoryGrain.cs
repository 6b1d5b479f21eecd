using Emergency.Contracts;
using Emergency.Domain.Disputes.EarlyWarning;
using Orleans.Concurrency;

namespace Emergency.Grains.EarlyWarning;

/// <summary>Stored part of a scope's warning list: the ids of its warnings.</summary>
public sealed class WarningDirectoryState
{
    public HashSet<string> Ids { get; set; } = [];
}

/// <summary>
/// The warnings of one scope. Only ids are stored; the warnings themselves are read from their grains on activation.
/// Reentrant: the warnings raised together (a surge about many enterprises raises hundreds within a second) share
/// one write (<see cref="GroupCommit"/>) instead of queueing for one write each, and the list is answered while a
/// write is in flight. Every change to the state happens between awaits, on the grain's scheduler.
/// </summary>
[Reentrant]
public sealed class WarningDirectoryGrain : Grain, IWarningDirectoryGrain
{
    private readonly IPersistentState<WarningDirectoryState> state;
    private readonly Dictionary<string, EarlyWarningRecord> _warnings = [];
    private readonly GroupCommit _commit;
    private Task? _loaded;

    public WarningDirectoryGrain([PersistentState("warningDirectory", StorageNames.Provider)] IPersistentState<WarningDirectoryState> state)
    {
        this.state = state;
        _commit = new GroupCommit(WriteAsync);
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _loaded = LoadAsync();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Does not wait for the list to load: loading asks each listed warning's grain, and a warning raised again (a
    /// retried complaint after a restart) is waiting in its own grain for this call, which would never answer.
    /// </summary>
    public async Task Add(EarlyWarningRecord warning)
    {
        Take(warning);

        // A known id (a retry) waits too while a write is queued or in flight: it may be the one that adds it.
        if (state.State.Ids.Add(warning.Id) || !_commit.Idle)
        {
            await _commit.Flush();
        }
    }

    public async Task<int> Purge()
    {
        if (!Scopes.IsDrill(this.GetPrimaryKeyString()))
        {
            throw new InvalidOperationException("only the warnings of a drill scope can be purged");
        }

        await _loaded!;
        var ids = state.State.Ids.ToList();
        await Task.WhenAll(ids.Select(id => GrainFactory.GetGrain<IWarningGrain>(id).Purge()));
        _warnings.Clear();
        await state.ClearStateAsync();
        DeactivateOnIdle();
        return ids.Count;
    }

    public Task Publish(EarlyWarningRecord warning)
    {
        Take(warning);
        return Task.CompletedTask;
    }

    public async Task<IReadOnlyList<EarlyWarningRecord>> List()
    {
        await _loaded!;
        return [.. _warnings.Values.OrderByDescending(w => w.RaisedAt).ThenBy(w => w.Id, StringComparer.Ordinal)];
    }

    private Task WriteAsync() => StateWrite.OrDeactivate(state, DeactivateOnIdle);

    private void Take(EarlyWarningRecord warning)
    {
        if (!_warnings.TryGetValue(warning.Id, out var known) || known.Version < warning.Version)
        {
            _warnings[warning.Id] = warning;
        }
    }

    private async Task LoadAsync()
    {
        foreach (var batch in state.State.Ids.ToList().Chunk(64))
        {
            var warnings = await Task.WhenAll(batch.Select(id => GrainFactory.GetGrain<IWarningGrain>(id).Get()));
            foreach (var warning in warnings.OfType<EarlyWarningRecord>())
            {
                Take(warning);
            }
        }
    }
}
