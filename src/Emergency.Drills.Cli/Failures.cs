using Emergency.Domain.Drills;
using Emergency.Domain.Rules;
using Emergency.Drills.Cli.Engines;
using Emergency.Host.Hosting;
using Emergency.Storage;

namespace Emergency.Drills.Cli;

/// <summary>What goes wrong, turned into a sentence on stderr and the exit code it calls for.</summary>
internal static class Failures
{
    /// <summary>Runs a command's body; <paramref name="what"/> starts the sentence when it could not be done ("drill could not run").</summary>
    public static async Task<int> GuardAsync(TextWriter error, string what, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (ScenarioException ex)
        {
            foreach (var problem in ex.Errors)
            {
                await error.WriteLineAsync($"{problem.File}:{problem.Line}:{problem.Column}: {CliTexts.Both(problem.Reason)}");
            }

            await error.WriteLineAsync($"{ex.Errors.Select(e => e.File).FirstOrDefault() ?? "the scenario"}: refused, nothing ran");
            return DrillCli.BadInput;
        }
        catch (DrillInputException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return DrillCli.BadInput;
        }
        catch (Exception ex) when (ex is DrillCliException or RuleSetException or EngineConfigurationException or StorageConfigurationException or OrleansException or TimeoutException)
        {
            await error.WriteLineAsync($"{what}: {ex.Message}");
            return DrillCli.CouldNotRun;
        }
    }
}

/// <summary>A bad file or argument found after parsing (a file that is not there): the CLI's exit code 2.</summary>
public sealed class DrillInputException(string message) : Exception(message);
