using Emergency.Storage.GroupCommit;
using Emergency.Storage.Serialization;
using Emergency.Storage.Tests.Grains;
using Emergency.Storage.Tests.Infrastructure;
using Emergency.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Emergency.Storage.Tests;

/// <summary>
/// The reminder contract again on PostgreSQL with group commit, where the reminder table's writes are committed in the
/// grains' transactions, plus what that changes: which transaction a reminder's write lands in, and when.
/// </summary>
public sealed class PostgreSqlGroupCommitReminderTests : ReminderTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private protected override async Task<TestDatabase> CreateDatabaseAsync() => GroupCommitDatabases.Group(await PostgresTestDatabase.CreateAsync());

    [Fact]
    public async Task A_reminder_registered_by_a_grain_is_written_in_a_group_commit_read_back_fires_and_is_removed_the_same_way()
    {
        await using var db = await CreateDatabaseAsync();
        await using var silo = await TestSilo.StartAsync(db.Options, "svc-reminder-group");
        Assert.IsType<GroupCommitReminderTable>(silo.Services.GetRequiredService<IReminderTable>());
        var storage = Storage(silo);
        var key = "a-" + Guid.NewGuid().ToString("N");
        var grain = silo.Grains.GetGrain<IReminderProbeGrain>(key);

        var before = storage.Committed;
        await grain.RegisterAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        var registered = storage.Committed;

        Assert.Equal(1, registered.Reminders - before.Reminders);
        Assert.Equal(1, await db.CountAsync($"SELECT COUNT(*) FROM Reminder WHERE GrainId LIKE '%{key}' AND Version = 1", Ct));
        Assert.True(await grain.IsRegisteredAsync());
        await Eventually.Until(
            () => Task.FromResult(ReminderLog.FiresOn(key, silo.Address)),
            fires => fires >= 1,
            "the reminder written in a group commit to fire",
            Patience);

        await grain.UnregisterAsync();

        Assert.Equal(1, storage.Committed.Reminders - registered.Reminders);
        Assert.Equal(0, await db.CountAsync($"SELECT COUNT(*) FROM Reminder WHERE GrainId LIKE '%{key}'", Ct));
        Assert.False(await grain.IsRegisteredAsync());
    }

    [Fact]
    public async Task A_burst_of_reminder_registrations_shares_transactions_with_the_grains_writes()
    {
        const int Grains = 100;
        await using var db = await CreateDatabaseAsync();
        await using var silo = await TestSilo.StartAsync(db.Options, "svc-reminder-burst");
        var storage = Storage(silo);
        var before = storage.Committed;

        await Task.WhenAll(Enumerable.Range(0, Grains).SelectMany(i => new[]
        {
            silo.Grains.GetGrain<IReminderProbeGrain>($"a-burst-{i}").RegisterAsync(TimeSpan.FromHours(1), TimeSpan.FromHours(1)),
            silo.Grains.GetGrain<IStateProbeGrain>($"s-burst-{i}").SetAsync($"burst {i}", ProbeLevel.Low),
        }));

        var after = storage.Committed;
        var (commits, writes, reminders) = (after.Commits - before.Commits, after.Writes - before.Writes, after.Reminders - before.Reminders);
        TestContext.Current.SendDiagnosticMessage($"{Grains} reminder registrations and {Grains} grain writes: {commits} transactions, {writes} writes, {reminders} of them reminders");
        Assert.Equal((2 * Grains, Grains), (writes, reminders));
        Assert.True(commits < Grains, $"{commits} transactions for {Grains} reminders and {Grains} grain writes: the reminders shared none");
        Assert.Equal(Grains, await db.CountAsync("SELECT COUNT(*) FROM Reminder WHERE GrainId LIKE '%a-burst-%'", Ct));
    }

    [Fact]
    public async Task Upserts_and_removals_answer_as_the_ADO_NET_provider_does()
    {
        await using var db = await CreateDatabaseAsync();
        var answers = new List<string>[2];
        foreach (var (mode, index) in new[] { (CommitMode.PerWrite, 0), (CommitMode.Group, 1) })
        {
            db.Options.Commit = mode;
            await using var silo = await TestSilo.StartAsync(db.Options, $"svc-reminder-answers-{mode}");
            var storage = mode == CommitMode.Group ? Storage(silo) : null;
            var table = silo.Services.GetRequiredService<IReminderTable>();
            Assert.Equal(mode == CommitMode.Group, table is GroupCommitReminderTable);
            var grainId = silo.Grains.GetGrain<IReminderProbeGrain>("a-answers").GetGrainId();
            var entry = new ReminderEntry { GrainId = grainId, ReminderName = "daily", StartAt = DateTime.UtcNow.Date.AddDays(2), Period = TimeSpan.FromDays(1) };

            var first = await table.UpsertRow(entry, Ct);
            var second = await table.UpsertRow(entry, Ct);
            var log = answers[index] = [first!, second!];
            log.Add($"stale removal: {await table.RemoveRow(grainId, "daily", first!, Ct)}");
            log.Add($"row left at {(await table.ReadRow(grainId, "daily", Ct))?.ETag}");
            log.Add($"not a number: {(await Record.ExceptionAsync(() => table.RemoveRow(grainId, "daily", "x1", Ct)))?.GetType().Name}");
            log.Add($"removal: {await table.RemoveRow(grainId, "daily", second!, Ct)}");
            log.Add($"again: {await table.RemoveRow(grainId, "daily", second!, Ct)}");
            log.Add($"of another name: {await table.RemoveRow(grainId, "weekly", "1", Ct)}");
            log.Add($"new row at {await table.UpsertRow(entry, Ct)}");
            if (storage is not null)
            {
                Assert.Equal(7, storage.Committed.Reminders);
            }
        }

        Assert.Equal(["1", "2", "stale removal: False", "row left at 2", "not a number: FormatException", "removal: True", "again: False", "of another name: False", "new row at 1"], answers[0]);
        Assert.Equal(answers[0], answers[1]);
    }

    [Fact]
    public async Task A_failed_transaction_fails_the_reminder_write_in_it_and_leaves_no_row()
    {
        await using var db = await CreateDatabaseAsync();
        db.Options.Committers = 1;
        await using var silo = await TestSilo.StartAsync(db.Options, "svc-reminder-failing");
        var storage = Storage(silo);
        var table = silo.Services.GetRequiredService<IReminderTable>();
        var held = silo.Grains.GetGrain<IStateProbeGrain>("held");
        await held.SetAsync("first", ProbeLevel.Low);

        // The one committer's next transaction waits for a row lock, so the two writes after it gather in the one after.
        await using var blocker = await LockAsync(db, $"SELECT 1 FROM GrainState WHERE StateName = '{StateProbeGrain.StateName}' FOR UPDATE");
        var heldWrite = held.SetAsync("second", ProbeLevel.High);
        await WaitForLockAsync(db);
        var before = storage.Committed;
        var reminder = table.UpsertRow(new ReminderEntry
        {
            GrainId = silo.Grains.GetGrain<IReminderProbeGrain>("a-failing").GetGrainId(),
            ReminderName = "doomed",
            StartAt = DateTime.UtcNow.AddDays(1),
            Period = TimeSpan.FromHours(1),
        }, Ct);

        // PostgreSQL refuses a NUL character in text: this statement fails on the server, and with it its transaction.
        var failing = storage.WriteStateAsync("failing", GrainId.Create("probe-direct", "bad\0key"), new GrainState<ProbeState>(new ProbeState { Text = "never" }), Ct);
        await blocker.DisposeAsync();

        await heldWrite.WaitAsync(Patience, Ct);
        await Assert.ThrowsAsync<PostgresException>(() => failing.WaitAsync(Patience, Ct));
        var error = await Assert.ThrowsAsync<PostgresException>(() => reminder.WaitAsync(Patience, Ct));
        Assert.Equal(PostgresErrorCodes.CharacterNotInRepertoire, error.SqlState);
        Assert.Equal(0, await db.CountAsync("SELECT COUNT(*) FROM Reminder", Ct));
        Assert.Equal(before.Reminders, storage.Committed.Reminders);
    }

    [Fact]
    public async Task A_reminder_write_queued_when_the_storage_stops_is_committed_by_the_stop_and_one_after_it_goes_to_the_ADO_NET_table()
    {
        await using var db = await CreateDatabaseAsync();
        db.Options.Commit = CommitMode.PerWrite;
        await using var silo = await TestSilo.StartAsync(db.Options, "svc-reminder-stop");
        var adoNet = silo.Services.GetRequiredService<IReminderTable>();
        Assert.IsNotType<GroupCommitReminderTable>(adoNet);

        // A group commit storage of its own on the same database, started and stopped here as the silo's lifecycle would.
        var options = new StorageOptions { Provider = StorageProvider.PostgreSql, ConnectionString = db.Options.ConnectionString, Commit = CommitMode.Group, Committers = 1 };
        using var storage = new GroupCommitGrainStorage(
            "stop-test", options, "svc-reminder-stop", new JsonGrainStateSerializer(TestSilo.Privacy), silo.Services.GetRequiredService<IActivatorProvider>(),
            silo.Services.GetRequiredService<ILogger<GroupCommitGrainStorage>>(), new FreshKeys());
        var table = new GroupCommitReminderTable(adoNet, storage);
        var grainId = silo.Grains.GetGrain<IReminderProbeGrain>("a-stop").GetGrainId();
        ReminderEntry Entry(string name) => new() { GrainId = grainId, ReminderName = name, StartAt = DateTime.UtcNow.AddDays(1), Period = TimeSpan.FromHours(1) };

        // Before the storage starts (the reminder service starts earlier), the ADO.NET table writes it.
        Assert.Equal("1", await table.UpsertRow(Entry("early"), Ct));
        Assert.Equal((0L, 0L, 0L), storage.Committed);

        await storage.StartAsync(Ct);
        Assert.Equal("2", await table.UpsertRow(Entry("early"), Ct));
        Assert.Equal((1L, 1L, 1L), storage.Committed);

        // The committer's transaction waits for the row; the next write waits in the queue when the stop begins.
        await using var blocker = await LockAsync(db, "SELECT 1 FROM Reminder WHERE ReminderName = 'early' FOR UPDATE");
        var held = table.UpsertRow(Entry("early"), Ct);
        await WaitForLockAsync(db);
        var queued = table.UpsertRow(Entry("queued"), Ct);
        var stopping = storage.StopAsync(Ct);
        Assert.False(stopping.IsCompleted, "the stop did not wait for the transaction still running");

        // Once the stop began, a write goes to the ADO.NET table at once: it is not held up by the stop's last commits.
        Assert.Equal("1", await table.UpsertRow(Entry("late"), Ct).WaitAsync(Patience, Ct));
        Assert.False(queued.IsCompleted, "the write queued before the stop was answered before its transaction committed");

        await blocker.DisposeAsync();
        await stopping.WaitAsync(Patience, Ct);
        Assert.Equal(("3", "1"), (await held, await queued));
        Assert.Equal((3L, 3L, 3L), storage.Committed);
        Assert.Equal(3, await db.CountAsync("SELECT COUNT(*) FROM Reminder WHERE ServiceId = 'svc-reminder-stop'", Ct));
    }

    private static GroupCommitGrainStorage Storage(TestSilo silo) =>
        (GroupCommitGrainStorage)silo.Services.GetRequiredKeyedService<IGrainStorage>(EmergencyStorage.ProviderName);

    /// <summary>Another session that holds the rows <paramref name="select"/> locks until it is disposed.</summary>
    private static async Task<NpgsqlConnection> LockAsync(TestDatabase db, string select)
    {
        var blocker = new NpgsqlConnection(db.Options.ConnectionString);
        await blocker.OpenAsync(Ct);
        var transaction = await blocker.BeginTransactionAsync(Ct);
        await using var command = new NpgsqlCommand(select, blocker, transaction);
        Assert.Equal(1, await command.ExecuteScalarAsync(Ct));
        return blocker;
    }

    private static Task WaitForLockAsync(TestDatabase db) => Eventually.Until(
        () => db.CountAsync("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", Ct),
        waiting => waiting > 0,
        "a transaction to wait for the locked row",
        Patience);
}
