using System.Data.Common;

namespace Emergency.Storage.Tests.Infrastructure;

/// <summary>A real, empty database owned by one test; disposing it deletes it.</summary>
internal abstract class TestDatabase : IAsyncDisposable
{
    public abstract StorageOptions Options { get; }

    public StorageProvider Provider => Options.Provider;

    public abstract DbConnection CreateConnection();

    public async Task<object?> ScalarAsync(string sql, CancellationToken ct)
    {
        await using var connection = CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(ct);
    }

    public async Task<long> CountAsync(string sql, CancellationToken ct) => Convert.ToInt64(await ScalarAsync(sql, ct));

    public async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        await using var connection = CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    public abstract ValueTask DisposeAsync();
}
