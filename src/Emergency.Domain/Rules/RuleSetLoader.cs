using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Xml;
using Emergency.Domain.Incidents;

namespace Emergency.Domain.Rules;

/// <summary>
/// Reads rule sets from JSON files (one per file) and applies a deployment's overrides. Any problem stops
/// the start with the file, the key and what is wrong: a duty room must never run on rules it misread.
/// </summary>
public static class RuleSetLoader
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false), new IsoDurationConverter() },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowTrailingCommas = false,
    };

    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowDuplicateProperties = false };

    /// <summary>Loads every <c>*.json</c> file of <paramref name="directory"/>, then applies the override file if one is given.</summary>
    public static RuleSetCatalog Load(string directory, string? overrideFile = null)
    {
        if (!Directory.Exists(directory))
        {
            throw new RuleSetException(directory, "", "the rule directory does not exist (setting Rules:Directory)");
        }

        var files = Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal).ToList();
        var sources = files.Select(f => (File: f, Json: File.ReadAllText(f))).ToList();
        string? overrides = null;
        if (overrideFile is not null)
        {
            if (!File.Exists(overrideFile))
            {
                throw new RuleSetException(overrideFile, "", "the override file does not exist (setting Rules:OverrideFile)");
            }

            overrides = File.ReadAllText(overrideFile);
        }

        return Parse(sources, overrideFile, overrides);
    }

    /// <summary>Parses rule sets from text; <paramref name="overrides"/> maps a rule set id to a JSON merge patch (RFC 7396).</summary>
    public static RuleSetCatalog Parse(IReadOnlyList<(string File, string Json)> sources, string? overrideFile = null, string? overrides = null)
    {
        var nodes = sources.Select(s => (s.File, Node: ParseObject(s.File, s.Json))).ToList();
        var patched = new HashSet<string>();
        if (overrides is not null)
        {
            var file = overrideFile ?? "(overrides)";
            foreach (var (id, patch) in ParseObject(file, overrides))
            {
                var target = nodes.FirstOrDefault(n => (string?)n.Node["id"] == id);
                if (target.Node is null)
                {
                    throw new RuleSetException(file, id, $"no rule set has the id '{id}' (known: {string.Join(", ", nodes.Select(n => (string?)n.Node["id"]))})");
                }

                if (patch is not JsonObject patchObject)
                {
                    throw new RuleSetException(file, id, "an override must be a JSON object");
                }

                Merge(target.Node, patchObject, file, id);
                patched.Add(target.File);
            }
        }

        var ruleSets = nodes.Select(n => Build(n.File, n.Node, patched.Contains(n.File) ? $" (after the overrides in '{overrideFile ?? "(overrides)"}')" : "")).ToList();
        return new RuleSetCatalog(ruleSets);
    }

    private static JsonObject ParseObject(string file, string json)
    {
        try
        {
            return JsonNode.Parse(json, documentOptions: DocumentOptions) as JsonObject
                ?? throw new RuleSetException(file, "", "the file must hold one JSON object");
        }
        catch (JsonException ex)
        {
            throw new RuleSetException(file, ex.Path ?? "", $"invalid JSON at line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}: {ex.Message}");
        }
    }

    /// <summary>
    /// RFC 7396 merge. A changed value is credited to the source of the nearest object around it that has
    /// one, so that object must get a new "source" in the same patch: an overridden value must never be
    /// credited to a regulation that does not say it. Returns whether the patch changed values that no
    /// sourced object inside <paramref name="target"/> answers for.
    /// </summary>
    private static bool Merge(JsonObject target, JsonObject patch, string file, string path)
    {
        var changed = false;
        foreach (var (key, value) in patch.ToList())
        {
            if (key == "source")
            {
                continue;
            }

            if (value is JsonObject patchChild && target[key] is JsonObject targetChild)
            {
                changed |= Merge(targetChild, patchChild, file, $"{path}.{key}");
                continue;
            }

            patch.Remove(key);
            if (value is null)
            {
                target.Remove(key);
            }
            else
            {
                target[key] = value;
            }

            changed = true;
        }

        var hadSource = target.ContainsKey("source");
        if (patch["source"] is { } source)
        {
            patch.Remove("source");
            target["source"] = source;
            return false;
        }

        if (hadSource && changed)
        {
            throw new RuleSetException(file, path, "an override of a value that has a source must give its own \"source\"");
        }

        return !hadSource && changed;
    }

    private static RuleSet Build(string file, JsonObject node, string note)
    {
        RuleSet? rules;
        try
        {
            rules = node.Deserialize<RuleSet>(Options);
        }
        catch (JsonException ex)
        {
            throw new RuleSetException(file, ex.Path?.TrimStart('$', '.') ?? "", ex.Message + note);
        }

        if (rules is null)
        {
            throw new RuleSetException(file, "", "the file is empty");
        }

        try
        {
            Check(file, rules);
        }
        catch (RuleSetException ex) when (note.Length > 0)
        {
            throw new RuleSetException(ex.File, ex.Key, ex.Problem + note);
        }

        return rules;
    }

    private static void Check(string file, RuleSet rules)
    {
        void Fail(string key, string problem) => throw new RuleSetException(file, key, problem);

        if (string.IsNullOrWhiteSpace(rules.Id))
        {
            Fail("id", "must not be empty");
        }

        CheckLevels(file, "grading.leadAuthority", rules.Grading.LeadAuthority.Keys);
        foreach (var level in IncidentLevels.All)
        {
            if (!rules.Grading.LeadAuthority.ContainsKey(level))
            {
                Fail($"grading.leadAuthority.{level}", "is missing");
            }
        }

        foreach (var (criterion, rule) in rules.Grading.Numeric)
        {
            var key = $"grading.numeric.{JsonNamingPolicy.CamelCase.ConvertName(criterion.ToString())}";
            if (rule.SumOf.Count == 0)
            {
                Fail($"{key}.sumOf", "must name at least one fact");
            }

            CheckLevels(file, $"{key}.atLeast", rule.AtLeast.Keys);
            decimal? previous = null;
            foreach (var level in IncidentLevels.All)
            {
                if (!rule.AtLeast.TryGetValue(level, out var min))
                {
                    continue;
                }

                if (min < 0)
                {
                    Fail($"{key}.atLeast.{level}", $"must not be negative (is {min})");
                }

                if (previous is { } more && min >= more)
                {
                    Fail($"{key}.atLeast.{level}", $"{min} is not below the minimum of a more serious level ({more}); minimums must fall from I to IV, or the level could never be reached");
                }

                previous = min;
            }
        }

        foreach (var (criterion, rule) in rules.Grading.Categorical)
        {
            var scale = criterion switch
            {
                CategoricalCriterion.DrinkingWaterIntakeCut => Enum.GetNames<WaterIntakeCut>(),
                CategoricalCriterion.CrossBoundary => Enum.GetNames<CrossBoundary>(),
                _ => Enum.GetNames<EcologicalImpact>(),
            };
            CheckLevels(file, $"grading.categorical.{JsonNamingPolicy.CamelCase.ConvertName(criterion.ToString())}.values", rule.Values.Values.Select(v => v.Level));
            foreach (var value in rule.Values.Keys.Where(v => !scale.Contains(v)))
            {
                Fail($"grading.categorical.{JsonNamingPolicy.CamelCase.ConvertName(criterion.ToString())}.values.{value}", $"'{value}' is not on the scale ({string.Join(", ", scale)})");
            }
        }

        var deadlines = rules.Deadlines.Obligations.Select(kv => (Key: $"deadlines.obligations.{kv.Key.Name()}", Rule: kv.Value))
            .Append(("deadlines.levelChangeReport", rules.Deadlines.LevelChangeReport));
        CheckLevels(file, "grading.flags", rules.Grading.Flags.Values.Select(f => f.Level));
        if (rules.Deadlines.Obligations.ContainsKey(ObligationKind.LevelChangeReport))
        {
            Fail($"deadlines.obligations.{ObligationKind.LevelChangeReport.Name()}", "belongs in deadlines.levelChangeReport");
        }

        foreach (var kind in ObligationKinds.FirstMoment.Where(k => !rules.Deadlines.Obligations.ContainsKey(k)))
        {
            Fail($"deadlines.obligations.{kind.Name()}", "is missing: every first-moment obligation needs a deadline");
        }

        foreach (var (key, rule) in deadlines)
        {
            foreach (var level in IncidentLevels.All)
            {
                if (!rule.ByLevel.TryGetValue(level, out var window))
                {
                    Fail($"{key}.byLevel.{level}", "is missing");
                }
                else if (window <= TimeSpan.Zero)
                {
                    Fail($"{key}.byLevel.{level}", "must be a positive duration such as \"PT2H\"");
                }
            }

            if (rule.WhenSensitive <= TimeSpan.Zero || rule.WhenLevelUnclearAndSensitive <= TimeSpan.Zero)
            {
                Fail(key, "shortened windows must be positive durations");
            }

            if (string.IsNullOrWhiteSpace(rule.Source))
            {
                Fail($"{key}.source", "every deadline needs its source");
            }
        }
    }

    private static void CheckLevels(string file, string key, IEnumerable<IncidentLevel> levels)
    {
        foreach (var level in levels.Where(l => !Enum.IsDefined(l)))
        {
            throw new RuleSetException(file, key, $"'{(int)level}' is not a level; use I, II, III or IV");
        }
    }

    /// <summary>Durations are written as ISO 8601 ("PT2H", "P2D"), the way regulations state them.</summary>
    private sealed class IsoDurationConverter : JsonConverter<TimeSpan>
    {
        public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString() ?? "";
            try
            {
                return XmlConvert.ToTimeSpan(text);
            }
            catch (FormatException)
            {
                throw new JsonException($"'{text}' is not an ISO 8601 duration such as \"PT2H\" or \"P2D\"");
            }
        }

        public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
            writer.WriteStringValue(XmlConvert.ToString(value));
    }
}
