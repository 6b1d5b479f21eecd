using System.Text.Json.Nodes;
using Npgsql;

namespace Emergency.EndToEnd.Tests;

/// <summary>
/// An incident's row in the PostgreSQL grain state table, read directly: what is durable, without waking the
/// incident's grain (a read through the API would activate it, and activation itself marks what fell due).
/// </summary>
public sealed record StoredIncident(int Version, JsonObject Record)
{
    public static async Task<StoredIncident?> ReadAsync(string connectionString, string id)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand(
            "SELECT Version, convert_from(PayloadBinary, 'UTF8') FROM GrainState WHERE StateName = 'incident' AND KeyExtension = @id AND PayloadBinary IS NOT NULL", connection);
        query.Parameters.AddWithValue("id", id);
        await using var reader = await query.ExecuteReaderAsync();
        return await reader.ReadAsync() ? new StoredIncident(reader.GetInt32(0), JsonNode.Parse(reader.GetString(1))!.AsObject()) : null;
    }

    /// <summary>The stored "overdue" timeline entry of one obligation: the deadline it marks and when the engine recorded it.</summary>
    public static async Task<(DateTimeOffset At, DateTimeOffset RecordedAt)?> OverdueAsync(string connectionString, string id, string obligation)
    {
        var stored = await ReadAsync(connectionString, id);
        var entry = stored?.Timeline.FirstOrDefault(e =>
            string.Equals((string?)e["kind"], "obligationOverdue", StringComparison.OrdinalIgnoreCase) && (string?)e["obligation"] == obligation);
        return entry is null ? null : (entry["at"]!.GetValue<DateTimeOffset>(), entry["recordedAt"]!.GetValue<DateTimeOffset>());
    }

    public IEnumerable<JsonObject> Timeline => Record["case"]!["timeline"]!.AsArray().Select(e => e!.AsObject());

    /// <summary>How many releases (信息发布) are stored, drafts included.</summary>
    public int Releases => Record["case"]!["releases"]?.AsArray().Count ?? 0;

    /// <summary>When one obligation was completed, as stored; null while it is not.</summary>
    public string? CompletedAt(string obligation) =>
        (string?)Record["case"]!["obligations"]!.AsArray().FirstOrDefault(o => string.Equals((string?)o!["kind"], obligation, StringComparison.OrdinalIgnoreCase))?["completedAt"];
}
