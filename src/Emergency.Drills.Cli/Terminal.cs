using Spectre.Console;

namespace Emergency.Drills.Cli;

/// <summary>
/// Where the CLI writes: the score on stdout, progress and errors on stderr. Spectre's live progress and colours
/// only on a terminal; redirected (CI logs, tests) it writes plain lines a log keeps readable.
/// </summary>
internal sealed class Terminal
{
    /// <summary>Wide enough that a redirected table keeps each expectation's detail on one line.</summary>
    private const int RedirectedWidth = 160;

    public Terminal(TextWriter output, TextWriter error)
    {
        Output = output;
        Error = error;
        OutputConsole = Create(output, ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected);
        ErrorConsole = Create(error, ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected);
    }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    /// <summary>The score table and the summary.</summary>
    public IAnsiConsole OutputConsole { get; }

    /// <summary>The progress of a running drill.</summary>
    public IAnsiConsole ErrorConsole { get; }

    /// <summary>A progress bar redrawn in place; otherwise a line per tenth.</summary>
    public bool LiveProgress => ErrorConsole.Profile.Capabilities is { Interactive: true, Ansi: true };

    private static IAnsiConsole Create(TextWriter writer, bool isTerminal)
    {
        if (isTerminal)
        {
            return AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = RedirectedWidth;

        // Program sets UTF-8 output, and a StringWriter holds any character: box lines, not ASCII stand-ins.
        console.Profile.Capabilities.Unicode = true;
        return console;
    }
}
