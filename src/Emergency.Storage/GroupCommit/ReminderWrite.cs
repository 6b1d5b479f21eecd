using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace Emergency.Storage.GroupCommit;

/// <summary>
/// A reminder table's write carried by a group commit (PostgreSQL): an upsert, or a removal at the version its ETag
/// names. Its parameters are the ADO.NET reminder provider's, with its values (ADONET-CONTRACT.md §3), so the
/// provider's own <c>UpsertReminderRowKey</c> and <c>DeleteReminderRowKey</c> run unchanged.
/// </summary>
internal sealed class ReminderWrite
{
    /// <summary>The parameters the provider binds, in the order group commit numbers them for positional binding.</summary>
    public static readonly string[] Parameters = ["ServiceId", "GrainId", "ReminderName", "GrainHash", "StartTime", "Period", "Version"];

    private static readonly NpgsqlDbType[] Types =
        [NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Integer, NpgsqlDbType.TimestampTz, NpgsqlDbType.Bigint, NpgsqlDbType.Integer];

    private readonly object[] _values;

    private ReminderWrite(GrainId grainId, string reminderName, object startTime, object period, int? version)
    {
        IsRemove = version is not null;
        _values = [grainId.ToString(), reminderName, unchecked((int)grainId.GetUniformHashCode()), startTime, period, (object?)version ?? DBNull.Value];
    }

    /// <summary>A removal, which only deletes the row at its version; otherwise an upsert, which always writes.</summary>
    public bool IsRemove { get; }

    /// <summary>An upsert of <paramref name="entry"/>; a start without a kind is taken as UTC, as the provider does.</summary>
    public static ReminderWrite Upsert(ReminderEntry entry)
    {
        if (entry.StartAt.Kind is DateTimeKind.Unspecified)
        {
            entry.StartAt = new DateTime(entry.StartAt.Ticks, DateTimeKind.Utc);
        }

        return new ReminderWrite(entry.GrainId, entry.ReminderName, entry.StartAt, (long)entry.Period.TotalMilliseconds, version: null);
    }

    /// <summary>A removal at the version <paramref name="eTag"/> names (an ETag that is no number throws, as with the provider).</summary>
    public static ReminderWrite Remove(GrainId grainId, string reminderName, string eTag) =>
        new(grainId, reminderName, DBNull.Value, DBNull.Value, int.Parse(eTag, CultureInfo.InvariantCulture));

    /// <summary>Binds every parameter in <see cref="Parameters"/>' order; the query uses those it names.</summary>
    public void Bind(NpgsqlBatchCommand command, string serviceId)
    {
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = Types[0], Value = serviceId });
        for (var p = 1; p < Parameters.Length; p++)
        {
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = Types[p], Value = _values[p - 1] });
        }
    }

    /// <summary>
    /// What the query's row means, as the provider reads it: an upsert's new version (its <c>Version</c> column), or,
    /// for a removal, the version removed when the boolean says the row was deleted and null when it was not.
    /// </summary>
    public int? Result(NpgsqlDataReader row) => IsRemove
        ? Convert.ToBoolean(row.GetValue(0), CultureInfo.InvariantCulture) ? (int)_values[^1] : null
        : Convert.ToInt32(row.GetValue(row.GetOrdinal("Version")), CultureInfo.InvariantCulture);
}
