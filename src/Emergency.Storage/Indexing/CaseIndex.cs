using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Emergency.Storage.Indexing;

/// <summary>
/// The durable case index (table <c>CaseIndex</c>): one row per case, written with the case's state (see
/// <see cref="IIndexedState"/>). Reads go straight to the database, never through the cases.
/// </summary>
public abstract class CaseIndex : IAsyncDisposable
{
    private protected CaseIndex(string serviceId) => ServiceId = serviceId;

    private protected string ServiceId { get; }

    internal static CaseIndex For(StorageOptions options, string serviceId) => options.Provider switch
    {
        StorageProvider.Sqlite => new SqliteCaseIndex(options.ConnectionString, serviceId),
        StorageProvider.PostgreSql => new PostgreSqlCaseIndex(EmergencyStorage.ConnectionStringFor(options), serviceId),
        _ => throw StorageConfigurationException.UnknownProvider(options.Provider.ToString()),
    };

    /// <summary>The cases of one kind (its state name) in one scope; only the open ones unless <paramref name="closedToo"/>.</summary>
    public async Task<IReadOnlyList<IndexedCase>> ReadAsync(string kind, string scope, bool closedToo, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = closedToo ? ReadAll : ReadOpen;
        Add(command, "ServiceId", ServiceId);
        Add(command, "Kind", kind);
        Add(command, "Scope", scope);
        var cases = new List<IndexedCase>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            cases.Add(new IndexedCase(kind, reader.GetString(0), Convert.ToBoolean(reader.GetValue(1), CultureInfo.InvariantCulture), reader.GetString(2)));
        }

        return cases;
    }

    /// <summary>
    /// Up to <paramref name="limit"/> open cases of one kind in one scope after a place, in the lists' order: first the
    /// cases overdue at <paramref name="now"/> (their <see cref="CaseIndexRow.ListDueAt"/> behind it), lane by lane in
    /// the order of <paramref name="lanes"/> (the <c>Level</c> column: an incident's level; one lane, null, for kinds
    /// without), then lane by lane those not overdue, each lane's cases with a deadline before those without; within a
    /// part, by deadline and then by id compared byte by byte. Only the overdue part, or only the rest, when
    /// <paramref name="overdue"/> says so. Each part is one range of the index <c>IX_CaseIndex_List</c> (on PostgreSQL
    /// those without a deadline: <c>IX_CaseIndex_ListUndated</c>), so a page costs the same however many cases are open and however
    /// far the list has been read.
    /// </summary>
    public async Task<IReadOnlyList<ListedCase>> PageAsync(
        string kind, string scope, IReadOnlyList<string?> lanes, ListPlace? after, bool? overdue, DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfZero(lanes.Count);
        List<(ListPart Part, string? Lane)> parts =
        [
            .. overdue == false ? [] : lanes.Select(lane => (ListPart.Overdue, lane)),
            .. overdue == true ? [] : lanes.SelectMany(lane => new[] { (ListPart.Upcoming, lane), (ListPart.Undated, lane) }),
        ];

        // A page starts in the part of its place: the part the last case listed was read in, whatever the time now.
        var first = after is { } place ? parts.IndexOf((PartOf(place), place.Lane)) : 0;
        var page = new List<ListedCase>(Math.Min(limit, 1_000));
        await using var connection = await OpenAsync(cancellationToken);
        for (var i = Math.Max(first, 0); i < parts.Count && page.Count < limit; i++)
        {
            await ReadPartAsync(connection, kind, scope, parts[i], i == first ? after : null, now, limit - page.Count, page, cancellationToken);
        }

        return page;
    }

    /// <summary>
    /// Up to <paramref name="limit"/> cases of one kind in one scope, open or closed, by id after <paramref name="afterId"/>
    /// (null: from the first): a history read in ranges of the primary key, never in one go. The ids compare as the
    /// primary key holds them (the column's own collation), so that each range is one range of that key: ordered
    /// byte by byte instead, PostgreSQL scanned and sorted every case of the kind for each range (supervision's read of
    /// 100,000 cases grew with their square).
    /// </summary>
    public async Task<IReadOnlyList<ListedCase>> HistoryAsync(string kind, string scope, string? afterId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            $"SELECT CaseId, Summary FROM CaseIndex WHERE ServiceId = @ServiceId AND Kind = @Kind AND Scope = @Scope{(afterId is null ? "" : " AND CaseId > @AfterId")} " +
            $"ORDER BY CaseId LIMIT {limit.ToString(CultureInfo.InvariantCulture)}";
        Add(command, "ServiceId", ServiceId);
        Add(command, "Kind", kind);
        Add(command, "Scope", scope);
        if (afterId is not null)
        {
            Add(command, "AfterId", afterId);
        }

        var cases = new List<ListedCase>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            cases.Add(new ListedCase(new ListPlace(false, null, null, reader.GetString(0)), reader.GetString(1)));
        }

        return cases;
    }

    private static ListPart PartOf(ListPlace place) => place.Overdue ? ListPart.Overdue : place.DueAt is null ? ListPart.Undated : ListPart.Upcoming;

    /// <summary>One part of <see cref="PageAsync"/>, after <paramref name="after"/> when the page starts in it.</summary>
    private async Task ReadPartAsync(
        DbConnection connection, string kind, string scope, (ListPart Part, string? Lane) part, ListPlace? after, DateTimeOffset now, int limit,
        List<ListedCase> page, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        var where = new System.Text.StringBuilder($"ServiceId = @ServiceId AND Kind = @Kind AND Scope = @Scope AND IsOpen = {True}");
        Add(command, "ServiceId", ServiceId);
        Add(command, "Kind", kind);
        Add(command, "Scope", scope);
        // The lane as the index holds it: an equality, so that the index gives the part in its order (a kind without
        // lanes has none, written ''; "Level IS NULL" would make PostgreSQL sort the whole part for every page).
        where.Append(" AND COALESCE(Level, '') = @Lane");
        Add(command, "Lane", part.Lane ?? "");

        // One lower bound for the index range: a page after a place not yet due starts there (those after it are not
        // due either); after one that has fallen due since, the part starts at now. Given both, SQLite ranges from the
        // weaker one and filters the rest (15 ms against 0.1 ms a page 90 % down 100,000).
        var afterDue = after?.DueAt;
        var fromPlace = after is not null && (part.Part != ListPart.Upcoming || afterDue >= now);
        where.Append(part.Part switch
        {
            ListPart.Overdue => " AND ListDueAt < @Now",
            ListPart.Upcoming when !fromPlace => " AND ListDueAt >= @Now",
            ListPart.Upcoming => "",
            _ => " AND ListDueAt IS NULL",
        });
        if (part.Part == ListPart.Overdue || part.Part == ListPart.Upcoming && !fromPlace)
        {
            Add(command, "Now", Moment(now));
        }

        if (fromPlace)
        {
            if (afterDue is { } due)
            {
                where.Append($" AND (ListDueAt, CaseId{Ordinal}) > (@AfterDue, @AfterId)");
                Add(command, "AfterDue", Moment(due));
            }
            else
            {
                where.Append($" AND CaseId{Ordinal} > @AfterId");
            }

            Add(command, "AfterId", after!.Value.CaseId);
        }

        // The cases without a deadline come in the order of their ids (on PostgreSQL a partial index of their own).
        var order = part.Part == ListPart.Undated ? $"CaseId{Ordinal}" : $"ListDueAt, CaseId{Ordinal}";
        command.CommandText = $"SELECT CaseId, ListDueAt, Summary FROM CaseIndex WHERE {where} ORDER BY {order} LIMIT {limit.ToString(CultureInfo.InvariantCulture)}";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var read = new ListPlace(part.Part == ListPart.Overdue, part.Lane, reader.IsDBNull(1) ? null : MomentOf(reader.GetValue(1)), reader.GetString(0));
            page.Add(new ListedCase(read, reader.GetString(2)));
        }
    }

    private enum ListPart
    {
        Overdue,
        Upcoming,
        Undated,
    }

    /// <summary>
    /// The cases of one kind in one scope whose wake-up (an open case's earliest unmarked deadline, a closed case's
    /// purge of its personal data) has passed at <paramref name="until"/>, earliest first: the cases to look at now. A
    /// deadline passes after its moment, as the domain marks it.
    /// </summary>
    public async Task<IReadOnlyList<string>> DueAsync(string kind, string scope, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT CaseId FROM CaseIndex WHERE {DueWhere} AND NextDueAt < @Until ORDER BY NextDueAt";
        AddDue(command, kind, scope, until);
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <summary>
    /// How many open cases of one kind in one scope have a deadline passed at <paramref name="now"/>: marked overdue
    /// when last written, or with an unmarked deadline already behind (the partial indexes on <c>Overdue</c> and
    /// <c>NextDueAt</c>, schema version 7). The lists' <c>?overdue=true</c> count the same, without reading a summary.
    /// </summary>
    public async Task<int> CountOverdueAsync(string kind, string scope, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            $"SELECT (SELECT COUNT(*) FROM CaseIndex WHERE ServiceId = @ServiceId AND Kind = @Kind AND Scope = @Scope AND IsOpen = {True} AND Overdue = {True}) " +
            $"+ (SELECT COUNT(*) FROM CaseIndex WHERE {DueWhere} AND NextDueAt < @Until AND IsOpen = {True} AND Overdue <> {True})";
        AddDue(command, kind, scope, now);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <summary>The earliest wake-up not passed at <paramref name="now"/> among the cases of one kind in one scope (null: none).</summary>
    public async Task<DateTimeOffset?> NextDueAsync(string kind, string scope, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT MIN(NextDueAt) FROM CaseIndex WHERE {DueWhere} AND NextDueAt >= @Until";
        AddDue(command, kind, scope, now);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? null : MomentOf(value);
    }

    /// <summary>Whether this service has cases stored before the index existed that may still lack their row.</summary>
    public async Task<bool> BackfillPendingAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM CaseIndexBackfill WHERE ServiceId = @ServiceId";
        Add(command, "ServiceId", ServiceId);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>Every case stored before the index existed now has its row.</summary>
    public async Task BackfillDoneAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM CaseIndexBackfill WHERE ServiceId = @ServiceId";
        Add(command, "ServiceId", ServiceId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// The stored cases of these kinds (state names) that have no row in the index: cases stored before the index
    /// existed. Each gets its row at its next write.
    /// </summary>
    public async Task<IReadOnlyList<(string Kind, string CaseId)>> UnindexedAsync(IReadOnlyList<string> kinds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var names = kinds.Select((_, i) => $"@k{i}").ToList();
        command.CommandText = $"""
            SELECT g.StateName, g.KeyExtension FROM GrainState g
            WHERE g.ServiceId = @ServiceId AND g.StateName IN ({string.Join(", ", names)}) AND g.PayloadBinary IS NOT NULL AND g.HasKeyExtension = {True}
              AND NOT EXISTS (SELECT 1 FROM CaseIndex c WHERE c.ServiceId = g.ServiceId AND c.Kind = g.StateName AND c.CaseId = g.KeyExtension)
            """;
        Add(command, "ServiceId", ServiceId);
        for (var i = 0; i < kinds.Count; i++)
        {
            Add(command, $"k{i}", kinds[i]);
        }

        var found = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add((reader.GetString(0), reader.GetString(1)));
        }

        return found;
    }

    /// <summary>Applies one change on its own (the per-write commit mode: after the state's own commit).</summary>
    internal async Task ApplyAsync(IndexChange change, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        Prepare(command, change);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Puts one change's statement and parameters into <paramref name="command"/> (named parameters).</summary>
    internal void Prepare(DbCommand command, IndexChange change)
    {
        command.CommandText = change.Row is null ? DeleteText : UpsertText;
        Add(command, "ServiceId", ServiceId);
        Add(command, "Kind", change.Kind);
        Add(command, "CaseId", change.CaseId);
        if (change.Row is not { } row)
        {
            return;
        }

        Add(command, "Scope", row.Scope);
        Add(command, "IsOpen", row.IsOpen);
        Add(command, "OpenedAt", Moment(row.OpenedAt));
        Add(command, "At", Moment(row.At));
        Add(command, "NextDueAt", row.NextDueAt is { } due ? Moment(due) : null);
        Add(command, "Region", row.Region);
        Add(command, "Unit", row.Unit);
        Add(command, "Level", row.Level);
        Add(command, "Phase", row.Phase);
        Add(command, "CaseVersion", row.CaseVersion);
        Add(command, "Summary", row.Summary);
        Add(command, "Overdue", row.Overdue);
        Add(command, "ListDueAt", row.ListDueAt is { } listed ? Moment(listed) : null);
    }

    public abstract ValueTask DisposeAsync();

    private protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>How the database stores a moment.</summary>
    private protected abstract object Moment(DateTimeOffset moment);

    /// <summary>A moment as the database returns it.</summary>
    private protected abstract DateTimeOffset MomentOf(object value);

    /// <summary>What makes an id compare byte by byte, as the engine orders ids (and as <c>IX_CaseIndex_List</c> holds them).</summary>
    private protected virtual string Ordinal => "";

    /// <summary>The literal for true in a comparison.</summary>
    private protected abstract string True { get; }

    private protected abstract string UpsertText { get; }

    private const string DeleteText = "DELETE FROM CaseIndex WHERE ServiceId = @ServiceId AND Kind = @Kind AND CaseId = @CaseId";

    private const string ReadOpenText = "SELECT CaseId, IsOpen, Summary FROM CaseIndex WHERE ServiceId = @ServiceId AND Kind = @Kind AND Scope = @Scope";

    private string ReadOpen => $"{ReadOpenText} AND IsOpen = {True}";

    /// <summary>The cases of a kind and scope that wait for a wake-up: the partial index <c>IX_CaseIndex_Due</c> (schema version 7).</summary>
    private string DueWhere => "ServiceId = @ServiceId AND Kind = @Kind AND Scope = @Scope AND NextDueAt IS NOT NULL";

    private void AddDue(DbCommand command, string kind, string scope, DateTimeOffset until)
    {
        Add(command, "ServiceId", ServiceId);
        Add(command, "Kind", kind);
        Add(command, "Scope", scope);
        Add(command, "Until", Moment(until));
    }

    private static string ReadAll => ReadOpenText;

    private protected virtual void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    /// <summary>
    /// The upsert of one row from <paramref name="source"/> (a VALUES list, or a SELECT): a row keeps the moment the
    /// case first closed, and an older version of a case never replaces a newer one.
    /// </summary>
    private protected static string Upsert(string source) => $"""
        INSERT INTO CaseIndex AS c (ServiceId, Kind, CaseId, Scope, IsOpen, OpenedAt, ClosedAt, NextDueAt, Region, Unit, Level, Phase, CaseVersion, Summary, Overdue, ListDueAt)
        {source}
        ON CONFLICT (ServiceId, Kind, CaseId) DO UPDATE
        SET Scope = excluded.Scope, IsOpen = excluded.IsOpen, OpenedAt = excluded.OpenedAt,
            ClosedAt = CASE WHEN excluded.IsOpen THEN NULL ELSE COALESCE(c.ClosedAt, excluded.ClosedAt) END,
            NextDueAt = excluded.NextDueAt, Region = excluded.Region, Unit = excluded.Unit, Level = excluded.Level, Phase = excluded.Phase,
            CaseVersion = excluded.CaseVersion, Summary = excluded.Summary, Overdue = excluded.Overdue, ListDueAt = excluded.ListDueAt
        WHERE excluded.CaseVersion >= c.CaseVersion
        """;
}

/// <summary>SQLite: moments as ISO 8601 UTC text (they sort as they compare), booleans as 0/1.</summary>
internal sealed class SqliteCaseIndex(string connectionString, string serviceId) : CaseIndex(serviceId)
{
    private static readonly string UpsertSql = Upsert(
        "VALUES (@ServiceId, @Kind, @CaseId, @Scope, @IsOpen, @OpenedAt, CASE WHEN @IsOpen THEN NULL ELSE @At END, @NextDueAt, @Region, @Unit, @Level, @Phase, @CaseVersion, @Summary, @Overdue, @ListDueAt)");

    public static SqliteCaseIndex Create(string connectionString, string serviceId) => new(connectionString, serviceId);

    private protected override string True => "1";

    private protected override string UpsertText => UpsertSql;

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private protected override object Moment(DateTimeOffset moment) =>
        moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private protected override DateTimeOffset MomentOf(object value) =>
        DateTimeOffset.Parse((string)value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}

/// <summary>PostgreSQL: moments as timestamptz (UTC, as Npgsql requires), booleans as boolean.</summary>
internal sealed class PostgreSqlCaseIndex(string connectionString, string serviceId) : CaseIndex(serviceId)
{
    private static readonly string UpsertSql = Upsert(
        "VALUES (@ServiceId, @Kind, @CaseId, @Scope, @IsOpen, @OpenedAt, CASE WHEN @IsOpen THEN NULL ELSE @At END, @NextDueAt, @Region, @Unit, @Level, @Phase, @CaseVersion, @Summary, @Overdue, @ListDueAt)");

    /// <summary>The types of the row's parameters after the write's own (<see cref="WithRow"/>: $8 onwards).</summary>
    private static readonly NpgsqlDbType[] RowTypes =
    [
        NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Boolean, NpgsqlDbType.TimestampTz, NpgsqlDbType.TimestampTz,
        NpgsqlDbType.TimestampTz, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Bigint, NpgsqlDbType.Text,
        NpgsqlDbType.Boolean, NpgsqlDbType.TimestampTz,
    ];

    /// <summary>The index on its own pool of connections; whoever creates it disposes it.</summary>
    public static PostgreSqlCaseIndex Create(string connectionString, string serviceId) => new(connectionString, serviceId);

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    private protected override string True => "true";

    private protected override string Ordinal => " COLLATE \"C\"";

    private protected override string UpsertText => UpsertSql;

    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    /// <summary>
    /// The state write (the stored query, positional, its version in <c>NewGrainStateVersion</c>) and the case's row in
    /// one statement: the row is written only when the write returned a version, i.e. its version check passed. One
    /// round trip for both, as for a write without a row. The row's parameters follow the write's seven.
    /// </summary>
    internal static string WithRow(string positionalWrite) => $"""
        WITH w AS ({positionalWrite}),
        {RowExpression}
        SELECT NewGrainStateVersion FROM w
        """;

    /// <summary>The row's upsert as the common table expression <c>i</c> of <see cref="WithRow"/>, on the write <c>w</c>.</summary>
    internal static readonly string RowExpression =
        $"i AS ({Upsert("SELECT $1, $8, $9, $10, $11, $12, CASE WHEN $11 THEN NULL ELSE $13 END, $14, $15, $16, $17, $18, $19, $20, $21, $22 FROM w")})";

    /// <summary>The number of the first parameter after the row's.</summary>
    internal const int AfterRow = 23;

    /// <summary>Adds the row's parameters ($8 onwards) for <see cref="WithRow"/>.</summary>
    internal static void AddRow(NpgsqlBatchCommand command, IndexChange change)
    {
        var row = change.Row!;
        object?[] values =
        [
            change.Kind, change.CaseId, row.Scope, row.IsOpen, row.OpenedAt.ToUniversalTime(), row.At.ToUniversalTime(),
            row.NextDueAt?.ToUniversalTime(), row.Region, row.Unit, row.Level, row.Phase, row.CaseVersion, row.Summary, row.Overdue,
            row.ListDueAt?.ToUniversalTime(),
        ];
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = RowTypes[i], Value = values[i] ?? DBNull.Value });
        }
    }

    /// <summary>A change as a statement of a batch (the group commit's second round trip, for the rows of cleared cases).</summary>
    internal NpgsqlBatchCommand BatchCommand(IndexChange change)
    {
        using var command = new NpgsqlCommand();
        Prepare(command, change);
        var batchCommand = new NpgsqlBatchCommand(command.CommandText);
        foreach (NpgsqlParameter parameter in command.Parameters)
        {
            batchCommand.Parameters.Add(parameter.Clone());
        }

        return batchCommand;
    }

    private protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    private protected override object Moment(DateTimeOffset moment) => moment.ToUniversalTime();

    private protected override DateTimeOffset MomentOf(object value) => new(DateTime.SpecifyKind((DateTime)value, DateTimeKind.Utc));

    private protected override void Add(DbCommand command, string name, object? value)
    {
        // A null has no type of its own: name the column's, or PostgreSQL cannot infer it.
        var parameter = new NpgsqlParameter(name, value ?? DBNull.Value);
        if (value is null)
        {
            parameter.NpgsqlDbType = name is "NextDueAt" or "ListDueAt" ? NpgsqlDbType.TimestampTz : NpgsqlDbType.Text;
        }

        command.Parameters.Add(parameter);
    }
}
