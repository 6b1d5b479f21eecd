using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
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

/// <summary>
/// PostgreSQL: the whole batch goes in one round trip, an NpgsqlBatch whose statements form one implicit transaction
/// that the server commits (and flushes) at the batch's end, before it answers that it is ready; a batch with a clear
/// takes an explicit transaction instead, for its second round trip. Each committer keeps its connection open between
/// batches, and the connections prepare the statements they run again and again.
/// </summary>
internal sealed class PostgreSqlGroupCommitDatabase(string connectionString, string serviceId) : GroupCommitDatabase(serviceId)
{
    private static readonly NpgsqlDbType[] Types =
        [NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Bigint, NpgsqlDbType.Bigint, NpgsqlDbType.Text, NpgsqlDbType.Bytea, NpgsqlDbType.Integer];

    /// <summary>
    /// How many statements each connection keeps prepared (the write's four shapes, the clear, the two reminder writes,
    /// the read): unless the connection string says otherwise, the server parses and plans each of them once per
    /// connection instead of with every write.
    /// </summary>
    internal const int PreparedStatements = 16;

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(Preparing(connectionString));
    private readonly PostgreSqlCaseIndex _index = PostgreSqlCaseIndex.Create(connectionString, serviceId);
    private readonly PostgreSqlTimelineStore _timelines = PostgreSqlTimelineStore.Create(connectionString, serviceId);

    /// <summary>
    /// How long a committer's connection is kept open unused: longer, and it goes back to the pool (which prunes idle
    /// connections), so that a batch after a quiet spell does not fail on a connection the network or server dropped.
    /// </summary>
    internal static readonly TimeSpan KeptFor = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The committers' open connections between batches (at most one per committer), with when each was last used: a
    /// connection given back to the pool is reset with the next statement it runs (the server ran Npgsql's seven reset
    /// statements with every commit).
    /// </summary>
    private readonly ConcurrentBag<(NpgsqlConnection Connection, long Used)> _kept = [];

    public override CaseIndex Index => _index;

    public override TimelineStore Timelines => _timelines;

    private Statements? _statements;

    public override DbConnection CreateConnection() => _dataSource.CreateConnection();

    public override async ValueTask CloseAsync()
    {
        while (_kept.TryTake(out var kept))
        {
            await kept.Connection.DisposeAsync();
        }

        await _index.DisposeAsync();
        await _timelines.DisposeAsync();
        await _dataSource.DisposeAsync();
    }

    private static string Preparing(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = PreparedStatements;
        }

        return builder.ConnectionString;
    }

    public override async Task<int?[]> CommitAsync(StoredQueries queries, IReadOnlyList<PendingWrite> writes, CancellationToken cancellationToken)
    {
        _statements ??= new Statements(queries);
        var connection = await TakeConnectionAsync(cancellationToken);
        try
        {
            var versions = writes.Any(write => write.IsClear)
                ? await CommitInTransactionAsync(connection, writes, cancellationToken)
                : await CommitInOneRoundTripAsync(connection, writes, cancellationToken);
            _kept.Add((connection, Stopwatch.GetTimestamp()));
            return versions;
        }
        catch
        {
            // In whatever state the failure left it (a broken connection, an open transaction): not used again.
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>A committer's kept connection used within <see cref="KeptFor"/>, or one from the pool.</summary>
    private async Task<NpgsqlConnection> TakeConnectionAsync(CancellationToken cancellationToken)
    {
        while (_kept.TryTake(out var kept))
        {
            if (Stopwatch.GetElapsedTime(kept.Used) <= KeptFor)
            {
                return kept.Connection;
            }

            await kept.Connection.DisposeAsync();
        }

        return (NpgsqlConnection)await OpenAsync(cancellationToken);
    }

    /// <summary>
    /// No explicit transaction: the server runs the batch's statements as one implicit transaction and commits it when
    /// it reaches the batch's end (the protocol's Sync); a failed statement rolls the whole batch back. The results are
    /// read to the end, past the commit's outcome, before any write counts as done.
    /// </summary>
    private async Task<int?[]> CommitInOneRoundTripAsync(NpgsqlConnection connection, IReadOnlyList<PendingWrite> writes, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        return await ExecuteAsync(batch, writes, cancellationToken);
    }

    /// <summary>With a clear: its index row and timeline go in a second round trip, then one COMMIT (clears are rare: a drill's purge).</summary>
    private async Task<int?[]> CommitInTransactionAsync(NpgsqlConnection connection, IReadOnlyList<PendingWrite> writes, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        int?[] versions;
        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            versions = await ExecuteAsync(batch, writes, cancellationToken);
        }

        // A cleared case's row and timeline, only where the clear's version matched.
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

    /// <summary>Adds every write's statement to <paramref name="batch"/>, runs it, and reads each one's new version (or a reminder's answer) to the batch's end.</summary>
    private async Task<int?[]> ExecuteAsync(NpgsqlBatch batch, IReadOnlyList<PendingWrite> writes, CancellationToken cancellationToken)
    {
        var statements = _statements!;
        foreach (var write in writes)
        {
            batch.BatchCommands.Add(CommandFor(statements, write));
        }

        var versions = new int?[writes.Count];
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
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

        // To the end: without an explicit transaction the commit's outcome (an error raised at commit) comes after the
        // last statement's result, and throws here.
        if (await reader.NextResultAsync(cancellationToken))
        {
            throw new InvalidOperationException($"the batch returned more results than its {writes.Count} writes");
        }

        return versions;
    }

    private NpgsqlBatchCommand CommandFor(Statements statements, PendingWrite write)
    {
        if (write.Reminder is { } reminder)
        {
            var reminderCommand = new NpgsqlBatchCommand(reminder.IsRemove ? statements.DeleteReminder : statements.UpsertReminder);
            reminder.Bind(reminderCommand, ServiceId);
            return reminderCommand;
        }

        var withRow = !write.IsClear && write.Index is { Row: not null };
        var withTimeline = !write.IsClear && write.Timeline is not null;
        var command = new NpgsqlBatchCommand((write.IsClear, withRow, withTimeline) switch
        {
            (true, _, _) => statements.Clear,
            (false, true, true) => statements.WriteWithRowAndTimeline,
            (false, true, false) => statements.WriteWithRow,
            (false, false, true) => statements.WriteWithTimeline,
            _ => statements.Write,
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

        return command;
    }

    /// <summary>The stored queries as the batches send them: positional parameters, the write with its index row and timeline rows.</summary>
    private sealed class Statements
    {
        public Statements(StoredQueries queries)
        {
            Write = StoredQueries.Positional(queries.Write);
            WriteWithRow = PostgreSqlCaseIndex.WithRow(Write);
            WriteWithTimeline = PostgreSqlTimelineStore.With(Write, others: null, first: StoredQueries.Parameters.Length + 1);
            WriteWithRowAndTimeline = PostgreSqlTimelineStore.With(Write, PostgreSqlCaseIndex.RowExpression, PostgreSqlCaseIndex.AfterRow);
            Clear = StoredQueries.Positional(queries.Clear);
            UpsertReminder = StoredQueries.Positional(queries.UpsertReminder, ReminderWrite.Parameters);
            DeleteReminder = StoredQueries.Positional(queries.DeleteReminder, ReminderWrite.Parameters);
        }

        public string Write { get; }

        public string WriteWithRow { get; }

        public string WriteWithTimeline { get; }

        public string WriteWithRowAndTimeline { get; }

        public string Clear { get; }

        public string UpsertReminder { get; }

        public string DeleteReminder { get; }
    }
}
