using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Emergency.Contracts;

namespace Emergency.Drills.Cli;

/// <summary>The arguments and options the commands share, each with its help and its check.</summary>
internal static class CliOptions
{
    public const string TokenVariable = "EMERGENCY_TOKEN";

    public static Argument<string> ScenarioFile() => new("file") { Description = "a scenario file (YAML; the format: scenarios/README.md)" };

    /// <summary><c>--url</c> is the name the walkthrough and older scripts use.</summary>
    public static Option<Uri?> Engine(string description) => new("--engine", "--url")
    {
        Description = description,
        HelpName = "URL",
        CustomParser = result =>
        {
            var text = result.Tokens[0].Value;
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            {
                return uri;
            }

            result.AddError($"--engine: '{text}' is not an engine's address (such as http://127.0.0.1:5080)");
            return null;
        },
    };

    public static Option<string?> Token() => new("--token")
    {
        Description = $"a drill organiser's token for --engine (default: ${TokenVariable})",
        HelpName = "TOKEN",
    };

    public static Option<string> Out() => new("--out")
    {
        Description = "where report.json, report.html and chart.svg go",
        HelpName = "DIR",
        DefaultValueFactory = _ => "drill-report",
    };

    public static Option<Pace> Speed() => new("--speed")
    {
        Description = "fast: as fast as possible, deterministic; xN: paced, N virtual seconds per second (up to x100000)",
        HelpName = "fast|xN",
        DefaultValueFactory = _ => Pace.Fast,
        CustomParser = result =>
        {
            var text = result.Tokens[0].Value;
            if (text == "fast")
            {
                return Pace.Fast;
            }

            if (double.TryParse(text.TrimStart('x', 'X'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var speed) && speed is > 0 and <= 100_000)
            {
                return new Pace(DrillMode.Paced, speed);
            }

            result.AddError($"--speed: '{text}' is neither fast nor xN with 0 < N ≤ 100000 (x60: a virtual minute per second)");
            return Pace.Fast;
        },
    };

    /// <summary>The token given, else the environment's.</summary>
    public static string? TokenOf(SymbolResult result, Option<string?> token) =>
        result.GetValue(token) ?? Environment.GetEnvironmentVariable(TokenVariable);

    /// <summary>A running engine is reached with a drill organiser's token: refused before anything is sent.</summary>
    public static void NeedTokenWithEngine(Command command, Option<Uri?> engine, Option<string?> token) =>
        command.Validators.Add(result =>
        {
            // Whether --engine was given, not its value: a bad address has its own error, and reading it would throw.
            if (result.GetResult(engine) is not null && string.IsNullOrEmpty(TokenOf(result, token)))
            {
                result.AddError($"--engine needs a drill organiser's token: --token TOKEN, or ${TokenVariable}");
            }
        });
}

/// <summary>How fast the drill's clock runs.</summary>
internal readonly record struct Pace(DrillMode Mode, double Speed)
{
    public static readonly Pace Fast = new(DrillMode.Fast, 1);

    public override string ToString() => Mode == DrillMode.Fast ? "fast" : $"x{Speed.ToString(CultureInfo.InvariantCulture)}";
}
