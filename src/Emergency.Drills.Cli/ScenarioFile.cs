using Emergency.Domain.Drills;
using Emergency.Domain.Rules;
using Emergency.Host.Hosting;

namespace Emergency.Drills.Cli;

/// <summary>A scenario file read as the engine reads it, so that a bad file is refused before any engine starts.</summary>
internal sealed record ScenarioFile(string Name, string Text, Scenario Scenario)
{
    /// <summary>
    /// Reads the file; with <paramref name="settings"/> (those of the engine started here) also checks it against that
    /// engine's rule sets. Null for a running engine, which checks them itself.
    /// </summary>
    public static async Task<ScenarioFile> ReadAsync(string path, IReadOnlyList<string>? settings, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(path);
        if (!File.Exists(path))
        {
            throw new DrillInputException($"{name}: no such file (looked for {path})");
        }

        ScenarioReader.CheckSize(new FileInfo(path).Length, name);
        var text = ScenarioReader.Decode(await File.ReadAllBytesAsync(path, cancellationToken), name);
        var scenario = ScenarioReader.Read(text, name);
        if (settings is not null && LocalRules(settings)?.Invoke(scenario) is { Count: > 0 } ruleErrors)
        {
            throw new ScenarioException(ruleErrors);
        }

        return new ScenarioFile(name, text, scenario);
    }

    /// <summary>Checks the rule-set date against the rules the engine started here will load, before starting it.</summary>
    private static Func<Scenario, IReadOnlyList<ScenarioError>>? LocalRules(IReadOnlyList<string> settings)
    {
        var rules = Path.Combine(EngineArguments.ConfigDirectory(settings) ?? EngineHost.DefaultConfigDirectory, "rules", "incidents");
        if (!Directory.Exists(rules) || EngineArguments.NameRules(settings))
        {
            // Someone else's rules: the engine checks when the drill starts.
            return null;
        }

        var catalog = RuleSetLoader.Load(rules);
        return scenario => scenario.CheckRules(catalog);
    }
}
