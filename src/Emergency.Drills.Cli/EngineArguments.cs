namespace Emergency.Drills.Cli;

/// <summary>
/// Settings for the engine started in this process, written as for the server (<c>--ConfigDirectory=DIR</c>,
/// <c>--Rules:OverrideFile=F</c>): taken out before parsing, since their keys are the engine's, not options of the CLI.
/// </summary>
internal static class EngineArguments
{
    /// <summary>The command line without the settings, and the settings. A key starts with a capital, as in emergency.json; the CLI's own options are lower case.</summary>
    public static (string[] Arguments, IReadOnlyList<string> Settings) Split(string[] args)
    {
        var settings = args.Where(IsSetting).ToList();
        return ([.. args.Where(a => !IsSetting(a))], settings);
    }

    /// <summary>Where the engine started here reads its config, rule sets included.</summary>
    public static string? ConfigDirectory(IReadOnlyList<string> settings) =>
        settings.Select(s => s.StartsWith("--ConfigDirectory=", StringComparison.Ordinal) ? s["--ConfigDirectory=".Length..] : null).LastOrDefault(s => s is not null);

    /// <summary>Rule sets given by setting are someone else's: only the engine knows what it makes of them.</summary>
    public static bool NameRules(IReadOnlyList<string> settings) => settings.Any(s => s.StartsWith("--Rules:", StringComparison.Ordinal));

    private static bool IsSetting(string arg) =>
        arg.Length > 3 && arg.StartsWith("--", StringComparison.Ordinal) && char.IsAsciiLetterUpper(arg[2]) && arg.Contains('=', StringComparison.Ordinal);
}
