using Xunit;
using Npgsql;

namespace Emergency.Testing;

/// <summary>
/// The PostgreSQL server the tests use (env <c>EMERGENCY_TEST_POSTGRES</c>, a role that may create databases).
/// Unreachable: the test is skipped on a developer machine, and fails under <c>CI=true</c>.
/// </summary>
public static class PostgresTestServer
{
    private const string DefaultConnectionString = "Host=127.0.0.1;Port=5432;Username=emergency;Password=emergency;Database=emergency_test";

    private static readonly Lazy<Task<string?>> Problem = new(ProbeAsync);

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("EMERGENCY_TEST_POSTGRES") is { Length: > 0 } configured ? configured : DefaultConnectionString;

    public static bool RequiredByCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Skips (or, on CI, fails) the calling test when the server cannot be reached.</summary>
    public static async Task RequireAsync()
    {
        if (await Problem.Value is not { } problem)
        {
            return;
        }

        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString);
        var message = $"PostgreSQL is not reachable at {builder.Host}:{builder.Port}/{builder.Database} as {builder.Username} ({problem}); start it or set EMERGENCY_TEST_POSTGRES";
        if (RequiredByCi)
        {
            Assert.Fail("CI=true requires PostgreSQL: " + message);
        }

        Assert.Skip(message);
    }

    /// <summary>Creates an empty database of its own for one test and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string purpose)
    {
        await RequireAsync();
        var name = $"emergency_{purpose}_{Guid.NewGuid():N}"[..40].ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, closing its connections first.</summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static async Task<string?> ProbeAsync()
    {
        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Timeout = 5, Pooling = false };
        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync();
            return null;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return ex.Message;
        }
    }
}
