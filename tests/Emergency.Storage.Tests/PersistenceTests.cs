using System.Text;
using Emergency.Storage.Serialization;
using Emergency.Storage.Tests.Grains;
using Emergency.Storage.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Emergency.Storage.Tests;

/// <summary>Grain state through the real Orleans ADO.NET provider, on a real silo, against a real database.</summary>
public abstract class PersistenceTests
{
    private const string DeletingProvider = "emergency-delete-on-clear";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private protected abstract Task<TestDatabase> CreateDatabaseAsync();

    [Fact]
    public async Task State_written_before_a_restart_is_read_after_it()
    {
        await using var db = await CreateDatabaseAsync();
        await using (var silo = await TestSilo.StartAsync(db.Options, "svc-restart"))
        {
            await silo.Grains.GetGrain<IStateProbeGrain>("a-1").SetAsync("first alarm", ProbeLevel.High);
        }

        await using (var silo = await TestSilo.StartAsync(db.Options, "svc-restart"))
        {
            var snapshot = await silo.Grains.GetGrain<IStateProbeGrain>("a-1").GetAsync();

            Assert.Equal(new ProbeSnapshot("first alarm", ProbeLevel.High, 1, RecordExists: true, ETag: "1"), snapshot);
        }
    }

    [Fact]
    public async Task Cleared_state_reads_as_absent_after_a_restart_and_can_be_written_again()
    {
        await using var db = await CreateDatabaseAsync();
        await using (var silo = await TestSilo.StartAsync(db.Options, "svc-clear"))
        {
            var grain = silo.Grains.GetGrain<IStateProbeGrain>("a-2");
            await grain.SetAsync("to be cleared", ProbeLevel.High);
            await grain.ClearAsync();
            Assert.Equal(new ProbeSnapshot("", ProbeLevel.Low, 0, RecordExists: false, ETag: "2"), await grain.GetAsync());
        }

        // The cleared row stays as a tombstone carrying the version the next write must match.
        Assert.Equal(1, await db.CountAsync("SELECT COUNT(*) FROM GrainState WHERE PayloadBinary IS NULL AND Version = 2", Ct));

        await using (var silo = await TestSilo.StartAsync(db.Options, "svc-clear"))
        {
            var grain = silo.Grains.GetGrain<IStateProbeGrain>("a-2");
            Assert.Equal(new ProbeSnapshot("", ProbeLevel.Low, 0, RecordExists: false, ETag: "2"), await grain.GetAsync());

            await grain.SetAsync("written again", ProbeLevel.Low);

            Assert.Equal(new ProbeSnapshot("written again", ProbeLevel.Low, 1, RecordExists: true, ETag: "3"), await grain.GetAsync());
        }
    }

    [Fact]
    public async Task A_second_writer_with_a_stale_version_gets_an_inconsistent_state_exception()
    {
        await using var db = await CreateDatabaseAsync();

        // Two separate clusters on one database and ServiceId: each activates its own copy of the grain, the
        // situation optimistic concurrency exists for.
        await using var first = await TestSilo.StartAsync(db.Options, "svc-conflict", clusterId: "cluster-a");
        await using var second = await TestSilo.StartAsync(db.Options, "svc-conflict", clusterId: "cluster-b");
        await first.Grains.GetGrain<IStateProbeGrain>("a-3").SetAsync("from first", ProbeLevel.Low);
        await second.Grains.GetGrain<IStateProbeGrain>("a-3").SetAsync("from second", ProbeLevel.High);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(
            () => first.Grains.GetGrain<IStateProbeGrain>("a-3").SetAsync("stale", ProbeLevel.Low));

        Assert.Contains("Version conflict", error.Message, StringComparison.Ordinal);
        var snapshot = await second.Grains.GetGrain<IStateProbeGrain>("a-3").GetAsync();
        Assert.Equal(new ProbeSnapshot("from second", ProbeLevel.High, 2, RecordExists: true, ETag: "2"), snapshot);
    }

    [Fact]
    public async Task Two_first_writes_to_the_same_key_conflict()
    {
        await using var db = await CreateDatabaseAsync();
        await using var silo = await TestSilo.StartAsync(db.Options, "svc-insert-race");
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(EmergencyStorage.ProviderName);
        var grainId = GrainId.Create("probe-direct", "a-race");
        var winner = new GrainState<ProbeState>(new ProbeState { Text = "winner" });
        var loser = new GrainState<ProbeState>(new ProbeState { Text = "loser" });

        await storage.WriteStateAsync("race", grainId, winner, Ct);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("race", grainId, loser, Ct));

        var read = new GrainState<ProbeState>();
        await storage.ReadStateAsync("race", grainId, read, Ct);
        Assert.Equal(("winner", "1", true), (read.State?.Text, read.ETag, read.RecordExists));
    }

    [Fact]
    public async Task Stored_payload_is_plain_json_without_dotnet_type_names()
    {
        await using var db = await CreateDatabaseAsync();
        await using (var silo = await TestSilo.StartAsync(db.Options, "svc-payload"))
        {
            await silo.Grains.GetGrain<IStateProbeGrain>("a-4").SetAsync("smoke", ProbeLevel.High);
        }

        var json = Encoding.UTF8.GetString((byte[])(await db.ScalarAsync(
            $"SELECT PayloadBinary FROM GrainState WHERE StateName = '{StateProbeGrain.StateName}'", Ct))!);

        Assert.Equal("""{"text":"smoke","level":"High","writes":1}""", json);
        Assert.DoesNotContain("$type", json, StringComparison.Ordinal);
        Assert.DoesNotContain(typeof(ProbeState).Namespace!, json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_of_every_kind_and_extension_get_their_own_row()
    {
        await using var db = await CreateDatabaseAsync();
        await using var silo = await TestSilo.StartAsync(db.Options, "svc-keys");
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(EmergencyStorage.ProviderName);
        var guid = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        string[] keys =
        [
            "a-string", "5", "5+", "5+x", "-5",
            guid.ToString("N"), guid.ToString("N") + "+", guid.ToString("N") + "+x",
        ];

        foreach (var key in keys)
        {
            await storage.WriteStateAsync("keys", GrainId.Create("probe-direct", key), new GrainState<ProbeState>(new ProbeState { Text = key }), Ct);
        }

        foreach (var key in keys)
        {
            var read = new GrainState<ProbeState>();
            await storage.ReadStateAsync("keys", GrainId.Create("probe-direct", key), read, Ct);
            Assert.Equal((key, "1"), (read.State?.Text, read.ETag));
        }

        Assert.Equal(keys.Length, await db.CountAsync("SELECT COUNT(*) FROM GrainState WHERE StateName = 'keys'", Ct));

        // "5+" and "guid+" carry an empty extension, which must not be confused with "5" and "guid" (none).
        Assert.Equal(2, await db.CountAsync(
            "SELECT COUNT(*) FROM GrainState WHERE StateName = 'keys' AND KeyExtension = '' AND HasKeyExtension = (1 = 1)", Ct));
    }

    [Fact]
    public async Task Delete_on_clear_removes_the_row_and_the_next_write_inserts()
    {
        await using var db = await CreateDatabaseAsync();
        await using var silo = await TestSilo.StartAsync(db.Options, "svc-delete", configure: silo =>
            silo.AddAdoNetGrainStorage(DeletingProvider, adoNet =>
            {
                adoNet.Invariant = EmergencyStorage.InvariantFor(db.Provider);
                adoNet.ConnectionString = db.Options.ConnectionString;
                adoNet.GrainStorageSerializer = new JsonGrainStateSerializer(TestSilo.Privacy);
                adoNet.DeleteStateOnClear = true;
            }));
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(DeletingProvider);
        var grainId = GrainId.Create("probe-direct", "a-delete");
        var state = new GrainState<ProbeState>(new ProbeState { Text = "short-lived" });
        await storage.WriteStateAsync("deleting", grainId, state, Ct);

        await storage.ClearStateAsync("deleting", grainId, state, Ct);

        Assert.Null(state.ETag);
        Assert.Equal(0, await db.CountAsync("SELECT COUNT(*) FROM GrainState WHERE StateName = 'deleting'", Ct));
        var fresh = new GrainState<ProbeState>(new ProbeState { Text = "reborn" });
        await storage.WriteStateAsync("deleting", grainId, fresh, Ct);
        Assert.Equal("1", fresh.ETag);
    }
}

public sealed class SqlitePersistenceTests : PersistenceTests
{
    private protected override Task<TestDatabase> CreateDatabaseAsync() => SqliteTestDatabase.CreateAsync();
}

public sealed class PostgreSqlPersistenceTests : PersistenceTests
{
    private protected override Task<TestDatabase> CreateDatabaseAsync() => PostgresTestDatabase.CreateAsync();
}
