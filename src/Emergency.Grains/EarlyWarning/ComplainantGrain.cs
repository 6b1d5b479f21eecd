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
