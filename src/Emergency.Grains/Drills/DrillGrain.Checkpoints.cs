using Emergency.Contracts;
using Emergency.Domain.Disputes.EarlyWarning;
using Emergency.Domain.Drills;
using Microsoft.Extensions.Logging;

namespace Emergency.Grains.Drills;

/// <summary>
/// Checkpoints of a fast run. Its commands go to the cases deferred (<see cref="CommandContext.Deferred"/>): each case
/// answers from memory, and the run makes them durable at a checkpoint, first the cases it changed since the last one
/// (one group commit carries them all), then its own progress. After a crash it resumes from its last stored progress,
/// which its cases' stored state matches: the same file gives the same report (docs/drills.md). A paced run sends
/// nothing deferred and stores its progress as it always has.
/// </summary>
public sealed partial class DrillGrain
{
    private readonly HashSet<string> _unflushedIncidents = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unflushedDecisions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unflushedDisputes = new(StringComparer.Ordinal);

    /// <summary>Only a fast run defers its cases' writes: a paced one is watched and steered while it runs.</summary>
    private bool Defers => State.Mode == DrillMode.Fast;

    /// <summary>The context of a drill command with the command id <paramref name="commandId"/>, at <paramref name="moment"/> on the drill's clock.</summary>
    private CommandContext ContextOf(DueInject due, string commandId, DateTimeOffset moment) => new(due.Actor, commandId, moment, Deferred: Defers);

    private void ChangedIncident(string id) => Changed(_unflushedIncidents, id);

    private void ChangedDecision(string id) => Changed(_unflushedDecisions, id);

    private void ChangedDispute(string id) => Changed(_unflushedDisputes, id);

    /// <summary>This activation carries on a run stored as running (after a restart, a lost node).</summary>
    private bool _resumed;

    /// <summary>Commands applied since the last checkpoint of a fast run (in this activation: a resumed run starts from one).</summary>
    private int _sinceCheckpoint;

    /// <summary>When the run's progress was last stored (its start, its last checkpoint, or this activation's resuming).</summary>
    private DateTimeOffset _checkpointedAt;

    /// <summary>
    /// After a turn of <paramref name="commands"/>: once enough commands and time have passed (<see cref="FastDrillCheckpoints"/>),
    /// the cases the run changed are made durable, then its progress, which they now match. Until then nothing is
    /// written: a crash goes back to the last checkpoint, or to the start.
    /// </summary>
    private async Task CheckpointIfDue(int commands)
    {
        _sinceCheckpoint += commands;
        if (!checkpoints.Due(_sinceCheckpoint, clock.Now - _checkpointedAt))
        {
            return;
        }

        await FlushCases();
        await record.WriteStateAsync();
        _sinceCheckpoint = 0;
        _checkpointedAt = clock.Now;
    }

    /// <summary>Makes durable what the run's cases hold unwritten; the group commit takes their writes together.</summary>
    private async Task FlushCases()
    {
        var flushes = _unflushedIncidents.Select(id => IncidentGrain(id).Flush())
            .Concat(_unflushedDecisions.Select(id => DecisionGrain(id).Flush()))
            .Concat(_unflushedDisputes.Select(id => GrainFactory.GetGrain<IDisputeGrain>(id).Flush()))
            .ToList();
        await Task.WhenAll(flushes);
        _unflushedIncidents.Clear();
        _unflushedDecisions.Clear();
        _unflushedDisputes.Clear();
    }

    /// <summary>
    /// Flushes before a failed or purged run lets go of its cases, so that none holds a write it would make later on its
    /// own (when it deactivates), after the purge; a flush that fails is the failure already being recorded.
    /// </summary>
    private async Task FlushCasesQuietly()
    {
        try
        {
            await FlushCases();
        }
        catch (Exception ex)
        {
            LogFlushFailed(ex, RunId);
        }
    }

    /// <summary>
    /// A fast run sends each command once: one a case answers as applied already was written after the run's last stored
    /// checkpoint, so a crash fell between that checkpoint's writes (the cases', then the run's). Its answer then is the
    /// case as it stands, not as it was, and the run could not end with the report an uninterrupted run gives: it stops,
    /// failed, and says so. A new run of the same file gives that report.
    /// </summary>
    private CommandResult<TView> FirstTime<TView>(CommandResult<TView> result, DueInject due)
        where TView : class
    {
        if (Defers && result.Status == CommandStatus.Replayed)
        {
            throw AppliedBefore(due);
        }

        return result;
    }

    /// <summary>
    /// An early warning is stored as soon as it is escalated (the warning grain defers nothing): a resumed fast run that
    /// finds a warning escalated at this very moment escalated it itself after its last checkpoint, and would now find
    /// nothing to escalate. It stops, as for a case found ahead of it.
    /// </summary>
    private void NotEscalatedBefore(IEnumerable<EarlyWarningRecord> warnings, DueInject due, DateTimeOffset moment)
    {
        if (Defers && _resumed && warnings.Any(w => w.Escalation?.At == moment))
        {
            throw AppliedBefore(due);
        }
    }

    private static InvalidOperationException AppliedBefore(DueInject due) => new(
        $"inject {due.Scheduled.Sequence} (line {due.Scheduled.Inject.Where.Line}) was already applied: this fast drill was interrupted after its last checkpoint was stored and cannot resume exactly; start it again, the same file gives the same report");

    private void Changed(HashSet<string> unflushed, string id)
    {
        if (Defers)
        {
            unflushed.Add(id);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Drill {Run}: its cases' deferred writes could not be made durable")]
    private partial void LogFlushFailed(Exception exception, string run);
}
