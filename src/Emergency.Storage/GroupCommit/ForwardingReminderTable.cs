namespace Emergency.Storage.GroupCommit;

/// <summary>
/// The ADO.NET reminder table with its writes taken elsewhere: everything else goes straight to it. Both overloads of
/// every member are passed on, whichever of them the runtime calls; the writes' overloads without a token lead to the
/// ones with it, which a derived table decides.
/// </summary>
internal abstract class ForwardingReminderTable(IReminderTable inner) : IReminderTable
{
    protected IReminderTable Inner { get; } = inner;

    public Task StartAsync(CancellationToken cancellationToken = default) => Inner.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken = default) => Inner.StopAsync(cancellationToken);

    public Task<ReminderTableData> ReadRows(GrainId grainId) => Inner.ReadRows(grainId);

    public Task<ReminderTableData> ReadRows(GrainId grainId, CancellationToken cancellationToken) => Inner.ReadRows(grainId, cancellationToken);

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => Inner.ReadRows(begin, end);

    public Task<ReminderTableData> ReadRows(uint begin, uint end, CancellationToken cancellationToken) => Inner.ReadRows(begin, end, cancellationToken);

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => Inner.ReadRow(grainId, reminderName);

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName, CancellationToken cancellationToken) =>
        Inner.ReadRow(grainId, reminderName, cancellationToken);

    public Task<string?> UpsertRow(ReminderEntry entry) => UpsertRow(entry, CancellationToken.None);

    public abstract Task<string?> UpsertRow(ReminderEntry entry, CancellationToken cancellationToken);

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => RemoveRow(grainId, reminderName, eTag, CancellationToken.None);

    public abstract Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken);

    public Task TestOnlyClearTable() => TestOnlyClearTable(CancellationToken.None);

    public virtual Task TestOnlyClearTable(CancellationToken cancellationToken) => Inner.TestOnlyClearTable(cancellationToken);
}
