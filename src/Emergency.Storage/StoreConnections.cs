using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Emergency.Storage;

/// <summary>The engine's own tables outside Orleans (users, the audit trail): a pooled connection per call, named parameters.</summary>
internal static class StoreConnections
{
    public static async Task<DbConnection> OpenAsync(StorageOptions options, CancellationToken ct)
    {
        DbConnection connection = options.Provider == StorageProvider.PostgreSql
            ? new NpgsqlConnection(options.ConnectionString)
            : new SqliteConnection(options.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public static DbCommand Command(DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
