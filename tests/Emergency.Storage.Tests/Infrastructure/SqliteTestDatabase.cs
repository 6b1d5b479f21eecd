using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Emergency.Storage.Tests.Infrastructure;

internal sealed class SqliteTestDatabase : TestDatabase
{
    private SqliteTestDatabase(string directory)
    {
        Directory = directory;

        // A sub-directory that does not exist yet, so every test also covers the migrator creating it.
        FilePath = Path.Combine(directory, "data", "emergency.db");
        Options = new StorageOptions { Provider = StorageProvider.Sqlite, ConnectionString = $"Data Source={FilePath}", Commit = CommitMode.PerWrite };
    }

    public string Directory { get; }

    public string FilePath { get; }

    public override StorageOptions Options { get; }

    public static Task<TestDatabase> CreateAsync() =>
        Task.FromResult<TestDatabase>(new SqliteTestDatabase(
            Path.Combine(Path.GetTempPath(), "emergency-storage-tests", Guid.NewGuid().ToString("N"))));

    public override DbConnection CreateConnection() => new SqliteConnection(Options.ConnectionString);

    public override ValueTask DisposeAsync()
    {
        // Idle pooled connections keep the file open; in-use ones are discarded when they close.
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }

        return ValueTask.CompletedTask;
    }
}
