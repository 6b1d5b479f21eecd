using Emergency.Contracts;
using Emergency.Domain.Disputes.EarlyWarning;

namespace Emergency.Grains.EarlyWarning;

/// <summary>Stored part of a scope's warning list: the ids of its warnings.</summary>
public sealed class WarningDirectoryState
{
    public HashSet<string> Ids { get; set; } = [];
}

/// <summary>The warnings of one scope. Only ids are stored; the warnings themselves are read from their grains on activation.</summary>
public sealed class WarningDirectoryGrain(
    [PersistentState("warningDirectory", StorageNames.Provider)] IPersistentState<WarningDirectoryState> state) : Grain, IWarningDirectoryGrain
{
    private readonly Dictionary<string, EarlyWarningRecord> _warnings = [];
    private Task? _loaded;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _loaded = LoadAsync();
        return Task.CompletedTask;
    }

    public async Task Add(EarlyWarningRecord warning)
    {
        await _loaded!;
        Take(warning);
        if (state.State.Ids.Add(warning.Id))
        {
            await state.WriteStateAsync();
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
