using System.CommandLine;
using Emergency.Domain;
using Emergency.Domain.Drills;

namespace Emergency.Drills.Cli;

/// <summary><c>drill validate &lt;file&gt;</c>: reads a scenario as the engine would, and runs nothing.</summary>
internal static class ValidateCommand
{
    public static Command Create(Terminal terminal, IReadOnlyList<string> settings)
    {
        var file = CliOptions.ScenarioFile();
        var command = new Command("validate", """
            Checks a scenario file as the engine does before a drill starts, and runs nothing: each problem as file:line:column: reason.
            Exit code 0 when the file would run, 2 when it would be refused.
            """)
        {
            file,
        };
        command.SetAction((parse, cancellationToken) => Failures.GuardAsync(terminal.Error, "could not validate", async () =>
        {
            var scenario = (await ScenarioFile.ReadAsync(DrillCli.FromCaller(parse.GetRequiredValue(file)), settings, cancellationToken)).Scenario;
            await terminal.Output.WriteLineAsync(
                $"{scenario.File}: valid — {scenario.Title}; {scenario.Injects.Count} injects, {scenario.Expectations.Count} expectations, " +
                $"{Durations.Describe(scenario.Start)} for {Offsets.Format(scenario.End)} on the drill's clock");
            return DrillCli.AllMet;
        }));
        return command;
    }
}
