using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Emergency.Storage.Audit;

/// <summary>Why a request was recorded.</summary>
public enum AuditKind
{
    /// <summary>The request was refused: the role may not (403), or the procedure does not allow the move now (409).</summary>
    Refused,

    /// <summary>The answer carried personal data to its reader.</summary>
    PersonalDataRead,

    /// <summary>The engine erased a closed case's personal data, a configured time after closure.</summary>
    PersonalDataPurged,

    /// <summary>A password was changed: by its user, or reset by an administrator.</summary>
    PasswordChanged,

    /// <summary>An administrator moved a person to another jurisdiction (or to the whole deployment).</summary>
    JurisdictionChanged,
}

/// <summary>One record of the audit trail: who, when, what, which case, and the status answered.</summary>
public sealed record AuditRecord(long Id, DateTimeOffset At, string User, string Role, AuditKind Kind, string Action, string? CaseId, int Status)
{
    /// <summary>The status of a record of the engine's own action, which answered no request.</summary>
    public const int EngineStatus = 0;
}

/// <summary>
/// Which records to read: each filter given narrows the list; newest first, <paramref name="Limit"/> at most, before
/// the record <paramref name="Before"/> (the id of the last record of the page before: a page does not shift when
/// records are added meanwhile).
/// </summary>
public sealed record AuditQuery(string? User, string? CaseId, DateTimeOffset? From, DateTimeOffset? To, long? Before, int Limit);

/// <summary>
/// The audit trail in the engine's own database (table <c>AuditRecord</c>, schema version 4): rows are only added,
/// one statement per record, so a record is durable once <see cref="AddAsync"/> returns.
/// </summary>
public sealed class AuditStore(StorageOptions options)
{
    private const string Columns = "Id, AtMs, UserName, Role, Kind, Action, CaseId, Status";

    public async Task AddAsync(AuditRecord record, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(record);
        await using var connection = await StoreConnections.OpenAsync(options, ct);
        await using var command = StoreConnections.Command(connection,
            "INSERT INTO AuditRecord (AtMs, UserName, Role, Kind, Action, CaseId, Status) VALUES (@at, @user, @role, @kind, @action, @case, @status)",
            ("at", record.At.ToUnixTimeMilliseconds()), ("user", record.User), ("role", record.Role), ("kind", record.Kind.ToString()),
            ("action", record.Action), ("case", record.CaseId), ("status", record.Status));
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<IReadOnlyList<AuditRecord>> QueryAsync(AuditQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);

        // Only the filters given are in the statement: PostgreSQL cannot type a parameter that is only ever null.
        var sql = new StringBuilder($"SELECT {Columns} FROM AuditRecord WHERE 1 = 1");
        var parameters = new List<(string, object?)>();
        void Filter(string condition, string name, object? value)
        {
            if (value is not null)
            {
                sql.Append(" AND ").Append(condition);
                parameters.Add((name, value));
            }
        }

        Filter("UserName = @user", "user", query.User);
        Filter("CaseId = @case", "case", query.CaseId);
        Filter("AtMs >= @from", "from", query.From?.ToUnixTimeMilliseconds());
        Filter("AtMs < @to", "to", query.To?.ToUnixTimeMilliseconds());
        Filter("Id < @before", "before", query.Before);
        sql.Append(CultureInfo.InvariantCulture, $" ORDER BY Id DESC LIMIT {query.Limit}");

        await using var connection = await StoreConnections.OpenAsync(options, ct);
        await using var command = StoreConnections.Command(connection, sql.ToString(), [.. parameters]);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var records = new List<AuditRecord>();
        while (await reader.ReadAsync(ct))
        {
            records.Add(Read(reader));
        }

        return records;
    }

    private static AuditRecord Read(DbDataReader reader) => new(
        Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture),
        DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture)),
        reader.GetString(2),
        reader.GetString(3),
        Enum.Parse<AuditKind>(reader.GetString(4)),
        reader.GetString(5),
        reader.IsDBNull(6) ? null : reader.GetString(6),
        Convert.ToInt32(reader.GetValue(7), CultureInfo.InvariantCulture));
}
