using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;

namespace Emergency.Drills.Cli;

/// <summary>
/// The drill command line: <c>run</c> replays a scenario in an engine started in this process (the embedded default)
/// or in a running engine, <c>validate</c> checks a file without running it, <c>report</c> fetches a finished drill's
/// report from a running engine. The exit codes are a contract scripts and CI rely on (docs/drills.md).
/// </summary>
public static class DrillCli
{
    /// <summary>Every expectation met; for <c>validate</c>, the file would run.</summary>
    public const int AllMet = 0;

    /// <summary>Some expectation late or missed.</summary>
    public const int NotAllMet = 1;

    /// <summary>A bad file or bad arguments: nothing ran.</summary>
    public const int BadInput = 2;

    /// <summary>The drill could not run, or its report could not be had (engine, network, token).</summary>
    public const int CouldNotRun = 3;

    /// <summary>Stopped by Ctrl+C, as shells count a SIGINT.</summary>
    public const int Stopped = 130;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var (arguments, settings) = EngineArguments.Split(args);
        var terminal = new Terminal(output, error);
        var root = new Command("drill", """
            Replays drill scenarios through the Emergency engine and scores the response.
            Run it with: dotnet run --project src/Emergency.Drills.Cli -- <command> (docs/drills.md; the scenario format: scenarios/README.md).
            Exit codes: 0 every expectation met, 1 some late or missed, 2 a bad file or bad arguments, 3 the drill could not run (engine, network, token).
            """)
        {
            RunCommand.Create(terminal, settings),
            ValidateCommand.Create(terminal, settings),
            ReportCommand.Create(terminal),
        };
        root.Options.Add(new HelpOption { Recursive = true });

        var parse = root.Parse(arguments);
        if (parse.Action is ParseErrorAction)
        {
            // Not the library's default (exit 1 and the whole help): 1 means "some expectation not met" here.
            foreach (var problem in parse.Errors)
            {
                await error.WriteLineAsync(problem.Message);
            }

            await error.WriteLineAsync($"see: {PathOf(parse.CommandResult)} --help");
            return BadInput;
        }

        try
        {
            // The library's handler would answer an unforeseen exception with 1, which here means "some expectation not met";
            // after Ctrl+C, the engine started here takes some seconds to stop and remove its temporary files.
            var invocation = new InvocationConfiguration
            {
                Output = output,
                Error = error,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = TimeSpan.FromSeconds(30),
            };
            return await parse.InvokeAsync(invocation, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("drill stopped (Ctrl+C): no report");
            return Stopped;
        }
    }

    /// <summary>
    /// A relative path means relative to where the command was typed: <c>dotnet run --project</c> starts the
    /// program in the project's folder, but keeps the shell's directory in PWD.
    /// </summary>
    internal static string FromCaller(string path) =>
        Path.IsPathRooted(path) || Environment.GetEnvironmentVariable("PWD") is not { Length: > 0 } caller || !Directory.Exists(caller)
            ? Path.GetFullPath(path)
            : Path.GetFullPath(Path.Combine(caller, path));

    private static string PathOf(CommandResult command) =>
        command.Parent is CommandResult parent ? $"{PathOf(parent)} {command.Command.Name}" : command.Command.Name;
}
