using Emergency.Storage.GroupCommit;
using Emergency.Storage.Tests.Grains;
using Emergency.Storage.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Storage;

namespace Emergency.Storage.Tests;

/// <summary>
/// A key drawn for a new grain (<see cref="FreshKeys"/>) skips the first activation's read, on a real silo against a
/// real database: the grain starts empty and its first write inserts; a key wrongly taken for fresh costs a version
/// conflict and the stored row stays as it was.
/// </summary>
public abstract class FreshKeysTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private protected abstract Task<TestDatabase> CreateDatabaseAsync();

    [Fact]
    public async Task A_fresh_key_starts_empty_and_its_first_write_inserts_the_row()
    {
        await using var db = await CreateDatabaseAsync();
        await using var silo = await TestSilo.StartAsync(db.Options, "svc-fresh");
        var fresh = silo.Services.GetRequiredService<FreshKeys>();
        fresh.Add("new-1");

        var grain = silo.Grains.GetGrain<IStateProbeGrain>("new-1");
        var before = await grain.GetAsync();
        await grain.SetAsync("first report", ProbeLevel.High);

        Assert.False(before.RecordExists);
        Assert.Null(before.ETag);
        Assert.False(fresh.Claim("new-1"));
        Assert.Equal(1, await db.CountAsync(
            $"SELECT COUNT(*) FROM GrainState WHERE StateName = '{StateProbeGrain.StateName}' AND Version = 1 AND PayloadBinary IS NOT NULL", Ct));
    }

    [Fact]
    public async Task A_key_wrongly_taken_for_fresh_fails_its_write_and_the_stored_row_is_kept()
    {
        await using var db = await CreateDatabaseAsync();
        await using var silo = await TestSilo.StartAsync(db.Options, "svc-fresh-wrong");
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(EmergencyStorage.ProviderName);
        var id = GrainId.Create("stateprobe", "old-1");
        await storage.WriteStateAsync(StateProbeGrain.StateName, id, new GrainState<ProbeState>(new ProbeState { Text = "stored before", Writes = 1 }), Ct);

        silo.Services.GetRequiredService<FreshKeys>().Add("old-1");
        var taken = new GrainState<ProbeState>();
        await storage.ReadStateAsync(StateProbeGrain.StateName, id, taken, Ct);
        Assert.False(taken.RecordExists);
        Assert.NotNull(taken.State);
        taken.State.Text = "would overwrite";
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateProbeGrain.StateName, id, taken, Ct));

        // Asked again, the key is no longer fresh: the read finds the row, unchanged.
        var read = new GrainState<ProbeState>();
        await storage.ReadStateAsync(StateProbeGrain.StateName, id, read, Ct);
        Assert.True(read.RecordExists);
        Assert.Equal("stored before", read.State?.Text);
    }

    [Fact]
    public void Keys_past_the_limit_are_forgotten_and_each_is_claimed_once()
    {
        var fresh = new FreshKeys();
        for (var i = 0; i < FreshKeys.Limit; i++)
        {
            fresh.Add($"k-{i}");
        }

        Assert.True(fresh.Claim("k-7"));
        Assert.False(fresh.Claim("k-7"));
        fresh.Add("k-7");
        fresh.Add("past-the-limit");

        Assert.False(fresh.Claim("k-8"));
        Assert.True(fresh.Claim("past-the-limit"));
    }

    [Fact]
    public void A_key_is_fresh_only_until_its_call_is_answered_and_only_for_a_minute()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 3, 0, 0, TimeSpan.Zero));
        var fresh = new FreshKeys(clock);

        // The registration's grain was placed on another node: this node's key is forgotten once the call is answered,
        // so the case activated here later (put away there, then called again) reads its row.
        fresh.Add("inc-elsewhere");
        fresh.Forget("inc-elsewhere");
        Assert.False(fresh.Claim("inc-elsewhere"));

        fresh.Add("inc-late");
        fresh.Add("inc-soon");
        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.True(fresh.Claim("inc-soon"));
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.False(fresh.Claim("inc-late"));
    }
}

public sealed class SqliteFreshKeysTests : FreshKeysTests
{
    private protected override async Task<TestDatabase> CreateDatabaseAsync() => GroupCommitDatabases.Group(await SqliteTestDatabase.CreateAsync());
}

public sealed class PostgreSqlFreshKeysTests : FreshKeysTests
{
    private protected override async Task<TestDatabase> CreateDatabaseAsync() => GroupCommitDatabases.Group(await PostgresTestDatabase.CreateAsync());
}
