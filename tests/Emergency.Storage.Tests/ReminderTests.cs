using Emergency.Testing;
using Emergency.Storage.Tests.Grains;
using Emergency.Storage.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Emergency.Storage.Tests;

/// <summary>Durable reminders through the Orleans ADO.NET reminder provider and the project's own queries.</summary>
public abstract class ReminderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private protected abstract Task<TestDatabase> CreateDatabaseAsync();

    [Fact]
    public async Task Reminder_registered_before_a_restart_fires_after_it()
    {
        await using var db = await CreateDatabaseAsync();
        var key = "a-" + Guid.NewGuid().ToString("N");
        await using (var silo = await TestSilo.StartAsync(db.Options, "svc-reminder"))
        {
            await silo.Grains.GetGrain<IReminderProbeGrain>(key).RegisterAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        }

        Assert.Equal(1, await db.CountAsync("SELECT COUNT(*) FROM Reminder", Ct));

        await using (var silo = await TestSilo.StartAsync(db.Options, "svc-reminder"))
        {
            // Nothing calls the grain after the restart: only the stored reminder can wake it, twice.
            await Eventually.Until(
                () => Task.FromResult(ReminderLog.FiresOn(key, silo.Address)),
                fires => fires >= 2,
                "the stored reminder to fire twice on the restarted silo",
                TimeSpan.FromSeconds(30));
        }
    }

    [Fact]
    public async Task Reminder_table_queries_follow_the_provider_contract()
    {
        await using var db = await CreateDatabaseAsync();
        await using var silo = await TestSilo.StartAsync(db.Options, "svc-reminder-table");
        var table = silo.Services.GetRequiredService<IReminderTable>();
        var grainId = silo.Grains.GetGrain<IReminderProbeGrain>("a-table").GetGrainId();

        // Far in the future, so the running reminder service never fires these rows during the test.
        var start = DateTime.UtcNow.Date.AddDays(2);
        var etag1 = Assert.IsType<string>(await table.UpsertRow(Entry(grainId, "hourly", start, TimeSpan.FromHours(1)), Ct));
        var etag2 = Assert.IsType<string>(await table.UpsertRow(Entry(grainId, "hourly", start, TimeSpan.FromHours(2)), Ct));
        await table.UpsertRow(Entry(grainId, "monthly", start, TimeSpan.FromDays(30)), Ct);
        Assert.NotEqual(etag1, etag2);

        var hourly = Assert.IsType<ReminderEntry>(await table.ReadRow(grainId, "hourly", Ct));
        Assert.Equal((grainId, start, TimeSpan.FromHours(2), etag2), (hourly.GrainId, hourly.StartAt, hourly.Period, hourly.ETag));
        Assert.Equal(TimeSpan.FromDays(30), (await table.ReadRow(grainId, "monthly", Ct))?.Period);
        Assert.Equal(2, (await table.ReadRows(grainId, Ct)).Reminders.Count);

        var hash = grainId.GetUniformHashCode();
        Assert.Equal(2, (await table.ReadRows(unchecked(hash - 1), hash, Ct)).Reminders.Count);
        Assert.Empty((await table.ReadRows(hash, unchecked(hash + 1), Ct)).Reminders);
        Assert.Equal(2, (await table.ReadRows(unchecked(hash + 1), hash, Ct)).Reminders.Count);
        Assert.Equal(2, (await table.ReadRows(hash, hash, Ct)).Reminders.Count);

        Assert.False(await table.RemoveRow(grainId, "hourly", etag1, Ct));
        Assert.True(await table.RemoveRow(grainId, "hourly", etag2, Ct));
        Assert.Null(await table.ReadRow(grainId, "hourly", Ct));

        await table.TestOnlyClearTable(Ct);
        Assert.Empty((await table.ReadRows(grainId, Ct)).Reminders);
    }

    private static ReminderEntry Entry(GrainId grainId, string name, DateTime start, TimeSpan period) =>
        new() { GrainId = grainId, ReminderName = name, StartAt = start, Period = period };
}

public sealed class SqliteReminderTests : ReminderTests
{
    private protected override Task<TestDatabase> CreateDatabaseAsync() => SqliteTestDatabase.CreateAsync();
}

public sealed class PostgreSqlReminderTests : ReminderTests
{
    private protected override Task<TestDatabase> CreateDatabaseAsync() => PostgresTestDatabase.CreateAsync();
}

/// <summary>The reminder contract again on SQLite with group commit, where the table's writes take turns with the committer.</summary>
public sealed class SqliteGroupCommitReminderTests : ReminderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private protected override async Task<TestDatabase> CreateDatabaseAsync() => GroupCommitDatabases.Group(await SqliteTestDatabase.CreateAsync());

    [Fact]
    public async Task Reminder_writes_and_group_commits_take_turns_at_the_one_write_lock()
    {
        await using var db = await CreateDatabaseAsync();
        await using var silo = await TestSilo.StartAsync(db.Options, "svc-reminder-gate");
        Assert.IsType<GroupCommit.GatedReminderTable>(silo.Services.GetRequiredService<IReminderTable>());
        var gate = silo.Services.GetRequiredService<GroupCommit.SqliteWriterGate>();

        // While someone else holds the turn, neither a reminder write nor a batch of grain state gets the lock.
        var held = await gate.EnterAsync(Ct);
        var reminder = silo.Grains.GetGrain<IReminderProbeGrain>("a-gated").RegisterAsync(TimeSpan.FromHours(1), TimeSpan.FromHours(1));
        var state = silo.Grains.GetGrain<IStateProbeGrain>("s-gated").SetAsync("waits its turn", ProbeLevel.Low);
        var both = Task.WhenAll(reminder, state);
        Assert.NotSame(both, await Task.WhenAny(both, Task.Delay(TimeSpan.FromSeconds(1), Ct)));
        Assert.False(reminder.IsCompleted, "the reminder was written while another writer held the turn");
        Assert.False(state.IsCompleted, "the grain's state was committed while another writer held the turn");

        // Handed on, both go through, each in its turn.
        held.Dispose();
        await both.WaitAsync(TimeSpan.FromSeconds(20), Ct);
        Assert.Equal(1, await db.CountAsync("SELECT COUNT(*) FROM Reminder", Ct));
        Assert.Equal(1, await db.CountAsync($"SELECT COUNT(*) FROM GrainState WHERE StateName = '{StateProbeGrain.StateName}'", Ct));
    }
}
