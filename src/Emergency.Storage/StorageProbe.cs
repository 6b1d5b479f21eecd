using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Emergency.Storage;

/// <summary>A cheap readiness check for the host's /healthz.</summary>
public static class StorageProbe
{
    /// <summary>
    /// True when the database answers and its schema is at the version this build expects; false when it is
    /// unreachable, missing, or at another version.
    /// </summary>
    /// <exception cref="StorageConfigurationException">The options are invalid.</exception>
    public static async Task<bool> IsReadyAsync(StorageOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        try
        {
            await using var connection = Open(options);
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT MAX(Version) FROM SchemaVersion";
            var version = await command.ExecuteScalarAsync(ct);
            return version is not null and not DBNull
                && Convert.ToInt32(version) == SchemaMigrator.LatestVersion(options.Provider);
        }
        catch (DbException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    private static DbConnection Open(StorageOptions options)
    {
        if (options.Provider == StorageProvider.PostgreSql)
        {
            // A fresh connection each time: an idle pooled one may have died with a database restart, and would
            // report the engine unready once more after the database is long back.
            return new NpgsqlConnection(new NpgsqlConnectionStringBuilder(options.ConnectionString) { Pooling = false }.ConnectionString);
        }

        // ReadWrite (not the default ReadWriteCreate): probing a missing file must not create an empty database.
        var builder = new SqliteConnectionStringBuilder(options.ConnectionString) { Mode = SqliteOpenMode.ReadWrite };
        return new SqliteConnection(builder.ConnectionString);
    }
}
