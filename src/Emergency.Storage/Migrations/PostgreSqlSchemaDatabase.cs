using System.Data.Common;
using Npgsql;

namespace Emergency.Storage.Migrations;

internal sealed class PostgreSqlSchemaDatabase(string connectionString) : ISchemaDatabase
{
    // Any constant works as long as nothing else in the database uses it; this one spells "Emergenc".
    private const long MigrationLockKey = 0x456D657267656E63;

    public string CreateVersionTableSql => """
        CREATE TABLE IF NOT EXISTS SchemaVersion (
            Version    integer     NOT NULL PRIMARY KEY,
            Script     text        NOT NULL,
            AppliedUtc timestamptz NOT NULL
        );
        """;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task<DbTransaction> BeginExclusiveAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            // A transaction-scoped advisory lock is released by COMMIT or ROLLBACK, and also when a crashed
            // process's session ends, so a failed migration never leaves the lock behind in a pooled connection.
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "SELECT pg_advisory_xact_lock(@key)";
            command.Parameters.Add(new NpgsqlParameter<long>("key", MigrationLockKey));
            await command.ExecuteNonQueryAsync(cancellationToken);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }
}
