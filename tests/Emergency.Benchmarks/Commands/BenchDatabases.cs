using Npgsql;

namespace Emergency.Benchmarks.Commands;

/// <summary>Thrown when a benchmark cannot run as asked (e.g. PostgreSQL rows without a server): the run fails with this message.</summary>
public sealed class BenchmarkSetupException(string message) : Exception(message);

/// <summary>Fresh PostgreSQL databases for one benchmark run, on the server named by <c>EMERGENCY_TEST_POSTGRES</c>.</summary>
public static class BenchDatabases
{
    public const string Variable = "EMERGENCY_TEST_POSTGRES";

    /// <summary>
    /// Connections per database, for every side alike: the server allows 100 in all and is shared, so 100 clients
    /// wait for a pooled connection, as a web app's requests would.
    /// </summary>
    public const int PoolSize = 40;

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new BenchmarkSetupException(
                $"{Variable} is not set: the PostgreSQL rows need a server (e.g. {Variable}=\"Host=127.0.0.1;Port=5432;Username=emergency;Password=emergency;Database=emergency_test\"), " +
                "or ask for SQLite only with --databases sqlite");

    /// <summary>Creates an empty database and returns its connection string, with a pool of <see cref="PoolSize"/> connections.</summary>
    public static async Task<string> CreateAsync(string purpose)
    {
        var admin = AdminConnectionString;
        var name = $"emergency_bench_{purpose}_{Guid.NewGuid():N}"[..48];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = PoolSize }.ConnectionString;
    }

    public static async Task DropAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>What durability the server gives a commit: the figures only compare at equal settings.</summary>
    public static async Task<string> DurabilityAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT current_setting('synchronous_commit') || ', fsync ' || current_setting('fsync') || ', ' || version()", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
