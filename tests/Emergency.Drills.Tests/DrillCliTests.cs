using System.Text;
using Emergency.Drills.Cli;
using Emergency.Drills.Tests.Infrastructure;
using Emergency.Testing;

namespace Emergency.Drills.Tests;

/// <summary>The drill CLI end to end: a scenario file in, an exit code, the score as a table, and report.json, report.html and chart.svg out.</summary>
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
    public async Task In_process_the_Changzhi_replay_exits_1_writes_the_same_report_as_a_running_engine_and_scores_it_in_a_table()
    {
        var exit = await Cli("run", Scenarios.PathOf("changzhi-aniline-2012.yaml"), "--out", _out.Path);

        Assert.Equal(DrillCli.NotAllMet, exit);
        var json = await File.ReadAllTextAsync(_out.File("report.json"), TestContext.Current.CancellationToken);
        var (_, fromServer) = await engine.RunFastAsync(Scenarios.Changzhi, "changzhi-aniline-2012.yaml");
        Assert.Equal(fromServer, json);
        Assert.Contains("<svg", await File.ReadAllTextAsync(_out.File("report.html"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.StartsWith("<svg", await File.ReadAllTextAsync(_out.File("chart.svg"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var output = _output.ToString();
        Assert.Contains("Changzhi aniline spill (长治苯胺泄漏), 2012: FAILED — 4 met, 6 late, 1 missed", output, StringComparison.Ordinal);
        Assert.Contains(Lines(output), l => l.StartsWith("│  1 │ initial report within its deadline", StringComparison.Ordinal) && l.Contains("│ 逾期 late by 5 d 7 h 20 min ", StringComparison.Ordinal));
        Assert.Contains(Lines(output), l => l.StartsWith("│  6 │ no obligation overdue by more than 1 h", StringComparison.Ordinal) && l.Contains("│ 未达成 missed by 5 d 17 h 55 min ", StringComparison.Ordinal));
        var score = Assert.Single(Lines(output), l => l.Contains("│ 得分 score ", StringComparison.Ordinal));
        Assert.Matches(@"│ 得分 score\s+│ 未通过 FAILED\s+│ 4 met, 6 late, 1 missed\s+│$", score);
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
    public async Task The_score_table_speaks_Chinese_and_English_and_Chinese_names_line_up_in_it()
    {
        var file = _out.File("zh.yaml");
        await File.WriteAllTextAsync(file, Scenarios.Minimal(
            """
              - {at: +30m, kind: obligationCompleted, incident: spill, obligation: reachScene}
            """,
            "  - {name: 到达现场（接报后 2 小时内）, obligationOnTime: {incident: spill, obligation: reachScene}}").Replace("title: Test drill", "title: 突发环境事件演练", StringComparison.Ordinal), TestContext.Current.CancellationToken);

        Assert.Equal(DrillCli.AllMet, await Cli("run", file, "--out", _out.Path));

        var output = _output.ToString();
        Assert.Contains("突发环境事件演练: PASSED — 1 met, 0 late, 0 missed", output, StringComparison.Ordinal);
        Assert.Contains(Lines(output), l => l.StartsWith("│ 1 │ 到达现场（接报后 2 小时内） │ 达成 met ", StringComparison.Ordinal));
        Assert.Contains(Lines(output), l => l.StartsWith("│ # │ 预期 expectation ", StringComparison.Ordinal) && l.Contains("│ 结果 outcome │ 说明 detail ", StringComparison.Ordinal));
        var table = Lines(output).Where(l => l.Length > 0 && "╭│├╰".Contains(l[0], StringComparison.Ordinal)).ToList();
        Assert.True(table.Count >= 5, output);
        Assert.All(table, l => Assert.Equal(ColumnsOf(table[0]), ColumnsOf(l)));
    }

    [Fact]
    public async Task A_bad_file_exits_2_with_its_places_and_nothing_runs()
    {
        var file = _out.File("bad.yaml");
        await File.WriteAllTextAsync(file, Scenarios.Minimal("  - {at: +1h, kind: explosion, text: smell}"), TestContext.Current.CancellationToken);

        Assert.Equal(DrillCli.BadInput, await Cli("run", file, "--out", _out.Path));
        Assert.Contains("bad.yaml:14:21: 未知注入事件类型“explosion”", _error.ToString(), StringComparison.Ordinal);
        Assert.Contains(" / unknown inject kind 'explosion'", _error.ToString(), StringComparison.Ordinal);
        Assert.Contains("bad.yaml: refused, nothing ran", _error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(_out.File("report.json")));
        Assert.Equal(DrillCli.BadInput, await Cli("run"));
        Assert.Equal(DrillCli.BadInput, await Cli("run", _out.File("absent.yaml")));
        Assert.Contains($"absent.yaml: no such file (looked for {_out.File("absent.yaml")})", _error.ToString(), StringComparison.Ordinal);
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
        Assert.Contains("latin1.yaml:1:8: 文件不是UTF-8文本：偏移7处的字节0xC3", _error.ToString(), StringComparison.Ordinal);
        Assert.Contains($" / {(string)error["reason"]!}", _error.ToString(), StringComparison.Ordinal);
        Assert.Contains("refused, nothing ran", _error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(_out.File("report.json")));
    }

    [Fact]
    public async Task By_url_the_drill_runs_in_the_running_engine_with_the_organiser_token()
    {
        var exit = await Cli("run", Scenarios.PathOf("longjiang-cadmium-2012.yaml"), "--url", engine.BaseAddress.ToString(), "--token", DrillEngine.OrganiserToken, "--out", _out.Path);

        Assert.Equal(DrillCli.NotAllMet, exit);
        Assert.Contains("6 met, 1 late, 1 missed", _output.ToString(), StringComparison.Ordinal);
        Assert.True(File.Exists(_out.File("report.json")));
        Assert.Equal(DrillCli.CouldNotRun, await Cli("run", Scenarios.PathOf("longjiang-cadmium-2012.yaml"), "--engine", engine.BaseAddress.ToString(), "--token", DrillEngine.CommanderToken, "--out", _out.Path));
        Assert.Contains("drill could not run: the token is not a drill organiser's (403)", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_the_commands_the_exit_codes_and_each_option()
    {
        Assert.Equal(DrillCli.AllMet, await Cli("--help"));
        var help = _output.ToString();
        Assert.Contains("drill [command] [options]", help, StringComparison.Ordinal);
        Assert.Contains("Exit codes: 0 every expectation met, 1 some late or missed, 2 a bad file or bad arguments, 3 the drill could not run", help, StringComparison.Ordinal);
        Assert.Contains(Lines(help), l => l.TrimStart().StartsWith("run <file>", StringComparison.Ordinal));
        Assert.Contains(Lines(help), l => l.TrimStart().StartsWith("validate <file>", StringComparison.Ordinal));
        Assert.Contains(Lines(help), l => l.TrimStart().StartsWith("report <run>", StringComparison.Ordinal));

        Assert.Equal(DrillCli.AllMet, await Cli("run", "--help"));
        var run = _output.ToString()[help.Length..];
        Assert.Contains("drill run <file> [options]", run, StringComparison.Ordinal);
        Assert.Contains("--engine, --url <URL>", run, StringComparison.Ordinal);
        Assert.Contains("--token <TOKEN>", run, StringComparison.Ordinal);
        Assert.Contains("--speed <fast|xN>", run, StringComparison.Ordinal);
        Assert.Contains("[default: drill-report]", run, StringComparison.Ordinal);
        Assert.Empty(_error.ToString());
    }

    [Theory]
    [InlineData("--bogus", "Unrecognized command or argument '--bogus'.")]
    [InlineData("--speed fastest", "--speed: 'fastest' is neither fast nor xN with 0 < N ≤ 100000")]
    [InlineData("--speed x0", "--speed: 'x0' is neither fast nor xN")]
    [InlineData("--engine localhost --token t", "--engine: 'localhost' is not an engine's address (such as http://127.0.0.1:5080)")]
    [InlineData("--engine http://127.0.0.1:1 --token", "--engine needs a drill organiser's token: --token TOKEN, or $EMERGENCY_TOKEN")]
    [InlineData("--engine http://127.0.0.1:1 --token t --ConfigDirectory=/etc", "--ConfigDirectory=/etc: engine settings are for the engine started here, not for one given by --engine")]
    public async Task A_bad_option_exits_2_with_what_is_wrong_and_where_help_is(string options, string message)
    {
        string[] args = ["run", Scenarios.PathOf("changzhi-aniline-2012.yaml"), .. options.Split(' ')];
        if (args[^1] == "--token")
        {
            args = [.. args, ""];
        }

        Assert.Equal(DrillCli.BadInput, await Cli(args));

        Assert.Contains(message, _error.ToString(), StringComparison.Ordinal);
        Assert.EndsWith($"see: drill run --help{Environment.NewLine}", _error.ToString(), StringComparison.Ordinal);
        Assert.Empty(_output.ToString());
        Assert.False(File.Exists(_out.File("report.json")));
    }

    [Fact]
    public async Task Validate_reads_the_file_as_the_engine_would_and_runs_nothing()
    {
        Assert.Equal(DrillCli.AllMet, await Cli("validate", Scenarios.PathOf("changzhi-aniline-2012.yaml")));
        Assert.Contains("changzhi-aniline-2012.yaml: valid — Changzhi aniline spill (长治苯胺泄漏), 2012; 20 injects, 11 expectations, 2012-12-31 07:40 +08:00 for +10d", _output.ToString(), StringComparison.Ordinal);

        var file = _out.File("before-rules.yaml");
        await File.WriteAllTextAsync(file, Scenarios.Minimal().Replace("ruleSetDate: 2026-03-01", "ruleSetDate: 1990-01-01", StringComparison.Ordinal), TestContext.Current.CancellationToken);
        Assert.Equal(DrillCli.BadInput, await Cli("validate", file));
        Assert.Contains("before-rules.yaml:3:", _error.ToString(), StringComparison.Ordinal);
        Assert.Contains("before-rules.yaml: refused, nothing ran", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_fetches_a_finished_drill_from_the_running_engine_and_refuses_one_still_running()
    {
        var (run, report) = await engine.RunFastAsync(Scenarios.Longjiang, "longjiang-cadmium-2012.yaml");

        Assert.Equal(DrillCli.NotAllMet, await Cli("report", run, "--engine", engine.BaseAddress.ToString(), "--token", DrillEngine.OrganiserToken, "--out", _out.Path));
        Assert.Equal(report, await File.ReadAllTextAsync(_out.File("report.json"), TestContext.Current.CancellationToken));
        Assert.Contains(Lines(_output.ToString()), l => l.Contains("│ 得分 score ", StringComparison.Ordinal) && l.Contains("│ 6 met, 1 late, 1 missed ", StringComparison.Ordinal));

        // The test engine's clock stands still: a paced drill stays at its start.
        var (_, paced) = await engine.PostScenarioAsync(Scenarios.Longjiang, "mode=paced&speed=1&file=longjiang.yaml");
        var running = (string)paced["run"]!;
        Assert.Equal(DrillCli.CouldNotRun, await Cli("report", running, "--engine", engine.BaseAddress.ToString(), "--token", DrillEngine.OrganiserToken, "--out", _out.Path));
        Assert.Contains($"no report: drill {running} is running at 0 %: its report comes when it has finished", _error.ToString(), StringComparison.Ordinal);
        using (var organiser = engine.Client())
        using (var purged = await organiser.DeleteAsync($"/api/drills/{running}", TestContext.Current.CancellationToken))
        {
            Assert.True(purged.IsSuccessStatusCode, $"purge answered {(int)purged.StatusCode}");
        }

        Assert.Equal(DrillCli.CouldNotRun, await Cli("report", "nosuchrun", "--engine", engine.BaseAddress.ToString(), "--token", DrillEngine.OrganiserToken));
        Assert.Contains("no report: the engine has no drill nosuchrun (purged?)", _error.ToString(), StringComparison.Ordinal);
    }

    private static string[] Lines(string text) => text.Split(Environment.NewLine);

    /// <summary>The width a terminal gives a line: CJK ideographs and full-width forms take two columns.</summary>
    private static int ColumnsOf(string line) => line.Sum(c => c is >= '\u2E80' and <= '\u9FFF' or >= '\uFF00' and <= '\uFF60' ? 2 : 1);

    private Task<int> Cli(params string[] args) => DrillCli.RunAsync(args, _output, _error, TestContext.Current.CancellationToken);
}
