using System.Text.Json.Nodes;
using Npgsql;

namespace Emergency.EndToEnd.Tests;

/// <summary>
/// An incident's row in the PostgreSQL grain state table, read directly: what is durable, without waking the
/// incident's grain (a read through the API would activate it, and activation itself marks what fell due). Its
/// timeline is read from its rows (table CaseTimeline, as many as the state counts), or from the state's JSON for a
/// state stored before timelines were rows.
/// </summary>
public sealed record StoredIncident(int Version, JsonObject Record, IReadOnlyList<JsonObject> Timeline)
{
    public static async Task<StoredIncident?> ReadAsync(string connectionString, string id)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand(
            "SELECT Version, convert_from(PayloadBinary, 'UTF8') FROM GrainState WHERE StateName = 'incident' AND KeyExtension = @id AND PayloadBinary IS NOT NULL", connection);
        query.Parameters.AddWithValue("id", id);
        JsonObject record;
        int version;
        await using (var reader = await query.ExecuteReaderAsync())
        {
            if (!await reader.ReadAsync())
            {
                return null;
            }

            (version, record) = (reader.GetInt32(0), JsonNode.Parse(reader.GetString(1))!.AsObject());
        }

        if (record["case"]!["timeline"] is JsonArray inJson)
        {
            return new StoredIncident(version, record, [.. inJson.Select(e => e!.AsObject())]);
        }

        await using var rows = new NpgsqlCommand(
            "SELECT Entry FROM CaseTimeline WHERE Kind = 'incident' AND CaseId = @id AND Seq <= @count ORDER BY Seq", connection);
        rows.Parameters.AddWithValue("id", id);
        rows.Parameters.AddWithValue("count", (int?)record["timelineRows"] ?? 0);
        var timeline = new List<JsonObject>();
        await using (var reader = await rows.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                timeline.Add(JsonNode.Parse(reader.GetString(0))!.AsObject());
            }
        }

        return new StoredIncident(version, record, timeline);
    }

    /// <summary>
    /// The stored "overdue" timeline entry of one obligation: the deadline it marks and when the engine recorded it. An
    /// entry names its obligation in "ref", or in "obligation" when stored before every kind of case shared one entry.
    /// </summary>
    public static async Task<(DateTimeOffset At, DateTimeOffset RecordedAt)?> OverdueAsync(string connectionString, string id, string obligation)
    {
        var stored = await ReadAsync(connectionString, id);
        var entry = stored?.Timeline.FirstOrDefault(e =>
            string.Equals((string?)e["kind"], "obligationOverdue", StringComparison.OrdinalIgnoreCase) && (string?)(e["ref"] ?? e["obligation"]) == obligation);
        return entry is null ? null : (entry["at"]!.GetValue<DateTimeOffset>(), entry["recordedAt"]!.GetValue<DateTimeOffset>());
    }

    /// <summary>How many releases (信息发布) are stored, drafts included.</summary>
    public int Releases => Record["case"]!["releases"]?.AsArray().Count ?? 0;

    /// <summary>When one obligation was completed, as stored; null while it is not.</summary>
    public string? CompletedAt(string obligation) =>
        (string?)Record["case"]!["obligations"]!.AsArray().FirstOrDefault(o => string.Equals((string?)o!["kind"], obligation, StringComparison.OrdinalIgnoreCase))?["completedAt"];
}
