using System.Text.Json.Nodes;

namespace Emergency.Domain.Rules;

/// <summary>
/// A deployment's overrides of rule values: a JSON object mapping a rule-set id to a merge patch
/// (RFC 7396) of that rule set. Each patch is applied to the rule set with that id, whichever family it
/// belongs to; a patch that no rule set takes is an error (<see cref="EnsureAllUsed"/>).
/// </summary>
public sealed class RuleOverrides
{
    private readonly Dictionary<string, JsonObject> _patches;
    private readonly HashSet<string> _used = [];

    private RuleOverrides(string file, Dictionary<string, JsonObject> patches)
    {
        File = file;
        _patches = patches;
    }

    public string File { get; }

    public static RuleOverrides Load(string file)
    {
        if (!System.IO.File.Exists(file))
        {
            throw new RuleSetException(file, "", "the override file does not exist (setting Rules:OverrideFile)");
        }

        return Parse(file, System.IO.File.ReadAllText(file));
    }

    public static RuleOverrides Parse(string file, string json)
    {
        var patches = new Dictionary<string, JsonObject>();
        foreach (var (id, patch) in RuleFiles.ParseObject(file, json))
        {
            patches[id] = patch as JsonObject ?? throw new RuleSetException(file, id, "an override must be a JSON object");
        }

        return new RuleOverrides(file, patches);
    }

    /// <summary>Applies the patch for this rule set's id, if there is one; returns the override file's name when it did.</summary>
    internal string? ApplyTo(JsonObject ruleSet)
    {
        if ((string?)ruleSet["id"] is not { } id || !_patches.TryGetValue(id, out var patch))
        {
            return null;
        }

        RuleFiles.Merge(ruleSet, (JsonObject)patch.DeepClone(), File, id);
        _used.Add(id);
        return File;
    }

    /// <summary>Refuses overrides meant for rule sets that do not exist: a typo must not silently leave the old value.</summary>
    public void EnsureAllUsed(IEnumerable<string> knownIds)
    {
        var unknown = _patches.Keys.FirstOrDefault(id => !_used.Contains(id));
        if (unknown is not null)
        {
            throw new RuleSetException(File, unknown, $"no rule set has the id '{unknown}' (known: {string.Join(", ", knownIds)})");
        }
    }
}
