using Emergency.Storage.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Emergency.Storage.Tests;

public sealed class SqliteDurabilityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Migration_creates_the_directory_and_persists_wal_mode()
    {
        await using var db = (SqliteTestDatabase)await SqliteTestDatabase.CreateAsync();
        Assert.False(Directory.Exists(Path.GetDirectoryName(db.FilePath)));

        await new SchemaMigrator().MigrateAsync(db.Options, Ct);
        SqliteConnection.ClearAllPools();

        Assert.True(File.Exists(db.FilePath));
        Assert.Equal("wal", await db.ScalarAsync("PRAGMA journal_mode", Ct));
    }

    [Fact]
    public async Task The_database_file_its_wal_and_a_directory_made_for_it_are_readable_by_the_owner_only()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        await using var db = (SqliteTestDatabase)await SqliteTestDatabase.CreateAsync();

        await new SchemaMigrator().MigrateAsync(db.Options, Ct);
        Assert.Equal("wal", await db.ScalarAsync("PRAGMA journal_mode", Ct));

        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        Assert.Equal(ownerOnly, File.GetUnixFileMode(db.FilePath));
        Assert.Equal(ownerOnly, File.GetUnixFileMode(db.FilePath + "-wal"));
        Assert.Equal(ownerOnly | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(db.FilePath)!));
    }

    [Fact]
    public async Task A_database_file_readable_by_others_is_made_owner_only()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        await using var db = (SqliteTestDatabase)await SqliteTestDatabase.CreateAsync();
        Directory.CreateDirectory(Path.GetDirectoryName(db.FilePath)!);
        await File.WriteAllBytesAsync(db.FilePath, [], Ct);
        File.SetUnixFileMode(db.FilePath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        await new SchemaMigrator().MigrateAsync(db.Options, Ct);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(db.FilePath));
    }

    [Fact]
    public async Task Connections_opened_like_the_providers_do_commit_with_synchronous_full()
    {
        // The Orleans providers open plain connections from the connection string and never set a pragma,
        // so what a fresh connection reports is what their commits get.
        await using var db = await SqliteTestDatabase.CreateAsync();
        await new SchemaMigrator().MigrateAsync(db.Options, Ct);

        Assert.Equal(2L, await db.ScalarAsync("PRAGMA synchronous", Ct));
    }

    [Fact]
    public async Task Probe_does_not_create_a_missing_database_file()
    {
        await using var db = (SqliteTestDatabase)await SqliteTestDatabase.CreateAsync();

        Assert.False(await StorageProbe.IsReadyAsync(db.Options, Ct));

        Assert.False(File.Exists(db.FilePath));
    }
}
