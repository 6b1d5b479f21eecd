using System.Text;
using Emergency.Drills.Tests.Infrastructure;
using Emergency.Host.Drills;
using Emergency.Testing;

namespace Emergency.Drills.Tests;

/// <summary>The CLI end to end: a scenario file in, an exit code and report.json, report.html and chart.svg out.</summary>
[Collection(DrillEngineCollection.Name)]
public sealed class DrillCliTests(DrillEngine engine) : IDisposable
{
    private readonly TempDirectory _out = new("drill-cli");
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    public void Dispose()
    {
        _out.Dispose();
        _output.Dispose();
        _error.Dispose();
    }

    [Fact]
    public async Task In_process_the_Changzhi_replay_exits_1_and_writes_the_same_report_as_a_running_engine()
    {
        var exit = await Cli("run", Scenarios.PathOf("changzhi-aniline-2012.yaml"), "--out", _out.Path);

        Assert.Equal(DrillCli.NotAllMet, exit);
        var json = await File.ReadAllTextAsync(_out.File("report.json"), TestContext.Current.CancellationToken);
        var (_, fromServer) = await engine.RunFastAsync(Scenarios.Changzhi, "changzhi-aniline-2012.yaml");
        Assert.Equal(fromServer, json);
        Assert.Contains("<svg", await File.ReadAllTextAsync(_out.File("report.html"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.StartsWith("<svg", await File.ReadAllTextAsync(_out.File("chart.svg"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains("FAILED — 2 met, 3 late, 1 missed", _output.ToString(), StringComparison.Ordinal);
        Assert.Contains("late by 5 d 7 h", _output.ToString(), StringComparison.Ordinal);
        Assert.Contains("100 %", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_expectation_met_exits_0()
    {
        var file = _out.File("met.yaml");
        await File.WriteAllTextAsync(file, Scenarios.Minimal(
            """
              - {at: +30m, kind: obligationCompleted, incident: spill, obligation: reachScene}
            """,
            "  - obligationOnTime: {incident: spill, obligation: reachScene}"), TestContext.Current.CancellationToken);

        Assert.Equal(DrillCli.AllMet, await Cli("run", file, "--out", _out.Path));
        Assert.Contains("PASSED", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_file_exits_2_with_its_places_and_nothing_runs()
    {
        var file = _out.File("bad.yaml");
        await File.WriteAllTextAsync(file, Scenarios.Minimal("  - {at: +1h, kind: explosion, text: smell}"), TestContext.Current.CancellationToken);

        Assert.Equal(DrillCli.BadInput, await Cli("run", file, "--out", _out.Path));
        Assert.Contains("bad.yaml:14:21: unknown inject kind 'explosion'", _error.ToString(), StringComparison.Ordinal);
        Assert.Contains("refused, nothing ran", _error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(_out.File("report.json")));
        Assert.Equal(DrillCli.BadInput, await Cli("run"));
    }

    [Fact]
    public async Task A_file_that_is_not_UTF_8_exits_2_at_the_place_where_the_API_refuses_it()
    {
        var text = Scenarios.Minimal();
        var title = text.IndexOf("Test drill", StringComparison.Ordinal);
        byte[] bytes = [.. Encoding.UTF8.GetBytes(text[..title]), 0xC3, 0x28, .. Encoding.UTF8.GetBytes(text[title..])];
        var file = _out.File("latin1.yaml");
        await File.WriteAllBytesAsync(file, bytes, TestContext.Current.CancellationToken);

        Assert.Equal(DrillCli.BadInput, await Cli("run", file, "--out", _out.Path));

        using var organiser = engine.Client();
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/yaml");
        using var response = await organiser.PostAsync("/api/drills?mode=fast&file=latin1.yaml", content, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        var error = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!["errors"]![0]!;
        Assert.Equal((1, 8), ((int)error["line"]!, (int)error["column"]!));
        Assert.StartsWith("the file is not UTF-8 text: byte 0xC3", (string)error["reason"]!, StringComparison.Ordinal);
        Assert.Contains($"latin1.yaml:1:8: {(string)error["reason"]!}", _error.ToString(), StringComparison.Ordinal);
        Assert.Contains("refused, nothing ran", _error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(_out.File("report.json")));
    }

    [Fact]
    public async Task By_url_the_drill_runs_in_the_running_engine_with_the_organiser_token()
    {
        var exit = await Cli("run", Scenarios.PathOf("longjiang-cadmium-2012.yaml"), "--url", engine.BaseAddress.ToString(), "--token", DrillEngine.OrganiserToken, "--out", _out.Path);

        Assert.Equal(DrillCli.NotAllMet, exit);
        Assert.Contains("4 met, 1 late, 1 missed", _output.ToString(), StringComparison.Ordinal);
        Assert.True(File.Exists(_out.File("report.json")));
        Assert.Equal(DrillCli.CouldNotRun, await Cli("run", Scenarios.PathOf("longjiang-cadmium-2012.yaml"), "--url", engine.BaseAddress.ToString(), "--token", DrillEngine.CommanderToken, "--out", _out.Path));
        Assert.Contains("403", _error.ToString(), StringComparison.Ordinal);
    }

    private Task<int> Cli(params string[] args) => DrillCli.RunAsync(args, _output, _error, TestContext.Current.CancellationToken);
}
