using System.Data.Common;
using Npgsql;

namespace Emergency.Storage.Tests.Infrastructure;

/// <summary>A freshly created database per test, so runs and parallel tests never see each other's rows.</summary>
internal sealed class PostgresTestDatabase : TestDatabase
{
    private readonly string _name;

    private PostgresTestDatabase(string name, string connectionString)
    {
        _name = name;
        Options = new StorageOptions { Provider = StorageProvider.PostgreSql, ConnectionString = connectionString };
    }

    public override StorageOptions Options { get; }

    public static async Task<TestDatabase> CreateAsync()
    {
        await PostgresServer.EnsureReachableAsync();
        var name = "emergency_t_" + Guid.NewGuid().ToString("N")[..20];
        await AdminAsync($"CREATE DATABASE {name}");
        var builder = new NpgsqlConnectionStringBuilder(PostgresServer.AdminConnectionString) { Database = name };
        return new PostgresTestDatabase(name, builder.ConnectionString);
    }

    public override DbConnection CreateConnection() => new NpgsqlConnection(Options.ConnectionString);

    public override async ValueTask DisposeAsync()
    {
        await using (var connection = new NpgsqlConnection(Options.ConnectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        await AdminAsync($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
    }

    private static async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgresServer.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
