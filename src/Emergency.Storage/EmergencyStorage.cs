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

    internal static string InvariantFor(StorageProvider provider) => provider switch
    {
        StorageProvider.Sqlite => SqliteInvariant,
        StorageProvider.PostgreSql => PostgreSqlInvariant,
        _ => throw StorageConfigurationException.UnknownProvider(provider.ToString()),
    };
}
