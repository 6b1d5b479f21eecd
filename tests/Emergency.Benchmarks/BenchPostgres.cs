namespace Emergency.Benchmarks;

/// <summary>A fresh PostgreSQL database for one benchmark run, on the server of EMERGENCY_TEST_POSTGRES, dropped afterwards.</summary>
internal static class BenchPostgres
{
    private static string Server() =>
        Environment.GetEnvironmentVariable("EMERGENCY_TEST_POSTGRES")
        ?? throw new InvalidOperationException("set EMERGENCY_TEST_POSTGRES to a PostgreSQL connection string to run on PostgreSQL");

    public static async Task<string> FreshDatabaseAsync()
    {
        var name = $"emergency_bench_{Guid.NewGuid():N}"[..32];
        await using var connection = new Npgsql.NpgsqlConnection(Server());
        await connection.OpenAsync();
        await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync();
        return new Npgsql.NpgsqlConnectionStringBuilder(Server()) { Database = name, MaxPoolSize = 64 }.ConnectionString;
    }

    public static async Task DropAsync(string database)
    {
        var name = new Npgsql.NpgsqlConnectionStringBuilder(database).Database;
        Npgsql.NpgsqlConnection.ClearAllPools();
        await using var connection = new Npgsql.NpgsqlConnection(Server());
        await connection.OpenAsync();
        await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
