using System.Text.Encodings.Web;
using System.Text.Json;
using Emergency.Domain.Drills;

namespace Emergency.Contracts;

/// <summary>The JSON of a drill report: the API's shape, indented, and the same bytes for the same report.</summary>
public static class DrillReportJson
{
    /// <summary>Chinese terms and "+08:00" stay readable: the report is a file people open, never embedded in a page unescaped.</summary>
    private static readonly JsonSerializerOptions Options = new(DomainJson.Options)
    {
        WriteIndented = true,
        IndentSize = 2,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(DrillReport report) => JsonSerializer.Serialize(report, Options) + "\n";

    public static DrillReport Deserialize(string json) =>
        JsonSerializer.Deserialize<DrillReport>(json, Options) ?? throw new JsonException("the report is the JSON literal null");
}
