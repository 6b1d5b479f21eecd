using Emergency.Contracts;
using Emergency.Domain.Disputes.EarlyWarning;
using Orleans.Concurrency;

namespace Emergency.Grains.EarlyWarning;

/// <summary>The earlier cases of one complainant, known by a salted hash only. Reentrant with a shared write, like the watches.</summary>
[Reentrant]
public sealed class ComplainantGrain : Grain, IComplainantGrain
{
    private readonly IPersistentState<ComplainantHistoryState> _state;
    private readonly GroupCommit _commit;
    private Task? _purge;

    public ComplainantGrain([PersistentState("complainant", StorageNames.Provider)] IPersistentState<ComplainantHistoryState> state)
    {
        _state = state;
        _commit = new GroupCommit(WriteAsync);
    }

    public async Task<IReadOnlyList<string>> Observe(string caseId, DateTimeOffset at, TimeSpan lookback)
    {
        var earlier = ComplainantHistory.Observe(_state.State, caseId, at, lookback);
        await _commit.Flush();
        return earlier;
    }

    /// <summary>Many complaints of a drill purge the same grain at once (it is reentrant): one purge serves them all.</summary>
    public Task Purge() => _purge ??= PurgeOnce();

    private async Task PurgeOnce()
    {
        if (!Scopes.IsDrill(this.GetPrimaryKeyString()[..this.GetPrimaryKeyString().IndexOf('/', StringComparison.Ordinal)]))
        {
            throw new InvalidOperationException("only the early warning of a drill scope can be purged");
        }

        // Not deactivated: the other complaints' purges are still arriving, and are answered by this one.
        if (_state.RecordExists)
        {
            await _state.ClearStateAsync();
        }
    }

    private async Task WriteAsync()
    {
        try
        {
            await _state.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }
}
