using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Emergency.Storage.Timelines;

/// <summary>
/// The timelines' rows (table <c>CaseTimeline</c>, schema version 8): one row per entry of a case's timeline, keyed
/// as the case index keys the case (kind = state name, case id = grain key) and numbered from 1. A row is only ever
/// added, or replaced by the same number (a purge of personal data rewrites the entries it erased).
/// </summary>
internal abstract class TimelineStore(string serviceId) : IAsyncDisposable
{
    /// <summary>Most rows one SQLite statement inserts (two parameters each; SQLite allows 32,766).</summary>
    private const int RowsPerStatement = 500;

    private protected const string DeleteText = "DELETE FROM CaseTimeline WHERE ServiceId = @ServiceId AND Kind = @Kind AND CaseId = @CaseId";

    private const string ReadText =
        "SELECT Entry FROM CaseTimeline WHERE ServiceId = @ServiceId AND Kind = @Kind AND CaseId = @CaseId AND Seq <= @Rows ORDER BY Seq";

    private protected string ServiceId { get; } = serviceId;

    public static TimelineStore For(StorageOptions options, string serviceId) => options.Provider switch
    {
        StorageProvider.Sqlite => new SqliteTimelineStore(options.ConnectionString, serviceId),
        StorageProvider.PostgreSql => new PostgreSqlTimelineStore(EmergencyStorage.ConnectionStringFor(options), serviceId),
        _ => throw StorageConfigurationException.UnknownProvider(options.Provider.ToString()),
    };

    /// <summary>The first <paramref name="rows"/> entries of a case's timeline, in order, as JSON.</summary>
    public async Task<IReadOnlyList<string>> ReadAsync(string kind, string caseId, int rows, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = ReadText;
        Add(command, "ServiceId", ServiceId);
        Add(command, "Kind", kind);
        Add(command, "CaseId", caseId);
        Add(command, "Rows", rows);
        var entries = new List<string>(rows);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(reader.GetString(0));
        }

        return entries;
    }

    /// <summary>
    /// Applies one change in a transaction of its own (the per-write commit mode: before the state's own commit, so a
    /// crash between the two leaves only rows beyond the stored state's count, which no read loads and the next write replaces).
    /// </summary>
    public async Task ApplyAsync(TimelineChange change, CancellationToken cancellationToken)
    {
        if (change.IsEmpty)
        {
            return;
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ApplyAsync(connection, transaction, change, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Runs one change's statements on <paramref name="connection"/> inside <paramref name="transaction"/> (named parameters).</summary>
    public async Task ApplyAsync(DbConnection connection, DbTransaction transaction, TimelineChange change, CancellationToken cancellationToken)
    {
        if (change.Clears)
        {
            await using var delete = connection.CreateCommand();
            delete.Transaction = transaction;
            delete.CommandText = DeleteText;
            AddKey(delete, change);
            await delete.ExecuteNonQueryAsync(cancellationToken);
            return;
        }

        for (var start = 0; start < change.Entries.Count; start += RowsPerStatement)
        {
            var count = Math.Min(RowsPerStatement, change.Entries.Count - start);
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            var values = new StringBuilder();
            for (var i = 0; i < count; i++)
            {
                values.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? "" : ", ")}(@ServiceId, @Kind, @CaseId, @s{i}, @e{i})");
                Add(insert, $"s{i}", change.FirstSeq + start + i);
                Add(insert, $"e{i}", change.Entries[start + i]);
            }

            insert.CommandText = Insert(values.ToString());
            AddKey(insert, change);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public abstract ValueTask DisposeAsync();

    private protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>The insert of the rows <paramref name="values"/>: a row already there under the same number is replaced.</summary>
    private protected static string Insert(string values) => $"""
        INSERT INTO CaseTimeline (ServiceId, Kind, CaseId, Seq, Entry) VALUES {values}
        ON CONFLICT (ServiceId, Kind, CaseId, Seq) DO UPDATE SET Entry = excluded.Entry
        """;

    private void AddKey(DbCommand command, TimelineChange change)
    {
        Add(command, "ServiceId", ServiceId);
        Add(command, "Kind", change.Kind);
        Add(command, "CaseId", change.CaseId);
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}

internal sealed class SqliteTimelineStore(string connectionString, string serviceId) : TimelineStore(serviceId)
{
    public static SqliteTimelineStore Create(string connectionString, string serviceId) => new(connectionString, serviceId);

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}

/// <summary>PostgreSQL: a write's new rows go in the state's own statement (<see cref="With"/>), one round trip for all.</summary>
internal sealed class PostgreSqlTimelineStore(string connectionString, string serviceId) : TimelineStore(serviceId)
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    /// <summary>The rows on their own pool of connections (for reads); whoever creates it disposes it.</summary>
    public static PostgreSqlTimelineStore Create(string connectionString, string serviceId) => new(connectionString, serviceId);

    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    /// <summary>
    /// The state write (the stored query, positional, its version in <c>NewGrainStateVersion</c>), with the common table
    /// expressions <paramref name="others"/> (the case index row's), and the timeline's new rows: written only when the
    /// write returned a version, i.e. its version check passed. Its four parameters start at <paramref name="first"/>:
    /// kind, case id, the first row's number, and the entries as an array.
    /// </summary>
    internal static string With(string positionalWrite, string? others, int first) => $"""
        WITH w AS ({positionalWrite}),{(others is null ? "" : $"\n{others},")}
        t AS (INSERT INTO CaseTimeline (ServiceId, Kind, CaseId, Seq, Entry)
              SELECT $1, ${first}, ${first + 1}, ${first + 2} + r.n - 1, r.e FROM w, unnest(${first + 3}::text[]) WITH ORDINALITY AS r(e, n)
              ON CONFLICT (ServiceId, Kind, CaseId, Seq) DO UPDATE SET Entry = excluded.Entry)
        SELECT NewGrainStateVersion FROM w
        """;

    /// <summary>Adds the timeline's four parameters for <see cref="With"/>, after the ones already there.</summary>
    internal static void AddRows(NpgsqlBatchCommand command, TimelineChange change)
    {
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = change.Kind });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = change.CaseId });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer, Value = change.FirstSeq });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = change.Entries.ToArray() });
    }

    /// <summary>A cleared state's rows, deleted as a statement of a batch (the group commit's second round trip).</summary>
    internal NpgsqlBatchCommand DeleteCommand(TimelineChange change) => new(
        "DELETE FROM CaseTimeline WHERE ServiceId = $1 AND Kind = $2 AND CaseId = $3")
    {
        Parameters =
        {
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = ServiceId },
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = change.Kind },
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = change.CaseId },
        },
    };

    private protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);
}
