using Emergency.Contracts;
using Emergency.Domain.Disputes.EarlyWarning;
using Emergency.Domain.Disputes.Rules;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace Emergency.Grains.EarlyWarning;

/// <summary>
/// The early warning of one enterprise or place. Reentrant so that complaints arriving while a write is in flight
/// share the next one (<see cref="GroupCommit"/>); every change to the state happens between awaits, on the grain's
/// scheduler. A raised warning is stored in its own grain before the complaint that raised it is answered.
/// </summary>
[Reentrant]
public sealed partial class ComplaintWatchGrain : Grain, IComplaintWatchGrain
{
    private readonly IPersistentState<SubjectWatchState> _state;
    private readonly ILogger<ComplaintWatchGrain> _logger;
    private readonly GroupCommit _commit;
    private Task? _purge;

    public ComplaintWatchGrain(
        [PersistentState("complaintWatch", StorageNames.Provider)] IPersistentState<SubjectWatchState> state,
        ILogger<ComplaintWatchGrain> logger)
    {
        _state = state;
        _logger = logger;
        _commit = new GroupCommit(WriteAsync);
    }

    /// <summary>Many complaints of a drill purge the same grain at once (it is reentrant): one purge serves them all.</summary>
    public Task Purge() => _purge ??= DrillPurge.ClearAsync(this.GetPrimaryKeyString(), _state);

    public async Task<WatchOutcome> Observe(WatchedComplaint complaint, string subject, EarlyWarningRule rule, string ruleSetId)
    {
        var state = _state.State;
        if (!state.Exists)
        {
            // "{scope}/{enterprise|place}/{normalised subject}"
            var key = this.GetPrimaryKeyString();
            var slash = key.IndexOf('/', StringComparison.Ordinal);
            state.Scope = key[..slash];
            state.Key = key[(slash + 1)..];
            state.Kind = state.Key.StartsWith("place/", StringComparison.Ordinal) ? ClusterSubjectKind.Place : ClusterSubjectKind.Enterprise;
            state.Display = subject;
        }

        var outcome = SubjectWatch.Observe(state, complaint, rule, ruleSetId);
        if (outcome.Duplicate)
        {
            // A retry: answer once the first count is durable, and make sure the warning it may have raised is stored.
            await _commit.Flush();
            if (state.ActiveWarning is { } active && outcome.WarningId == active.Id)
            {
                await GrainFactory.GetGrain<IWarningGrain>(active.Id).Raise(active);
            }

            return outcome;
        }

        var durable = _commit.Flush();
        if (outcome.Raised is { } warning)
        {
            LogRaised(_logger, warning.Id, warning.SubjectKind, warning.Evidence.Count, warning.RuleSetId);
            await durable;
            await GrainFactory.GetGrain<IWarningGrain>(warning.Id).Raise(warning);
            return outcome;
        }

        await durable;
        return outcome;
    }

    private Task WriteAsync() => StateWrite.OrDeactivate(_state, DeactivateOnIdle);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Early warning {WarningId} raised: {Count} complaints about one {Kind} (rule set {RuleSetId})")]
    private static partial void LogRaised(ILogger logger, string warningId, ClusterSubjectKind kind, int count, string ruleSetId);
}
