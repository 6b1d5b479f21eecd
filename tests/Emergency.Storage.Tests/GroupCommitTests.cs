using Emergency.Storage.GroupCommit;
using Emergency.Storage.Tests.Grains;
using Emergency.Storage.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Emergency.Storage.Tests;

/// <summary>Group commit (<c>Storage:Commit=group</c>) on a real silo against a real database.</summary>
public abstract class GroupCommitTests
{
    private protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    private protected abstract Task<TestDatabase> CreateDatabaseAsync();

    /// <summary>The group commit database of <paramref name="db"/> and its stored queries, to commit batches directly.</summary>
    private protected static async Task<(GroupCommitDatabase Database, StoredQueries Queries)> DirectAsync(TestDatabase db, string serviceId)
    {
        var database = GroupCommitDatabase.For(db.Options, serviceId);
        await using var connection = await database.OpenAsync(Ct);
        return (database, await StoredQueries.LoadAsync(connection, Ct));
    }

    private protected static GrainRowKey Key(string stateName, string key) => GrainRowKey.Of(stateName, GrainId.Create("probe-direct", key));

    private protected static byte[] Json(string text) => System.Text.Encoding.UTF8.GetBytes($$"""{"text":"{{text}}"}""");

    [Fact]
    public async Task Concurrent_writes_of_many_grains_share_commits_and_every_acknowledged_write_is_committed()
    {
        await using var db = await CreateDatabaseAsync();
        await using var silo = await TestSilo.StartAsync(db.Options, "svc-group");
        var storage = (GroupCommitGrainStorage)silo.Services.GetRequiredKeyedService<IGrainStorage>(EmergencyStorage.ProviderName);
        var before = storage.Committed;

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => silo.Grains.GetGrain<IStateProbeGrain>($"g-{i}").SetAsync($"alarm {i}", ProbeLevel.High)));

        var after = storage.Committed;
        Assert.Equal(200, after.Writes - before.Writes);
        Assert.True(after.Commits - before.Commits < 200, $"{after.Commits - before.Commits} commits for 200 writes: none was shared");

        // Acknowledged means committed: another connection sees every row while the silo still runs.
        Assert.Equal(200, await db.CountAsync(
            $"SELECT COUNT(*) FROM GrainState WHERE StateName = '{StateProbeGrain.StateName}' AND Version = 1 AND PayloadBinary IS NOT NULL", Ct));
    }

    [Fact]
    public async Task A_stale_write_fails_alone_while_the_writes_queued_with_it_commit()
    {
        await using var db = await CreateDatabaseAsync();
        await using var silo = await TestSilo.StartAsync(db.Options, "svc-group-conflict");
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(EmergencyStorage.ProviderName);
        var states = Enumerable.Range(0, 40).Select(i => new GrainState<ProbeState>(new ProbeState { Text = $"first {i}" })).ToArray();
        await Task.WhenAll(states.Select((s, i) => storage.WriteStateAsync("conflict", GrainId.Create("probe-direct", $"c-{i}"), s, Ct)));

        // Every fourth writer holds a version that someone else has since moved on.
        var writes = states.Select((s, i) =>
        {
            var state = new GrainState<ProbeState>(new ProbeState { Text = $"second {i}" }) { ETag = i % 4 == 0 ? "7" : s.ETag, RecordExists = true };
            return (Index: i, State: state, Task: storage.WriteStateAsync("conflict", GrainId.Create("probe-direct", $"c-{i}"), state, Ct));
        }).ToList();
        await Task.WhenAll(writes.Select(w => w.Task.ContinueWith(_ => { }, TaskScheduler.Default)));

        foreach (var (index, state, task) in writes)
        {
            if (index % 4 == 0)
            {
                var error = await Assert.ThrowsAsync<InconsistentStateException>(() => task);
                Assert.Contains("Version conflict", error.Message, StringComparison.Ordinal);
            }
            else
            {
                await task;
                Assert.Equal("2", state.ETag);
            }
        }

        for (var i = 0; i < states.Length; i++)
        {
            var read = new GrainState<ProbeState>();
            await storage.ReadStateAsync("conflict", GrainId.Create("probe-direct", $"c-{i}"), read, Ct);
            Assert.Equal(i % 4 == 0 ? ($"first {i}", "1") : ($"second {i}", "2"), (read.State?.Text, read.ETag));
        }
    }

    [Fact]
    public async Task A_conflict_inside_one_transaction_leaves_the_other_writes_of_that_transaction_committed()
    {
        await using var db = await CreateDatabaseAsync();
        await using var silo = await TestSilo.StartAsync(db.Options, "svc-group-batch");
        var (database, queries) = await DirectAsync(db, "svc-group-batch");
        GrainRowKey Key(string key) => GroupCommitTests.Key("batch", key);
        Assert.Equal([1], await database.CommitAsync(queries, [new PendingWrite(Key("b-0"), Json("zero"), null)], Ct));

        var versions = await database.CommitAsync(queries,
        [
            new PendingWrite(Key("b-1"), Json("one"), null),
            new PendingWrite(Key("b-0"), Json("stale"), 5),
            new PendingWrite(Key("b-0"), Json("zero again"), 1),
            new PendingWrite(Key("b-0"), null, 2),
            new PendingWrite(Key("b-1"), Json("second first write"), null),
        ], Ct);
        await database.CloseAsync();

        Assert.Equal([1, null, 2, 3, null], versions);
        Assert.Equal(1, await db.CountAsync("SELECT COUNT(*) FROM GrainState WHERE StateName = 'batch' AND KeyExtension = 'b-0' AND Version = 3 AND PayloadBinary IS NULL", Ct));
        Assert.Equal(1, await db.CountAsync("SELECT COUNT(*) FROM GrainState WHERE StateName = 'batch' AND KeyExtension = 'b-1' AND Version = 1 AND PayloadBinary IS NOT NULL", Ct));
    }

    [Fact]
    public async Task Rows_written_by_one_commit_mode_are_read_and_updated_by_the_other()
    {
        await using var db = await CreateDatabaseAsync();
        db.Options.Commit = CommitMode.PerWrite;
        await using (var silo = await TestSilo.StartAsync(db.Options, "svc-switch"))
        {
            await silo.Grains.GetGrain<IStateProbeGrain>("s-1").SetAsync("per write", ProbeLevel.Low);
            await silo.Grains.GetGrain<IStateProbeGrain>(Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e").ToString("N")).SetAsync("guid key", ProbeLevel.Low);
        }

        db.Options.Commit = CommitMode.Group;
        await using (var silo = await TestSilo.StartAsync(db.Options, "svc-switch"))
        {
            Assert.Equal(new ProbeSnapshot("per write", ProbeLevel.Low, 1, RecordExists: true, ETag: "1"), await silo.Grains.GetGrain<IStateProbeGrain>("s-1").GetAsync());
            await silo.Grains.GetGrain<IStateProbeGrain>("s-1").SetAsync("group", ProbeLevel.High);
            var guid = silo.Grains.GetGrain<IStateProbeGrain>(Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e").ToString("N"));
            Assert.Equal(new ProbeSnapshot("guid key", ProbeLevel.Low, 1, RecordExists: true, ETag: "1"), await guid.GetAsync());
        }

        db.Options.Commit = CommitMode.PerWrite;
        await using (var silo = await TestSilo.StartAsync(db.Options, "svc-switch"))
        {
            Assert.Equal(new ProbeSnapshot("group", ProbeLevel.High, 2, RecordExists: true, ETag: "2"), await silo.Grains.GetGrain<IStateProbeGrain>("s-1").GetAsync());
        }

        Assert.Equal(2, await db.CountAsync($"SELECT COUNT(*) FROM GrainState WHERE StateName = '{StateProbeGrain.StateName}'", Ct));
    }
}

public sealed class SqliteGroupCommitTests : GroupCommitTests
{
    private protected override async Task<TestDatabase> CreateDatabaseAsync() => GroupCommitDatabases.Group(await SqliteTestDatabase.CreateAsync());
}

public sealed class PostgreSqlGroupCommitTests : GroupCommitTests
{
    private protected override async Task<TestDatabase> CreateDatabaseAsync() => GroupCommitDatabases.Group(await PostgresTestDatabase.CreateAsync());

    [Fact]
    public async Task A_statement_that_fails_on_the_server_commits_nothing_of_its_batch_and_the_next_batch_commits()
    {
        await using var db = await CreateDatabaseAsync();
        await using var silo = await TestSilo.StartAsync(db.Options, "svc-group-failing");
        var (database, queries) = await DirectAsync(db, "svc-group-failing");
        GrainRowKey Key(string key) => GroupCommitTests.Key("failing", key);

        // PostgreSQL refuses a NUL character in text: the middle statement fails on the server, after the first ran.
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => database.CommitAsync(queries,
        [
            new PendingWrite(Key("f-0"), Json("before"), null),
            new PendingWrite(Key("bad\0key"), Json("never"), null),
            new PendingWrite(Key("f-1"), Json("after"), null),
        ], Ct));

        Assert.Equal(0, await db.CountAsync("SELECT COUNT(*) FROM GrainState WHERE StateName = 'failing'", Ct));

        // The connection went back to the pool with no transaction left open: the next batch commits.
        Assert.Equal([1, 1], await database.CommitAsync(queries,
        [
            new PendingWrite(Key("f-0"), Json("again"), null),
            new PendingWrite(Key("f-1"), Json("again"), null),
        ], Ct));
        await database.CloseAsync();
        Assert.Equal(2, await db.CountAsync("SELECT COUNT(*) FROM GrainState WHERE StateName = 'failing' AND Version = 1", Ct));
    }
}

/// <summary>The whole persistence contract again, with group commit in place of the ADO.NET grain storage.</summary>
public sealed class SqliteGroupCommitPersistenceTests : PersistenceTests
{
    private protected override async Task<TestDatabase> CreateDatabaseAsync() => GroupCommitDatabases.Group(await SqliteTestDatabase.CreateAsync());
}

public sealed class PostgreSqlGroupCommitPersistenceTests : PersistenceTests
{
    private protected override async Task<TestDatabase> CreateDatabaseAsync() => GroupCommitDatabases.Group(await PostgresTestDatabase.CreateAsync());
}

internal static class GroupCommitDatabases
{
    public static TestDatabase Group(TestDatabase database)
    {
        database.Options.Commit = CommitMode.Group;
        return database;
    }
}
