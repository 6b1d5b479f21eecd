using System.Data.Common;
using Emergency.Storage.Migrations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Emergency.Storage;

/// <summary>
/// Brings the database to the schema version this build embeds: creates the tables and the named queries the
/// Orleans ADO.NET providers need, one script per transaction, recorded in <c>SchemaVersion</c>.
/// Safe to run from several processes at once, and a no-op when the schema is current.
/// </summary>
public sealed partial class SchemaMigrator
{
    private readonly ILogger _logger;
    private readonly Func<StorageProvider, IReadOnlyList<SchemaScript>> _scripts;

    public SchemaMigrator()
        : this(NullLogger<SchemaMigrator>.Instance)
    {
    }

    public SchemaMigrator(ILogger<SchemaMigrator> logger)
        : this(logger, EmbeddedSchemaScripts.For)
    {
    }

    internal SchemaMigrator(ILogger logger, Func<StorageProvider, IReadOnlyList<SchemaScript>> scripts)
    {
        ArgumentNullException.ThrowIfNull(logger);
        _logger = logger;
        _scripts = scripts;
    }

    /// <summary>The schema version this build brings for <paramref name="provider"/>.</summary>
    public static int LatestVersion(StorageProvider provider) => EmbeddedSchemaScripts.For(provider).Count;

    /// <summary>Applies the missing scripts in order and returns the schema version the database is now at.</summary>
    /// <exception cref="StorageConfigurationException">The options are invalid.</exception>
    /// <exception cref="StorageSchemaException">
    /// The database is at a newer version than this build knows, or SQLite would not make commits durable.
    /// </exception>
    public async Task<int> MigrateAsync(StorageOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var scripts = _scripts(options.Provider);
        ISchemaDatabase database = options.Provider == StorageProvider.Sqlite
            ? new SqliteSchemaDatabase(options.ConnectionString)
            : new PostgreSqlSchemaDatabase(options.ConnectionString);

        await using var connection = await database.OpenAsync(ct);
        while (true)
        {
            await using var transaction = await database.BeginExclusiveAsync(connection, ct);
            await ExecuteAsync(transaction, database.CreateVersionTableSql, ct);

            // Read under the lock: another process may have applied scripts while we waited for it.
            var current = await ReadVersionAsync(transaction, ct);
            if (current > scripts.Count)
            {
                throw new StorageSchemaException(
                    $"The {options.Provider} database is at schema version {current}, but this build of Emergency only knows "
                    + $"versions up to {scripts.Count}. It was migrated by a newer release: run that release, or restore a "
                    + "backup made for this one. Nothing was changed.");
            }

            if (current == scripts.Count)
            {
                await transaction.CommitAsync(ct);
                LogSchemaCurrent(_logger, options.Provider, current);
                return current;
            }

            var next = scripts[current];
            await ExecuteAsync(transaction, next.Sql, ct);
            await RecordAsync(transaction, next, ct);
            await transaction.CommitAsync(ct);
            LogScriptApplied(_logger, next.Name, options.Provider);
        }
    }

    private static async Task ExecuteAsync(DbTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<int> ReadVersionAsync(DbTransaction transaction, CancellationToken ct)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COALESCE(MAX(Version), 0) FROM SchemaVersion";
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct));
    }

    private static async Task RecordAsync(DbTransaction transaction, SchemaScript script, CancellationToken ct)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        // The database's own clock dates the migration: an audit fact about the database, not engine time.
        command.CommandText = "INSERT INTO SchemaVersion (Version, Script, AppliedUtc) VALUES (@version, @script, CURRENT_TIMESTAMP)";
        AddParameter(command, "version", script.Version);
        AddParameter(command, "script", script.Name);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Storage schema ({Provider}) is at version {Version}")]
    private static partial void LogSchemaCurrent(ILogger logger, StorageProvider provider, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied storage schema script {Script} ({Provider})")]
    private static partial void LogScriptApplied(ILogger logger, string script, StorageProvider provider);
}
