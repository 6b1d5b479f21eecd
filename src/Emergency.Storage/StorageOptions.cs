using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Emergency.Storage;

/// <summary>Where the engine keeps grain state, reminders and (PostgreSQL only) cluster membership.</summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section bound to these options.</summary>
    public const string SectionName = "Storage";

    /// <summary>Configuration key of <see cref="Provider"/>.</summary>
    public const string ProviderKey = "Storage:Provider";

    /// <summary>Configuration key of <see cref="ConnectionString"/>.</summary>
    public const string ConnectionStringKey = "Storage:ConnectionString";

    /// <summary>Configuration key of <see cref="Commit"/>: <c>group</c> or <c>perWrite</c> (absent: the provider's default).</summary>
    public const string CommitKey = "Storage:Commit";

    /// <summary>Configuration key of <see cref="Committers"/>.</summary>
    public const string CommittersKey = "Storage:Committers";

    /// <summary>The most committers <see cref="Committers"/> may ask for.</summary>
    public const int MaxCommitters = 16;

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>
    /// An ADO.NET connection string for the chosen provider, e.g. <c>Data Source=data/emergency.db</c> (SQLite)
    /// or <c>Host=db;Username=emergency;Password=…;Database=emergency</c> (PostgreSQL).
    /// </summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// How grain state writes are committed (null: the provider's default, see <see cref="EffectiveCommit"/>):
    /// <see cref="CommitMode.Group"/>, many grains' writes per transaction, each answered after its commit; or
    /// <see cref="CommitMode.PerWrite"/>, the Orleans ADO.NET provider, one commit per write.
    /// </summary>
    public CommitMode? Commit { get; set; }

    /// <summary>
    /// The commit mode in effect: <see cref="Commit"/>, or group commit by default on both providers (on SQLite the
    /// reminder table's writes take turns with the committer at the one write lock, see <c>SqliteWriterGate</c>).
    /// </summary>
    public CommitMode EffectiveCommit => Commit ?? CommitMode.Group;

    /// <summary>
    /// With group commit, how many transactions may be committing at once, each on its own connection (null: the
    /// provider's default, 2 on PostgreSQL so that one batch executes while the other waits for its flush; SQLite
    /// has one writer, so only 1 is accepted there). Writes of one grain never overlap: a grain waits for its write.
    /// </summary>
    public int? Committers { get; set; }

    /// <summary>The number of committers in effect: <see cref="Committers"/>, or the provider's default.</summary>
    public int EffectiveCommitters => Committers ?? (Provider == StorageProvider.PostgreSql ? 2 : 1);

    /// <summary>Reads the <c>Storage</c> section and validates it.</summary>
    /// <exception cref="StorageConfigurationException">A value is missing or invalid.</exception>
    public static StorageOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new StorageOptions
        {
            Provider = ParseProvider(configuration[ProviderKey]),
            ConnectionString = configuration[ConnectionStringKey] ?? "",
            Commit = ParseCommit(configuration[CommitKey]),
            Committers = ParseCommitters(configuration[CommittersKey]),
        };
        options.Validate();
        return options;
    }

    /// <summary>Parses a provider name, ignoring case ("sqlite", "PostgreSql").</summary>
    /// <exception cref="StorageConfigurationException">The value is empty or names no known provider.</exception>
    public static StorageProvider ParseProvider(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new StorageConfigurationException(ProviderKey,
                $"no storage provider configured. Expected one of: {string.Join(", ", Enum.GetNames<StorageProvider>())}.");
        }

        // Enum.TryParse would also accept numbers ("7"), which are never a deliberate choice in a config file.
        foreach (var name in Enum.GetNames<StorageProvider>())
        {
            if (string.Equals(name, value.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return Enum.Parse<StorageProvider>(name);
            }
        }

        throw StorageConfigurationException.UnknownProvider(value);
    }

    /// <summary>Parses a commit mode, ignoring case: <c>group</c> or <c>perWrite</c>; absent gives null (the provider's default).</summary>
    /// <exception cref="StorageConfigurationException">The value names no commit mode.</exception>
    public static CommitMode? ParseCommit(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "group" => CommitMode.Group,
        "perwrite" => CommitMode.PerWrite,
        _ => throw new StorageConfigurationException(CommitKey,
            $"'{value}' is not a commit mode. Expected group (the default) or perWrite."),
    };

    /// <summary>Parses a committer count: absent (the provider's default) or a whole number from 1 to <see cref="MaxCommitters"/>.</summary>
    /// <exception cref="StorageConfigurationException">The value is not such a number.</exception>
    public static int? ParseCommitters(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return int.TryParse(value.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count)
            && count is >= 1 and <= MaxCommitters
            ? count
            : throw new StorageConfigurationException(CommittersKey, $"'{value}' is not a number of committers. Expected a whole number from 1 to {MaxCommitters}.");
    }

    /// <summary>Checks the provider and that the connection string is present and well-formed for it.</summary>
    /// <exception cref="StorageConfigurationException">A value is missing or invalid.</exception>
    public void Validate()
    {
        if (!Enum.IsDefined(Provider))
        {
            throw StorageConfigurationException.UnknownProvider(Provider.ToString());
        }

        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new StorageConfigurationException(ConnectionStringKey,
                $"the connection string is empty; set it for the {Provider} provider.");
        }

        try
        {
            DbConnectionStringBuilder builder = Provider == StorageProvider.Sqlite
                ? new SqliteConnectionStringBuilder(ConnectionString)
                : new NpgsqlConnectionStringBuilder(ConnectionString);
            _ = builder.ConnectionString;
        }
        catch (ArgumentException e)
        {
            // Never echo the connection string: it may hold a password.
            throw new StorageConfigurationException(ConnectionStringKey,
                $"the connection string is not valid for the {Provider} provider: {e.Message}", e);
        }

        if (Provider == StorageProvider.Sqlite)
        {
            ValidateSqliteFile(new SqliteConnectionStringBuilder(ConnectionString));
        }

        if (Committers is { } committers && (committers < 1 || committers > MaxCommitters))
        {
            throw new StorageConfigurationException(CommittersKey, $"{committers} committers: expected a whole number from 1 to {MaxCommitters}.");
        }

        if (Committers is not null && EffectiveCommit != CommitMode.Group)
        {
            throw new StorageConfigurationException(CommittersKey,
                $"committers apply to group commit only, and {CommitKey} is perWrite; remove {CommittersKey} or use group commit.");
        }

        if (Provider == StorageProvider.Sqlite && EffectiveCommitters != 1)
        {
            throw new StorageConfigurationException(CommittersKey,
                $"SQLite has one writer at a time, so group commit runs one committer there; {EffectiveCommitters} were asked for.");
        }
    }

    private static void ValidateSqliteFile(SqliteConnectionStringBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.DataSource))
        {
            throw new StorageConfigurationException(ConnectionStringKey,
                "the SQLite connection string has no Data Source (the database file path).");
        }

        // The providers open a new connection per call, and an in-memory database lives only as long as one connection.
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource.Trim() == ":memory:")
        {
            throw new StorageConfigurationException(ConnectionStringKey,
                "an in-memory SQLite database cannot hold state; give Data Source a file path.");
        }

        if (builder.Mode == SqliteOpenMode.ReadOnly)
        {
            throw new StorageConfigurationException(ConnectionStringKey,
                "Mode=ReadOnly cannot store state; remove it from the SQLite connection string.");
        }
    }

    internal StorageOptions Snapshot() => new() { Provider = Provider, ConnectionString = ConnectionString, Commit = Commit, Committers = Committers };
}
