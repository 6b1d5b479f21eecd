using Emergency.Storage.Indexing;
using Emergency.Storage.Timelines;

namespace Emergency.Storage.GroupCommit;

/// <summary>
/// One grain's write (or clear, with a null payload) waiting for the next group commit. <see cref="Done"/> completes
/// with the new version once the transaction holding it is durable, with null on a version conflict, or faults when
/// the transaction failed. A case's write carries its <see cref="Index"/> change, made in the same transaction only
/// when the state's own statement succeeded, and so is its <see cref="Timeline"/> change. A reminder table's write
/// (<see cref="Reminder"/>, PostgreSQL) rides in the same queue and transaction instead of a grain's row.
/// </summary>
internal sealed class PendingWrite(GrainRowKey key, byte[]? payload, int? expectedVersion, IndexChange? index = null, TimelineChange? timeline = null)
{
    /// <summary>A reminder table's write: it completes with what <see cref="ReminderWrite.Result"/> read.</summary>
    public PendingWrite(ReminderWrite reminder)
        : this(default, payload: null, expectedVersion: null)
    {
        Reminder = reminder;
    }

    /// <summary>Set for a reminder table's write; the grain row's members are then unused.</summary>
    public ReminderWrite? Reminder { get; }

    public IndexChange? Index { get; } = index;

    /// <summary>The timeline's rows this write appends (or, for a clear, deletes); null or empty: none.</summary>
    public TimelineChange? Timeline { get; } = timeline is { IsEmpty: false } ? timeline : null;

    public GrainRowKey Key { get; } = key;

    public byte[]? Payload { get; } = payload;

    public bool IsClear => Payload is null && Reminder is null;

    public int? ExpectedVersion { get; } = expectedVersion;

    public TaskCompletionSource<int?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
