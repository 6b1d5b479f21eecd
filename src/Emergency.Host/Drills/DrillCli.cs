using System.Globalization;
using Emergency.Contracts;
using Emergency.Domain;
using Emergency.Domain.Drills;
using Emergency.Domain.Rules;
using Emergency.Host.Hosting;
using Emergency.Storage;

namespace Emergency.Host.Drills;

/// <summary>
/// <c>drill run &lt;file&gt; [--url URL --token T] [--speed fast|x60] [--out DIR]</c>: replays a scenario in an
/// engine started in this process (the embedded default), or in a running engine by URL, shows a progress
/// bar on stderr, and writes report.json, report.html and chart.svg. Exit code 0 when every expectation is
/// met, 1 when some are not, 2 for a bad file or bad arguments, 3 when the drill could not run.
/// </summary>
public static class DrillCli
{
    public const int AllMet = 0;
    public const int NotAllMet = 1;
    public const int BadInput = 2;
    public const int CouldNotRun = 3;

    private const string Usage = """
        usage: drill run <file> [--url http://host:port --token TOKEN] [--speed fast|x60] [--out DIR] [--Key=Value ...]
          <file>     a scenario file (scenarios/README.md)
          --url      run in a running engine instead of one started here; the token (or EMERGENCY_TOKEN) must be a drill organiser's
          --speed    fast (default: as fast as possible, deterministic) or xN (paced, N virtual seconds per second)
          --out      where report.json, report.html and chart.svg go (default: drill-report)
          --Key=Value  an engine setting for the engine started here (as for the server)
        exit code: 0 every expectation met, 1 some not met, 2 bad file or arguments, 3 the drill could not run
        """;

    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(100);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        if (Parse(args) is not { } options)
        {
            await error.WriteLineAsync(Usage);
            return BadInput;
        }

        options.File = FromCaller(options.File);
        options.Out = FromCaller(options.Out);

        if (!File.Exists(options.File))
        {
            await error.WriteLineAsync($"{options.File}: no such file (looked for {Path.GetFullPath(options.File)})");
            return BadInput;
        }

        var name = Path.GetFileName(options.File);
        try
        {
            ScenarioReader.CheckSize(new FileInfo(options.File).Length, name);
            var text = ScenarioReader.Decode(await File.ReadAllBytesAsync(options.File, cancellationToken), name);
            var scenario = ScenarioReader.Read(text, name);
            if (options.Url is null && LocalRules(options.Settings)?.Invoke(scenario) is { Count: > 0 } ruleErrors)
            {
                throw new ScenarioException(ruleErrors);
            }

            await using var client = options.Url is { } url
                ? (IDrillClient)new HttpDrillClient(url, options.Token ?? "")
                : await InProcessDrillClient.StartAsync(options.Settings, cancellationToken);
            var started = await client.StartAsync(text, name, options.Mode, options.Speed, cancellationToken);
            if (started.Outcome == DrillOutcome.Invalid)
            {
                throw new ScenarioException(started.Errors);
            }

            if (started.Status is not { } status)
            {
                throw new DrillCliException($"the engine did not start the drill: {started.Reason}");
            }

            await error.WriteLineAsync($"drill {status.Run}: {scenario.Title} ({(options.Mode == DrillMode.Fast ? "fast" : $"x{options.Speed.ToString(CultureInfo.InvariantCulture)}")}, {scenario.Injects.Count} injects, scope {status.Scope})");
            var finished = await FollowAsync(client, status.Run, error, cancellationToken);
            if (finished.Phase == DrillPhase.Failed)
            {
                throw new DrillCliException($"the drill failed: {finished.Failure}");
            }

            var json = await client.ReportAsync(status.Run, cancellationToken) ?? throw new DrillCliException("the engine has no report for the drill");
            var report = DrillReportJson.Deserialize(json);
            Directory.CreateDirectory(options.Out);
            await File.WriteAllTextAsync(Path.Combine(options.Out, "report.json"), json, cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(options.Out, "report.html"), DrillReportPage.Render(report), cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(options.Out, "chart.svg"), DrillTimelineChart.Render(report), cancellationToken);
            await Summarise(report, options.Out, output);
            return report.Result.Passed ? AllMet : NotAllMet;
        }
        catch (ScenarioException ex)
        {
            foreach (var problem in ex.Errors)
            {
                await error.WriteLineAsync(problem.ToString());
            }

            await error.WriteLineAsync($"{name}: refused, nothing ran");
            return BadInput;
        }
        catch (Exception ex) when (ex is DrillCliException or RuleSetException or EngineConfigurationException or StorageConfigurationException or OrleansException or TimeoutException)
        {
            await error.WriteLineAsync($"drill could not run: {ex.Message}");
            return CouldNotRun;
        }
    }

    /// <summary>Polls the run until it ends, drawing a progress bar (redrawn in a terminal, a line per tenth otherwise).</summary>
    private static async Task<DrillStatus> FollowAsync(IDrillClient client, string run, TextWriter error, CancellationToken cancellationToken)
    {
        var redraw = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;
        var lastTenth = -1;
        while (true)
        {
            var status = await client.StatusAsync(run, cancellationToken) ?? throw new DrillCliException($"drill {run} disappeared (purged?)");
            var done = status.Phase is DrillPhase.Finished or DrillPhase.Failed;
            var line = Bar(status);
            if (redraw)
            {
                await error.WriteAsync("\r" + line);
                if (done)
                {
                    await error.WriteLineAsync();
                }
            }
            else if (status.Percent / 10 != lastTenth || done)
            {
                lastTenth = status.Percent / 10;
                await error.WriteLineAsync(line);
            }

            if (done)
            {
                return status;
            }

            await Task.Delay(PollEvery, cancellationToken);
        }
    }

    private static string Bar(DrillStatus status)
    {
        const int width = 30;
        var filled = status.Percent * width / 100;
        return string.Create(CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string('-', width - filled)}] {status.Percent,3} %  {status.Offset} of {Offsets.Format(status.End - status.Start)}  {status.InjectsApplied:N0}/{status.InjectsTotal:N0} injects  {status.Phase.ToString().ToLowerInvariant()}");
    }

    private static async Task Summarise(DrillReport report, string outDirectory, TextWriter output)
    {
        var r = report.Result;
        await output.WriteLineAsync($"{report.Scenario.Title}: {(r.Passed ? "PASSED" : "FAILED")} — {r.Met} met, {r.Late} late, {r.Missed} missed");
        foreach (var x in report.Expectations)
        {
            var by = x.By is { } span ? $" by {Durations.Describe(span)}" : "";
            await output.WriteLineAsync($"  {x.Number}. {x.Description}: {x.Outcome.ToString().ToLowerInvariant()}{by} — {x.Detail}");
        }

        if (report.Refused.Count > 0)
        {
            await output.WriteLineAsync($"  {report.Refused.Count} inject(s) refused by the procedure (see the report)");
        }

        await output.WriteLineAsync($"report: {Path.Combine(outDirectory, "report.html")} (and report.json, chart.svg)");
    }

    /// <summary>
    /// A relative path means relative to where the command was typed: <c>dotnet run --project</c> starts the
    /// program in the project's folder, but keeps the shell's directory in PWD.
    /// </summary>
    private static string FromCaller(string path) =>
        Path.IsPathRooted(path) || Environment.GetEnvironmentVariable("PWD") is not { Length: > 0 } caller || !Directory.Exists(caller)
            ? Path.GetFullPath(path)
            : Path.GetFullPath(Path.Combine(caller, path));

    /// <summary>Checks the rule-set date against the rules the engine started here will load, before starting it.</summary>
    private static Func<Scenario, IReadOnlyList<ScenarioError>>? LocalRules(IReadOnlyList<string> settings)
    {
        var configDirectory = settings.Select(s => s.StartsWith("--ConfigDirectory=", StringComparison.Ordinal) ? s["--ConfigDirectory=".Length..] : null).LastOrDefault(s => s is not null)
            ?? EngineHost.DefaultConfigDirectory;
        var rules = Path.Combine(configDirectory, "rules", "incidents");
        if (!Directory.Exists(rules) || settings.Any(s => s.StartsWith("--Rules:", StringComparison.Ordinal)))
        {
            // Someone else's rules: the engine checks when the drill starts.
            return null;
        }

        var catalog = RuleSetLoader.Load(rules);
        return scenario => scenario.CheckRules(catalog);
    }

    private static Options? Parse(string[] args)
    {
        if (args.Length < 2 || args[0] != "run")
        {
            return null;
        }

        var options = new Options { File = args[1], Token = Environment.GetEnvironmentVariable("EMERGENCY_TOKEN") };
        var settings = new List<string>();
        for (var i = 2; i < args.Length; i++)
        {
            string? Value() => i + 1 < args.Length ? args[++i] : null;
            switch (args[i])
            {
                case "--url" when Value() is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri):
                    options.Url = uri;
                    break;
                case "--token" when Value() is { } token:
                    options.Token = token;
                    break;
                case "--out" when Value() is { } directory:
                    options.Out = directory;
                    break;
                case "--speed" when Value() is { } speed:
                    if (speed == "fast")
                    {
                        options.Mode = DrillMode.Fast;
                    }
                    else if (double.TryParse(speed.TrimStart('x', 'X'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var pace) && pace is > 0 and <= 100_000)
                    {
                        options.Mode = DrillMode.Paced;
                        options.Speed = pace;
                    }
                    else
                    {
                        return null;
                    }

                    break;
                case var setting when setting.StartsWith("--", StringComparison.Ordinal) && setting.Contains('=', StringComparison.Ordinal):
                    settings.Add(setting);
                    break;
                default:
                    return null;
            }
        }

        options.Settings = settings;
        return options.Url is not null && options.Token is null ? null : options;
    }

    private sealed class Options
    {
        public required string File { get; set; }

        public Uri? Url { get; set; }

        public string? Token { get; set; }

        public string Out { get; set; } = "drill-report";

        public DrillMode Mode { get; set; } = DrillMode.Fast;

        public double Speed { get; set; } = 1;

        public IReadOnlyList<string> Settings { get; set; } = [];
    }
}
