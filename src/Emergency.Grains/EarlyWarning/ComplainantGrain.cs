using Emergency.Contracts;
using Emergency.Domain.Disputes.EarlyWarning;
using Orleans.Concurrency;

namespace Emergency.Grains.EarlyWarning;

/// <summary>
/// The earlier cases of one complainant, known by a keyed hash only (or, in rows stored before link keys, a salted
/// one, whose cases the keyed grain takes over). Reentrant with a shared write, like the watches. A history leaves
/// memory once the complaints it was asked about are answered: almost every complainant of a surge complains once, and
/// a history kept until <c>Cases:IdleAfter</c> left one activation per person on the heap (120,000 at 60,000 a minute),
/// which the garbage collector copied and Orleans' activation gauges walked all that time. A person who complains again
/// costs one read, as after the idle time.
/// </summary>
[Reentrant]
public sealed class ComplainantGrain : Grain, IComplainantGrain
{
    private readonly IPersistentState<ComplainantHistoryState> _state;
    private readonly GroupCommit _commit;
    private Task? _purge;
    private Task? _takeOver;

    /// <summary>Complaints being counted now (more than one only where calls interleave).</summary>
    private int _observing;

    public ComplainantGrain([PersistentState("complainant", StorageNames.Provider)] IPersistentState<ComplainantHistoryState> state)
    {
        _state = state;
        _commit = new GroupCommit(WriteAsync);
    }

    public async Task<IReadOnlyList<string>> Observe(string caseId, DateTimeOffset at, TimeSpan lookback, string? formerKey)
    {
        _observing++;
        try
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
        finally
        {
            // The last complaint answered with every change durable: nothing here is needed until the person's next one.
            if (--_observing == 0 && _commit.Idle)
            {
                DeactivateOnIdle();
            }
        }
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
