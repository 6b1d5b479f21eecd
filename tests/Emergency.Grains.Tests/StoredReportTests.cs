using System.Text.Json;
using Emergency.Grains.Drills;

namespace Emergency.Grains.Tests;

/// <summary>A finished drill's report is stored compressed, and served byte for byte as written; reports stored before still load.</summary>
public sealed class StoredReportTests
{
    /// <summary>As the storage writes a grain's state: JSON with the web defaults.</summary>
    private static readonly JsonSerializerOptions Stored = new(JsonSerializerDefaults.Web);

    private const string Report = """
        {
          "title": "Changzhi aniline spill (长治苯胺泄漏) \"what if\"",
          "result": { "met": 2, "late": 3 },
          "refused": []
        }
        """;

    [Fact]
    public void A_report_is_stored_compressed_and_read_back_byte_for_byte()
    {
        var large = Report + new string(' ', 100_000) + "\n";
        var json = JsonSerializer.Serialize(new DrillRecord { Text = "title: T", Report = large }, Stored);

        Assert.Contains($"\"report\":\"{StoredReportConverter.Compressed}", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Changzhi", json, StringComparison.Ordinal);
        Assert.True(json.Length < 10_000, $"{json.Length} characters stored for a report of {large.Length}");
        Assert.Equal(large, JsonSerializer.Deserialize<DrillRecord>(json, Stored)!.Report);
        Assert.Equal(Report, JsonSerializer.Deserialize<DrillRecord>(JsonSerializer.Serialize(new DrillRecord { Text = "title: T", Report = Report }, Stored), Stored)!.Report);
    }

    [Fact]
    public void A_report_stored_as_the_json_it_is_before_is_read_byte_for_byte()
    {
        var before = $$"""{"text": "title: T", "report": {{Report}}}""";

        Assert.Equal(Report, JsonSerializer.Deserialize<DrillRecord>(before, Stored)!.Report);
    }

    [Fact]
    public void A_report_stored_as_a_string_before_is_read_as_it_was_and_none_stays_none()
    {
        var before = JsonSerializer.Serialize(new { text = "title: T", report = Report }, Stored);

        Assert.Equal(Report, JsonSerializer.Deserialize<DrillRecord>(before, Stored)!.Report);
        Assert.Null(JsonSerializer.Deserialize<DrillRecord>("""{"text": "title: T", "report": null}""", Stored)!.Report);
        Assert.Null(JsonSerializer.Deserialize<DrillRecord>(JsonSerializer.Serialize(new DrillRecord { Text = "title: T" }, Stored), Stored)!.Report);
    }
}
