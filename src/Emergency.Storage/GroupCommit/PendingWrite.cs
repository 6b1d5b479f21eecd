namespace Emergency.Storage.GroupCommit;

/// <summary>
/// One grain's write (or clear, with a null payload) waiting for the next group commit. <see cref="Done"/> completes
/// with the new version once the transaction holding it is durable, with null on a version conflict, or faults when
/// the transaction failed.
/// </summary>
internal sealed class PendingWrite(GrainRowKey key, byte[]? payload, int? expectedVersion)
{
    public GrainRowKey Key { get; } = key;

    public byte[]? Payload { get; } = payload;

    public bool IsClear => Payload is null;

    public int? ExpectedVersion { get; } = expectedVersion;

    public TaskCompletionSource<int?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
