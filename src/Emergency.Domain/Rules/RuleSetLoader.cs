using System.Text.Json;
using Emergency.Domain.Incidents;

namespace Emergency.Domain.Rules;

/// <summary>
/// Reads the incident rule sets (grading and deadlines, one per file) and applies a deployment's
/// overrides. Any problem stops the start with the file, the key and what is wrong: a duty room must never
/// run on rules it misread.
/// </summary>
public static class RuleSetLoader
{
    /// <summary>Loads every <c>*.json</c> file of <paramref name="directory"/>, then applies the override file if one is given.</summary>
    public static RuleSetCatalog Load(string directory, string? overrideFile = null)
    {
        var overrides = overrideFile is null ? null : RuleOverrides.Load(overrideFile);
        var catalog = Load(directory, overrides);
        overrides?.EnsureAllUsed(catalog.All.Select(r => r.Id));
        return catalog;
    }

    /// <summary>Loads the incident rule sets with overrides shared with other rule families (their use is checked by the caller).</summary>
    public static RuleSetCatalog Load(string directory, RuleOverrides? overrides) =>
        new(RuleFiles.Parse<RuleSet>(RuleFiles.Read(directory, "Rules:Directory"), overrides, Check));

    /// <summary>Parses rule sets from text; <paramref name="overrides"/> maps a rule set id to a JSON merge patch (RFC 7396).</summary>
    public static RuleSetCatalog Parse(IReadOnlyList<(string File, string Json)> sources, string? overrideFile = null, string? overrides = null)
    {
        var patches = overrides is null ? null : RuleOverrides.Parse(overrideFile ?? "(overrides)", overrides);
        var catalog = new RuleSetCatalog(RuleFiles.Parse<RuleSet>(sources, patches, Check));
        patches?.EnsureAllUsed(catalog.All.Select(r => r.Id));
        return catalog;
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
                CategoricalCriterion.IntakeInterruption => Enum.GetNames<IntakeScale>(),
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
            .Append(("deadlines.levelChangeReport", rules.Deadlines.LevelChangeReport))
            .Append(("deadlines.neighbourNotification", rules.Deadlines.NeighbourNotification));
        CheckLevels(file, "grading.flags", rules.Grading.Flags.Values.Select(f => f.Level));
        if (rules.Deadlines.Obligations.ContainsKey(ObligationKind.LevelChangeReport))
        {
            Fail($"deadlines.obligations.{ObligationKind.LevelChangeReport.Name()}", "belongs in deadlines.levelChangeReport");
        }

        if (rules.Deadlines.Obligations.ContainsKey(ObligationKind.NotifyNeighbours))
        {
            Fail($"deadlines.obligations.{ObligationKind.NotifyNeighbours.Name()}", "belongs in deadlines.neighbourNotification");
        }

        rules.Deadlines.DownstreamWarning.Check(Fail);
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
}
