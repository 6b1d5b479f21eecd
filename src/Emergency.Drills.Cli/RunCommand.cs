using System.CommandLine;
using Emergency.Contracts;
using Emergency.Domain.Drills;
using Emergency.Drills.Cli.Engines;

namespace Emergency.Drills.Cli;

/// <summary><c>drill run &lt;file&gt;</c>: replays a scenario, follows it, writes its report and prints its score.</summary>
internal static class RunCommand
{
    public static Command Create(Terminal terminal, IReadOnlyList<string> settings)
    {
        var file = CliOptions.ScenarioFile();
        var engine = CliOptions.Engine("run in this running engine instead of one started here (steer it there: pause, resume, jump, injects)");
        var token = CliOptions.Token();
        var speed = CliOptions.Speed();
        var output = CliOptions.Out();
        var command = new Command("run", """
            Replays a scenario and scores it, in an engine started here (temporary SQLite, own ports) or in a running one (--engine);
            writes report.json, report.html and chart.svg. Settings of the engine started here: --Key=Value, as for the server.
            """)
        {
            file, engine, token, speed, output,
        };
        CliOptions.NeedTokenWithEngine(command, engine, token);
        command.Validators.Add(result =>
        {
            if (result.GetResult(engine) is not null && settings.Count > 0)
            {
                result.AddError($"{settings[0]}: engine settings are for the engine started here, not for one given by --engine");
            }
        });
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetRequiredValue(file), parse.GetValue(engine), CliOptions.TokenOf(parse.CommandResult, token), parse.GetValue(speed),
            parse.GetRequiredValue(output), settings, terminal, cancellationToken));
        return command;
    }

    private static Task<int> RunAsync(string path, Uri? engine, string? token, Pace pace, string output, IReadOnlyList<string> settings, Terminal terminal, CancellationToken cancellationToken) =>
        Failures.GuardAsync(terminal.Error, "drill could not run", async () =>
        {
            var file = await ScenarioFile.ReadAsync(DrillCli.FromCaller(path), engine is null ? settings : null, cancellationToken);
            await using var client = engine is not null
                ? (IDrillClient)new HttpDrillClient(engine, token ?? "")
                : await InProcessDrillClient.StartAsync(settings, cancellationToken);
            var started = await client.StartAsync(file.Text, file.Name, pace.Mode, pace.Speed, cancellationToken);
            if (started.Outcome == DrillOutcome.Invalid)
            {
                throw new ScenarioException(started.Errors);
            }

            if (started.Status is not { } status)
            {
                throw new DrillCliException($"the engine did not start the drill: {(started.Reason is { } reason ? CliTexts.Both(reason) : "")}");
            }

            await terminal.Error.WriteLineAsync($"drill {status.Run}: {file.Scenario.Title} ({pace}, {file.Scenario.Injects.Count} injects, scope {status.Scope})");
            var finished = await DrillProgress.FollowAsync(client, status.Run, terminal, cancellationToken);
            if (finished.Phase == DrillPhase.Failed)
            {
                throw new DrillCliException($"the drill failed: {finished.Failure}");
            }

            var json = await client.ReportAsync(status.Run, cancellationToken) ?? throw new DrillCliException("the engine has no report for the drill");
            return await ReportFiles.WriteAsync(json, DrillCli.FromCaller(output), terminal, cancellationToken);
        });
}
