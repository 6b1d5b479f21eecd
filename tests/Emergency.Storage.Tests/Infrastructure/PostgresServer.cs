using Npgsql;

namespace Emergency.Storage.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server the tests use (env <c>EMERGENCY_TEST_POSTGRES</c>). When it cannot be reached the test
/// is skipped, except under <c>CI=true</c>, where a missing database must fail the run rather than hide it.
/// </summary>
internal static class PostgresServer
{
    private const string DefaultConnectionString =
        "Host=127.0.0.1;Port=5432;Username=emergency;Password=emergency;Database=emergency_test";

    private static readonly Lazy<Task<string?>> Unreachable = new(ProbeAsync);

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("EMERGENCY_TEST_POSTGRES") is { Length: > 0 } configured
            ? configured
            : DefaultConnectionString;

    public static async Task EnsureReachableAsync()
    {
        var problem = await Unreachable.Value;
        if (problem is null)
        {
            return;
        }

        var message = $"PostgreSQL is not reachable at {Describe()} ({problem}). "
            + "Start it or point EMERGENCY_TEST_POSTGRES at a server.";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail("CI=true requires PostgreSQL: " + message);
        }

        Assert.Skip(message);
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
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return e.Message;
        }
    }

    // Never print the password.
    private static string Describe()
    {
        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString);
        return $"{builder.Host}:{builder.Port}/{builder.Database} as {builder.Username}";
    }
}
