using Microsoft.Data.Sqlite;
using Npgsql;

namespace Emergency.Benchmarks.Commands;

/// <summary>
/// The storage ceiling: raw single-row upserts, one autocommit statement (one durable commit) each, of a payload the
/// size of a stored incident, on keys spread like the incidents. Nothing can commit more single rows per second.
/// </summary>
public interface IUpsertTarget
{
    Task UpsertAsync(long key);
}

public sealed class PostgresUpsertTarget(NpgsqlDataSource database, byte[] payload) : IUpsertTarget
{
    public const string Schema = "CREATE TABLE ceiling (k bigint PRIMARY KEY, payload bytea NOT NULL, version integer NOT NULL)";

    public async Task UpsertAsync(long key)
    {
        await using var command = database.CreateCommand(
            "INSERT INTO ceiling (k, payload, version) VALUES ($1, $2, 1) ON CONFLICT (k) DO UPDATE SET payload = excluded.payload, version = ceiling.version + 1");
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        command.Parameters.Add(new NpgsqlParameter { Value = payload });
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>The same on a SQLite file in WAL mode with synchronous=FULL (the engine's embedded default).</summary>
public sealed class SqliteUpsertTarget(string connectionString, byte[] payload) : IUpsertTarget
{
    public static async Task CreateAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE ceiling (k INTEGER PRIMARY KEY, payload BLOB NOT NULL, version INTEGER NOT NULL)";
        await command.ExecuteNonQueryAsync();
    }

    public async Task UpsertAsync(long key)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=FULL; INSERT INTO ceiling (k, payload, version) VALUES ($k, $p, 1) ON CONFLICT (k) DO UPDATE SET payload = excluded.payload, version = version + 1";
        command.Parameters.AddWithValue("$k", key);
        command.Parameters.AddWithValue("$p", payload);
        await command.ExecuteNonQueryAsync();
    }
}
