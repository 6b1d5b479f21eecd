using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Emergency.Storage.Migrations;

internal sealed class SqliteSchemaDatabase(string connectionString) : ISchemaDatabase
{
    // 2 = FULL: the WAL is fsynced on every commit, so an acknowledged write survives kill -9 and power loss.
    private const long FullSynchronous = 2;

    public string CreateVersionTableSql => """
        CREATE TABLE IF NOT EXISTS SchemaVersion (
            Version    INTEGER NOT NULL PRIMARY KEY,
            Script     TEXT    NOT NULL,
            AppliedUtc TEXT    NOT NULL
        );
        """;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        EnsureFile();
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await CheckDurabilityAsync(connection, cancellationToken);
            await EnableWalAsync(connection, cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public Task<DbTransaction> BeginExclusiveAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // deferred: false issues BEGIN IMMEDIATE: the write lock is taken before the version is read, so a second
        // process waits (Microsoft.Data.Sqlite retries SQLITE_BUSY up to the command timeout) instead of
        // failing to upgrade a read lock later.
        return Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));
    }

    private void EnsureFile()
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return; // URI file names are resolved by SQLite itself; leave their directories to the operator.
        }

        var file = Path.GetFullPath(dataSource);
        var directory = Path.GetDirectoryName(file);
        if (OperatingSystem.IsWindows())
        {
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            return;
        }

        // The file holds complainants' personal data: readable by the engine's own user only. SQLite gives the WAL and
        // shared-memory files it makes beside it the database file's permissions.
        if (!string.IsNullOrEmpty(directory) && !Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        if (!File.Exists(file) && TryCreateOwnerOnly(file))
        {
            return;
        }

        if ((File.GetUnixFileMode(file) & ~OwnerOnly) != 0)
        {
            File.SetUnixFileMode(file, OwnerOnly);
        }
    }

    // Two engines (or two migrations in one process) may start on the same new file at once: the loser of the race
    // finds the file made by the winner, and goes on to check its permissions like any existing file.
    private static bool TryCreateOwnerOnly(string file)
    {
        try
        {
            using var created = new FileStream(file, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnly });
            return true;
        }
        catch (IOException) when (File.Exists(file))
        {
            return false;
        }
    }

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    // The Orleans providers open their own pooled connections, and Microsoft.Data.Sqlite has no connection-string
    // keyword for PRAGMA synchronous, so their setting is the library's compiled default (FULL in the bundled
    // e_sqlite3). Checking it on a fresh connection before touching it proves what those connections get, and
    // stops the start if a future SQLite build lowers it.
    private static async Task CheckDurabilityAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var synchronous = Convert.ToInt64(await ScalarAsync(connection, "PRAGMA synchronous;", cancellationToken));
        if (synchronous < FullSynchronous)
        {
            throw new StorageSchemaException(
                $"SQLite opens connections with PRAGMA synchronous={synchronous}, below FULL (2): committed state could be lost "
                + "on a crash. Use a SQLite build whose default synchronous level is FULL.");
        }
    }

    // journal_mode=WAL is stored in the database file, so setting it once here covers every later connection.
    private static async Task EnableWalAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var mode = Convert.ToString(await ScalarAsync(connection, "PRAGMA journal_mode=WAL;", cancellationToken));
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new StorageSchemaException(
                $"SQLite refused journal_mode=WAL (it reports '{mode}'); the database file must be on a local file system.");
        }
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
