namespace Emergency.Storage.GroupCommit;

/// <summary>
/// The ADO.NET reminder table on SQLite with group commit: its writes take their turn at the write lock with the
/// group committer (<see cref="SqliteWriterGate"/>); reads go straight through (WAL readers never wait for writers).
/// </summary>
internal sealed class GatedReminderTable(IReminderTable inner, SqliteWriterGate gate) : ForwardingReminderTable(inner)
{
    public override async Task<string?> UpsertRow(ReminderEntry entry, CancellationToken cancellationToken)
    {
        using (await gate.EnterAsync(cancellationToken))
        {
            return await Inner.UpsertRow(entry, cancellationToken);
        }
    }

    public override async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken)
    {
        using (await gate.EnterAsync(cancellationToken))
        {
            return await Inner.RemoveRow(grainId, reminderName, eTag, cancellationToken);
        }
    }

    public override async Task TestOnlyClearTable(CancellationToken cancellationToken)
    {
        using (await gate.EnterAsync(cancellationToken))
        {
            await Inner.TestOnlyClearTable(cancellationToken);
        }
    }
}
