using Emergency.Contracts;
using Emergency.Domain.Disputes.EarlyWarning;
using Orleans.Concurrency;

namespace Emergency.Grains.EarlyWarning;

/// <summary>
/// The earlier cases of one complainant, known by a keyed hash only (or, in rows stored before link keys, a salted
/// one, whose cases the keyed grain takes over). Reentrant with a shared write, like the watches.
/// </summary>
[Reentrant]
public sealed class ComplainantGrain : Grain, IComplainantGrain
{
    private readonly IPersistentState<ComplainantHistoryState> _state;
    private readonly GroupCommit _commit;
    private Task? _purge;
    private Task? _takeOver;

    public ComplainantGrain([PersistentState("complainant", StorageNames.Provider)] IPersistentState<ComplainantHistoryState> state)
    {
        _state = state;
        _commit = new GroupCommit(WriteAsync);
    }

    public async Task<IReadOnlyList<string>> Observe(string caseId, DateTimeOffset at, TimeSpan lookback, string? formerKey)
    {
        // A person without a row here may have one under the former key: complaints arriving together wait for one take-over.
        if (!_state.RecordExists && formerKey is not null)
        {
            await (_takeOver ??= TakeOver(formerKey));
        }

        var earlier = ComplainantHistory.Observe(_state.State, caseId, at, lookback);
        await _commit.Flush();
        return earlier;
    }

    public Task<IReadOnlyList<WarningEvidence>> HandOver() => Task.FromResult<IReadOnlyList<WarningEvidence>>([.. _state.State.Cases]);

    public async Task ForgetHandedOver()
    {
        if (_state.RecordExists)
        {
            _state.State.Cases.Clear();
            await _state.ClearStateAsync();
        }
    }

    public async Task Forget(string caseId)
    {
        if (_state.State.Cases.RemoveAll(c => c.CaseId == caseId) == 0)
        {
            return;
        }

        if (_state.State.Cases.Count == 0)
        {
            await _state.ClearStateAsync();
        }
        else
        {
            await _commit.Flush();
        }
    }

    /// <summary>Many complaints of a drill purge the same grain at once (it is reentrant): one purge serves them all.</summary>
    public Task Purge() => _purge ??= DrillPurge.ClearAsync(this.GetPrimaryKeyString(), _state);

    /// <summary>
    /// Stores the former grain's cases here before that grain forgets them, so a failure on the way loses nothing (the
    /// next complaint tries again); afterwards the row of the salted key, which a table of hashes could match, is gone.
    /// </summary>
    private async Task TakeOver(string formerKey)
    {
        try
        {
            var former = GrainFactory.GetGrain<IComplainantGrain>(formerKey);
            var cases = await former.HandOver();
            if (cases.Count == 0)
            {
                return;
            }

            ComplainantHistory.TakeOver(_state.State, cases);
            await _commit.Flush();
            await former.ForgetHandedOver();
        }
        catch
        {
            _takeOver = null;
            throw;
        }
    }

    private Task WriteAsync() => StateWrite.OrDeactivate(_state, DeactivateOnIdle);
}
