using Emergency.Storage.Tests.Grains;
using Emergency.Storage.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Emergency.Storage.Tests;

/// <summary>Several group committers on PostgreSQL (<c>Storage:Committers</c>), and the setting's validation.</summary>
public sealed class GroupCommitCommittersTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(2, true)]
    [InlineData(1, false)]
    public async Task A_transaction_held_up_on_the_server_stalls_other_grains_writes_only_with_a_single_committer(int committers, bool othersCommit)
    {
        await using var db = GroupCommitDatabases.Group(await PostgresTestDatabase.CreateAsync());
        db.Options.Committers = committers;
        await using var silo = await TestSilo.StartAsync(db.Options, $"svc-committers-{committers}");
        var held = silo.Grains.GetGrain<IStateProbeGrain>("held");
        await held.SetAsync("first", ProbeLevel.Low);

        // Another session locks the grain's row, so the transaction carrying its next write waits on the server.
        await using var blocker = new NpgsqlConnection(db.Options.ConnectionString);
        await blocker.OpenAsync(Ct);
        await using var lockTransaction = await blocker.BeginTransactionAsync(Ct);
        await using (var lockRow = new NpgsqlCommand($"SELECT 1 FROM GrainState WHERE StateName = '{StateProbeGrain.StateName}' FOR UPDATE", blocker, lockTransaction))
        {
            Assert.Equal(1, await lockRow.ExecuteScalarAsync(Ct));
        }

        var heldWrite = held.SetAsync("second", ProbeLevel.High);
        await WaitUntil(async () => await db.CountAsync("SELECT COUNT(*) FROM pg_locks WHERE NOT granted", Ct) > 0, "the held write to wait for the row lock");

        var others = Task.WhenAll(Enumerable.Range(0, 20).Select(i => silo.Grains.GetGrain<IStateProbeGrain>($"other-{i}").SetAsync($"other {i}", ProbeLevel.Low)));
        var finished = await Task.WhenAny(others, Task.Delay(othersCommit ? Patience : TimeSpan.FromSeconds(3), Ct));

        Assert.Equal(othersCommit, finished == others);
        Assert.False(heldWrite.IsCompleted, "the held write was answered while its transaction still waited for the lock");
        if (othersCommit)
        {
            Assert.Equal(20, await db.CountAsync($"SELECT COUNT(*) FROM GrainState WHERE StateName = '{StateProbeGrain.StateName}' AND KeyExtension LIKE 'other-%'", Ct));
        }

        await lockTransaction.RollbackAsync(Ct);
        await heldWrite.WaitAsync(Patience, Ct);
        await others.WaitAsync(Patience, Ct);
        Assert.Equal(new ProbeSnapshot("second", ProbeLevel.High, 2, RecordExists: true, ETag: "2"), await held.GetAsync());
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData(" 3 ", 3)]
    [InlineData("16", 16)]
    public void Committers_parse_as_a_whole_number_or_the_providers_default(string? value, int? expected) =>
        Assert.Equal(expected, StorageOptions.ParseCommitters(value));

    [Theory]
    [InlineData("0")]
    [InlineData("17")]
    [InlineData("-1")]
    [InlineData("two")]
    [InlineData("1.5")]
    public void A_committer_count_that_is_not_from_1_to_16_names_its_key(string value)
    {
        var error = Assert.Throws<StorageConfigurationException>(() => StorageOptions.ParseCommitters(value));

        Assert.Equal(StorageOptions.CommittersKey, error.Key);
        Assert.Contains($"'{value}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("from 1 to 16", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_defaults_are_two_committers_on_PostgreSQL_and_one_on_SQLite()
    {
        Assert.Equal(2, new StorageOptions { Provider = StorageProvider.PostgreSql, ConnectionString = "Host=db" }.EffectiveCommitters);
        Assert.Equal(1, new StorageOptions { Provider = StorageProvider.Sqlite, ConnectionString = "Data Source=x.db" }.EffectiveCommitters);
    }

    [Fact]
    public void SQLite_refuses_more_than_one_committer_with_the_reason()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageOptions.ProviderKey] = "Sqlite",
            [StorageOptions.ConnectionStringKey] = "Data Source=x.db",
            [StorageOptions.CommitKey] = "group",
            [StorageOptions.CommittersKey] = "2",
        }).Build();

        var error = Assert.Throws<StorageConfigurationException>(() => StorageOptions.FromConfiguration(configuration));

        Assert.Equal(StorageOptions.CommittersKey, error.Key);
        Assert.Contains("one writer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Committers_without_group_commit_are_refused_rather_than_ignored()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageOptions.ProviderKey] = "Sqlite",
            [StorageOptions.ConnectionStringKey] = "Data Source=x.db",
            [StorageOptions.CommitKey] = "perWrite",
            [StorageOptions.CommittersKey] = "1",
        }).Build();

        var error = Assert.Throws<StorageConfigurationException>(() => StorageOptions.FromConfiguration(configuration));

        Assert.Equal(StorageOptions.CommittersKey, error.Key);
        Assert.Contains("group commit only", error.Message, StringComparison.Ordinal);
    }

    private static async Task WaitUntil(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(20, Ct);
        }
    }
}
