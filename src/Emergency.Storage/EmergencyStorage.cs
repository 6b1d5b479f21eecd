using Npgsql;

namespace Emergency.Storage;

/// <summary>Names shared by the storage wiring and the grains that use it.</summary>
public static class EmergencyStorage
{
    /// <summary>
    /// The grain storage name to put in <c>[PersistentState(stateName, EmergencyStorage.ProviderName)]</c>.
    /// </summary>
    public const string ProviderName = "emergency";

    // Orleans 10.4.2 maps "System.Data.SQLite" to Microsoft.Data.Sqlite's factory; the name
    // "Microsoft.Data.Sqlite" itself is unknown to it and fails with KeyNotFoundException.
    internal const string SqliteInvariant = "System.Data.SQLite";
    internal const string PostgreSqlInvariant = "Npgsql";

    /// <summary>How many distinct statements each PostgreSQL connection keeps prepared (state, reminders, membership).</summary>
    internal const int AutoPreparedStatements = 32;

    /// <summary>
    /// The connection string the providers use. On PostgreSQL, statements are prepared automatically (Npgsql's
    /// <c>Max Auto Prepare</c>), so the server does not parse and plan the same few queries on every write; a
    /// connection string that sets <c>Max Auto Prepare</c> itself (0 turns it off, e.g. behind a pooler in
    /// transaction mode) is kept as it is.
    /// </summary>
    internal static string ConnectionStringFor(StorageOptions storage)
    {
        if (storage.Provider != StorageProvider.PostgreSql)
        {
            return storage.ConnectionString;
        }

        var builder = new NpgsqlConnectionStringBuilder(storage.ConnectionString);
        if (builder.ConnectionString.Contains("Max Auto Prepare=", StringComparison.OrdinalIgnoreCase))
        {
            return storage.ConnectionString;
        }

        builder.MaxAutoPrepare = AutoPreparedStatements;
        return builder.ConnectionString;
    }

    internal static string InvariantFor(StorageProvider provider) => provider switch
    {
        StorageProvider.Sqlite => SqliteInvariant,
        StorageProvider.PostgreSql => PostgreSqlInvariant,
        _ => throw StorageConfigurationException.UnknownProvider(provider.ToString()),
    };
}
