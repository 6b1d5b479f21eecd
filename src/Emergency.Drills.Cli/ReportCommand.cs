using System.CommandLine;
using Emergency.Contracts;
using Emergency.Drills.Cli.Engines;

namespace Emergency.Drills.Cli;

/// <summary>
/// <c>drill report &lt;run&gt; --engine URL</c>: the report of a drill that ran in a running engine, paced and steered
/// from the board or the API, written and scored as <c>run</c> does.
/// </summary>
internal static class ReportCommand
{
    public static Command Create(Terminal terminal)
    {
        var run = new Argument<string>("run") { Description = "the drill's run id (as run printed it, or as the API answered)" };
        var engine = CliOptions.Engine("the running engine that ran the drill");
        engine.Required = true;
        var token = CliOptions.Token();
        var output = CliOptions.Out();
        var command = new Command("report", """
            Fetches a finished drill's report from a running engine, writes its files and prints its score, as run does.
            Exit code 3 when there is no report (unknown run, still running, failed).
            """)
        {
            run, engine, token, output,
        };
        CliOptions.NeedTokenWithEngine(command, engine, token);
        command.SetAction((parse, cancellationToken) => Failures.GuardAsync(terminal.Error, "no report", async () =>
        {
            var id = parse.GetRequiredValue(run);
            await using var client = new HttpDrillClient(parse.GetRequiredValue(engine)!, CliOptions.TokenOf(parse.CommandResult, token) ?? "");
            var status = await client.StatusAsync(id, cancellationToken) ?? throw new DrillCliException($"the engine has no drill {id} (purged?)");
            if (status.Phase != DrillPhase.Finished)
            {
                throw new DrillCliException(status.Phase == DrillPhase.Failed
                    ? $"drill {id} failed: {status.Failure}"
                    : $"drill {id} is {status.Phase.ToString().ToLowerInvariant()} at {status.Percent} %: its report comes when it has finished");
            }

            var json = await client.ReportAsync(id, cancellationToken) ?? throw new DrillCliException($"the engine has no report for drill {id}");
            return await ReportFiles.WriteAsync(json, DrillCli.FromCaller(parse.GetRequiredValue(output)), terminal, cancellationToken);
        }));
        return command;
    }
}
