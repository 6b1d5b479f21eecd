using System.Data.Common;
using Emergency.Testing;
using Npgsql;

namespace Emergency.Storage.Tests.Infrastructure;

/// <summary>A freshly created database per test, so runs and parallel tests never see each other's rows.</summary>
internal sealed class PostgresTestDatabase : TestDatabase
{
    private PostgresTestDatabase(string connectionString)
    {
        Options = new StorageOptions { Provider = StorageProvider.PostgreSql, ConnectionString = connectionString, Commit = CommitMode.PerWrite };
    }

    public override StorageOptions Options { get; }

    public static async Task<TestDatabase> CreateAsync()
    {
        return new PostgresTestDatabase(await PostgresTestServer.CreateDatabaseAsync("storage"));
    }

    public override DbConnection CreateConnection() => new NpgsqlConnection(Options.ConnectionString);

    public override async ValueTask DisposeAsync() => await PostgresTestServer.DropDatabaseAsync(Options.ConnectionString);
}
