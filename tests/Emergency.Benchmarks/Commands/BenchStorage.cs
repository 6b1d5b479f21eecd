using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Emergency.Benchmarks.Commands;

/// <summary>A fresh database for one part of a run (SQLite in a temporary directory, or PostgreSQL), deleted afterwards.</summary>
public sealed class BenchStorage : IAsyncDisposable
{
    private readonly string? _directory;

    private BenchStorage(string provider, string connectionString, string? directory)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _directory = directory;
    }

    public string Provider { get; }

    public string ConnectionString { get; }

    public static async Task<BenchStorage> CreateAsync(string database, string purpose)
    {
        if (database == "postgres")
        {
            return new BenchStorage("PostgreSql", await BenchDatabases.CreateAsync(purpose), null);
        }

        var directory = Directory.CreateTempSubdirectory($"emergency-bench-{purpose}-").FullName;
        return new BenchStorage("Sqlite", $"Data Source={Path.Combine(directory, "engine.db")}", directory);
    }

    public DbConnection Open() => Provider == "PostgreSql" ? new NpgsqlConnection(ConnectionString) : new SqliteConnection(ConnectionString);

    public async Task<long> CountAsync(string sql)
    {
        await using var connection = Open();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        if (_directory is null)
        {
            await BenchDatabases.DropAsync(ConnectionString);
            return;
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
