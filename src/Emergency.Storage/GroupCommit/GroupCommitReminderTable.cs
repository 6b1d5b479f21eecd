using System.Globalization;

namespace Emergency.Storage.GroupCommit;

/// <summary>
/// The ADO.NET reminder table on PostgreSQL with group commit: its upserts and removals are queued with the grains'
/// writes (<see cref="GroupCommitGrainStorage.TryQueue"/>) and run the provider's own queries in whichever transaction
/// takes them, so a reminder costs no commit of its own. Each answers as the provider would (the new version as the
/// ETag; a removal at another version deletes nothing and answers false) once that transaction is durable, and fails
/// with it. Reads go straight to the ADO.NET table. While the grain storage does not run (the reminder service starts
/// before it and stops after it) a write goes to the ADO.NET table, in a transaction of its own as before.
/// </summary>
internal sealed class GroupCommitReminderTable(IReminderTable inner, GroupCommitGrainStorage storage) : ForwardingReminderTable(inner)
{
    public override async Task<string?> UpsertRow(ReminderEntry entry, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!storage.TryQueue(ReminderWrite.Upsert(entry), out var done))
        {
            return await Inner.UpsertRow(entry, cancellationToken);
        }

        // The provider takes the first row's version, and fails when there is none.
        var version = await done ?? throw new InvalidOperationException($"the reminder upsert of {entry.GrainId}/{entry.ReminderName} returned no version");
        return version.ToString(CultureInfo.InvariantCulture);
    }

    public override async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return storage.TryQueue(ReminderWrite.Remove(grainId, reminderName, eTag), out var done)
            ? await done is not null
            : await Inner.RemoveRow(grainId, reminderName, eTag, cancellationToken);
    }
}
