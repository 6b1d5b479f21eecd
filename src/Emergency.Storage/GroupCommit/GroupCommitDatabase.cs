using System.Data.Common;
using Emergency.Storage.Indexing;
using Emergency.Storage.Timelines;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Emergency.Storage.GroupCommit;

/// <summary>Runs many grains' writes as one transaction on one database: one durable commit for all of them.</summary>
internal abstract class GroupCommitDatabase(string serviceId)
{
    /// <summary>Where a case's write puts its index row, in the same transaction.</summary>
    public abstract CaseIndex Index { get; }

    /// <summary>Where a timelined state's write appends its timeline's rows, in the same transaction; reads load them from it.</summary>
    public abstract TimelineStore Timelines { get; }

    protected string ServiceId { get; } = serviceId;

    /// <param name="options">The storage.</param>
    /// <param name="serviceId">The service whose rows are written.</param>
    /// <param name="gate">SQLite: the turns at the write lock shared with the reminder table (null: a gate of its own).</param>
    public static GroupCommitDatabase For(StorageOptions options, string serviceId, SqliteWriterGate? gate = null) => options.Provider switch
    {
        StorageProvider.Sqlite => new SqliteGroupCommitDatabase(options.ConnectionString, serviceId, gate ?? new SqliteWriterGate()),
        StorageProvider.PostgreSql => new PostgreSqlGroupCommitDatabase(EmergencyStorage.ConnectionStringFor(options), serviceId),
        _ => throw StorageConfigurationException.UnknownProvider(options.Provider.ToString()),
    };

    public abstract DbConnection CreateConnection();

    /// <summary>Releases the connections it pools, once the last batch has committed.</summary>
    public abstract ValueTask CloseAsync();

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = CreateConnection();
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Runs every write's query in one transaction and commits it, with the index change and the timeline rows of every
    /// write whose state statement succeeded. Returns each write's new version, or null where its version check failed (that statement
    /// changed nothing, nor did its index change; the others still commit). Throws when the
    /// transaction itself failed: then nothing of the batch was committed. A reminder table's write gets what its
    /// query answered (<see cref="ReminderWrite.Result"/>); only PostgreSQL takes them.
    /// </summary>
    public abstract Task<int?[]> CommitAsync(StoredQueries queries, IReadOnlyList<PendingWrite> writes, CancellationToken cancellationToken);

    /// <summary>Reads one row: (payload, version), or null when there is none.</summary>
    public async Task<(byte[]? Payload, int Version)?> ReadAsync(StoredQueries queries, GrainRowKey key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = queries.Read;
        Bind(command, StoredQueries.Used(queries.Read), key, payload: null, version: null);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var payloadColumn = reader.GetOrdinal("PayloadBinary");
        var payload = await reader.IsDBNullAsync(payloadColumn, cancellationToken) ? null : (byte[])reader.GetValue(payloadColumn);
        return (payload, Convert.ToInt32(reader.GetValue(reader.GetOrdinal("Version")), System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The provider's parameter values for one row, bound by name (for the names the query uses).</summary>
    protected void Bind(DbCommand command, IReadOnlyList<string> names, GrainRowKey key, byte[]? payload, int? version)
    {
        foreach (var name in names)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = Value(name, key, payload, version);
            command.Parameters.Add(parameter);
        }
    }

    protected object Value(string name, GrainRowKey key, byte[]? payload, int? version) => name switch
    {
        "ServiceId" => ServiceId,
        "GrainTypeString" => key.StateName,
        "GrainIdN0" => key.N0,
        "GrainIdN1" => key.N1,
        "GrainIdExtensionString" => (object?)key.Extension ?? DBNull.Value,
        "PayloadBinary" => (object?)payload ?? DBNull.Value,
        "GrainStateVersion" => (object?)version ?? DBNull.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a grain persistence parameter"),
    };

    protected static int? NewVersion(object? value) =>
        value is null or DBNull ? null : Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// SQLite: one writer at a time anyway; the batch runs under BEGIN IMMEDIATE on one connection, and its COMMIT is
/// the one fsync (WAL, synchronous=FULL, as the migrator checks) for all of it.
/// </summary>
internal sealed class SqliteGroupCommitDatabase(string connectionString, string serviceId, SqliteWriterGate gate) : GroupCommitDatabase(serviceId)
{
    private readonly string _connectionString = connectionString;
    private readonly SqliteCaseIndex _index = SqliteCaseIndex.Create(connectionString, serviceId);
    private readonly SqliteTimelineStore _timelines = SqliteTimelineStore.Create(connectionString, serviceId);

    public override CaseIndex Index => _index;

    public override TimelineStore Timelines => _timelines;

    public override DbConnection CreateConnection() => new SqliteConnection(_connectionString);

    public override ValueTask CloseAsync() => ValueTask.CompletedTask;

    public override async Task<int?[]> CommitAsync(StoredQueries queries, IReadOnlyList<PendingWrite> writes, CancellationToken cancellationToken)
    {
        if (writes.Any(write => write.Reminder is not null))
        {
            throw new NotSupportedException("reminder writes join the group commit on PostgreSQL only; on SQLite they take turns at the write lock");
        }

        // The reminder table's writes take their turn between batches (see SqliteWriterGate).
        using var turn = await gate.EnterAsync(cancellationToken);
        await using var connection = (SqliteConnection)await OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        var versions = new int?[writes.Count];
        for (var i = 0; i < writes.Count; i++)
        {
            var write = writes[i];
            var text = write.IsClear ? queries.Clear : queries.Write;
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = text;
            Bind(command, StoredQueries.Used(text), write.Key, write.Payload, write.ExpectedVersion);
            versions[i] = NewVersion(await command.ExecuteScalarAsync(cancellationToken));
            if (versions[i] is not null && write.Index is { } change)
            {
                await using var indexCommand = connection.CreateCommand();
                indexCommand.Transaction = transaction;
                _index.Prepare(indexCommand, change);
                await indexCommand.ExecuteNonQueryAsync(cancellationToken);
            }

            if (versions[i] is not null && write.Timeline is { } timeline)
            {
                await _timelines.ApplyAsync(connection, transaction, timeline, cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return versions;
    }
}

/// <summary>PostgreSQL: the whole batch goes in one round trip (an NpgsqlBatch inside a transaction), then one COMMIT.</summary>
internal sealed class PostgreSqlGroupCommitDatabase(string connectionString, string serviceId) : GroupCommitDatabase(serviceId)
{
    private static readonly NpgsqlDbType[] Types =
        [NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Bigint, NpgsqlDbType.Bigint, NpgsqlDbType.Text, NpgsqlDbType.Bytea, NpgsqlDbType.Integer];

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);
    private readonly PostgreSqlCaseIndex _index = PostgreSqlCaseIndex.Create(connectionString, serviceId);
    private readonly PostgreSqlTimelineStore _timelines = PostgreSqlTimelineStore.Create(connectionString, serviceId);

    public override CaseIndex Index => _index;

    public override TimelineStore Timelines => _timelines;

    private string? _write;
    private string? _writeWithRow;
    private string? _writeWithTimeline;
    private string? _writeWithRowAndTimeline;
    private string? _clear;
    private string? _upsertReminder;
    private string? _deleteReminder;

    public override DbConnection CreateConnection() => _dataSource.CreateConnection();

    public override async ValueTask CloseAsync()
    {
        await _index.DisposeAsync();
        await _timelines.DisposeAsync();
        await _dataSource.DisposeAsync();
    }

    public override async Task<int?[]> CommitAsync(StoredQueries queries, IReadOnlyList<PendingWrite> writes, CancellationToken cancellationToken)
    {
        _write ??= StoredQueries.Positional(queries.Write);
        _writeWithRow ??= PostgreSqlCaseIndex.WithRow(_write);
        _writeWithTimeline ??= PostgreSqlTimelineStore.With(_write, others: null, first: StoredQueries.Parameters.Length + 1);
        _writeWithRowAndTimeline ??= PostgreSqlTimelineStore.With(_write, PostgreSqlCaseIndex.RowExpression, PostgreSqlCaseIndex.AfterRow);
        _clear ??= StoredQueries.Positional(queries.Clear);
        _upsertReminder ??= StoredQueries.Positional(queries.UpsertReminder, ReminderWrite.Parameters);
        _deleteReminder ??= StoredQueries.Positional(queries.DeleteReminder, ReminderWrite.Parameters);
        await using var connection = (NpgsqlConnection)await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var write in writes)
        {
            if (write.Reminder is { } reminder)
            {
                var reminderCommand = new NpgsqlBatchCommand(reminder.IsRemove ? _deleteReminder : _upsertReminder);
                reminder.Bind(reminderCommand, ServiceId);
                batch.BatchCommands.Add(reminderCommand);
                continue;
            }

            var withRow = !write.IsClear && write.Index is { Row: not null };
            var withTimeline = !write.IsClear && write.Timeline is not null;
            var command = new NpgsqlBatchCommand((write.IsClear, withRow, withTimeline) switch
            {
                (true, _, _) => _clear,
                (false, true, true) => _writeWithRowAndTimeline,
                (false, true, false) => _writeWithRow,
                (false, false, true) => _writeWithTimeline,
                _ => _write,
            });
            for (var p = 0; p < StoredQueries.Parameters.Length; p++)
            {
                command.Parameters.Add(new NpgsqlParameter
                {
                    NpgsqlDbType = Types[p],
                    Value = Value(StoredQueries.Parameters[p], write.Key, write.Payload, write.ExpectedVersion),
                });
            }

            if (withRow)
            {
                PostgreSqlCaseIndex.AddRow(command, write.Index!);
            }

            if (withTimeline)
            {
                PostgreSqlTimelineStore.AddRows(command, write.Timeline!);
            }

            batch.BatchCommands.Add(command);
        }

        var versions = new int?[writes.Count];
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            for (var i = 0; i < writes.Count; i++)
            {
                if (i > 0 && !await reader.NextResultAsync(cancellationToken))
                {
                    throw new InvalidOperationException($"the batch returned {i} results for {writes.Count} writes");
                }

                versions[i] = !await reader.ReadAsync(cancellationToken) ? null
                    : writes[i].Reminder is { } reminder ? reminder.Result(reader)
                    : NewVersion(reader.GetValue(0));
            }
        }

        // A cleared case's row and timeline go in a second round trip of the same transaction, only where the clear's
        // version matched (clears are rare: a drill's purge).
        await using (var indexBatch = new NpgsqlBatch(connection, transaction))
        {
            for (var i = 0; i < writes.Count; i++)
            {
                if (versions[i] is not null && writes[i].IsClear && writes[i].Index is { } change)
                {
                    indexBatch.BatchCommands.Add(_index.BatchCommand(change));
                }

                if (versions[i] is not null && writes[i].IsClear && writes[i].Timeline is { } timeline)
                {
                    indexBatch.BatchCommands.Add(_timelines.DeleteCommand(timeline));
                }
            }

            if (indexBatch.BatchCommands.Count > 0)
            {
                await indexBatch.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return versions;
    }
}
