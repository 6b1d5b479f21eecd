using Emergency.Domain.Rules;

namespace Emergency.Domain.Decisions;

/// <summary>
/// Reads the rule sets for major decisions (one per file under config/rules/decisions) and applies a deployment's
/// overrides, with the mechanics every rule family shares (<see cref="RuleFiles"/>). Any problem stops the start
/// with the file, the key and what is wrong.
/// </summary>
public static class MajorDecisionRuleLoader
{
    /// <summary>Loads every <c>*.json</c> file of <paramref name="directory"/>, then applies the override file if one is given.</summary>
    public static MajorDecisionRuleCatalog Load(string directory, string? overrideFile = null)
    {
        var overrides = overrideFile is null ? null : RuleOverrides.Load(overrideFile);
        var catalog = Load(directory, overrides);
        overrides?.EnsureAllUsed(catalog.All.Select(r => r.Id));
        return catalog;
    }

    /// <summary>Loads the rule sets with overrides shared with other rule families (their use is checked by the caller).</summary>
    public static MajorDecisionRuleCatalog Load(string directory, RuleOverrides? overrides) =>
        new(RuleFiles.Parse<MajorDecisionRuleSet>(RuleFiles.Read(directory, "Rules:Directory, folder decisions"), overrides, Check));

    /// <summary>Parses rule sets from text; <paramref name="overrides"/> maps a rule set id to a JSON merge patch (RFC 7396).</summary>
    public static MajorDecisionRuleCatalog Parse(IReadOnlyList<(string File, string Json)> sources, string? overrideFile = null, string? overrides = null)
    {
        var patches = overrides is null ? null : RuleOverrides.Parse(overrideFile ?? "(overrides)", overrides);
        var catalog = new MajorDecisionRuleCatalog(RuleFiles.Parse<MajorDecisionRuleSet>(sources, patches, Check));
        patches?.EnsureAllUsed(catalog.All.Select(r => r.Id));
        return catalog;
    }

    private static void Check(string file, MajorDecisionRuleSet rules)
    {
        void Fail(string key, string problem) => throw new RuleSetException(file, key, problem);

        void Sourced(string key, string source)
        {
            if (string.IsNullOrWhiteSpace(source))
            {
                Fail($"{key}.source", "every value needs its source");
            }
        }

        if (string.IsNullOrWhiteSpace(rules.Id))
        {
            Fail("id", "must not be empty");
        }

        if (rules.Title?.IsBlank != false)
        {
            Fail("title", "must not be empty");
        }

        if (rules.PublicComment.MinimumPeriod <= TimeSpan.Zero)
        {
            Fail("publicComment.minimumPeriod", "must be a positive duration such as \"P30D\"");
        }

        Sourced("publicComment", rules.PublicComment.Source);

        foreach (var method in ViewMethods.All)
        {
            if (!rules.ViewMethods.TryGetValue(method, out var rule))
            {
                Fail($"viewMethods.{method.Name()}", "is missing: say whether the assessment must use it");
            }
            else
            {
                Sourced($"viewMethods.{method.Name()}", rule.Source);
            }
        }

        if (rules.Dimensions.Count == 0)
        {
            Fail("dimensions", "must name at least one dimension to analyse");
        }

        foreach (var (dimension, rule) in rules.Dimensions)
        {
            if (rule.Question?.IsBlank != false)
            {
                Fail($"dimensions.{dimension.Name()}.question", "must say what the assessors answer");
            }

            Sourced($"dimensions.{dimension.Name()}", rule.Source);
            foreach (var other in rule.AlsoCalled)
            {
                if (!Enum.IsDefined(other) || rules.Dimensions.ContainsKey(other) || rules.Dimensions.Count(d => d.Value.AlsoCalled.Contains(other)) > 1)
                {
                    Fail($"dimensions.{dimension.Name()}.alsoCalled", $"'{other.Name()}' must be a dimension the rule set does not list, named as another word for one dimension only");
                }
            }
        }

        foreach (var level in RiskLevels.All)
        {
            if (!rules.RiskLevels.TryGetValue(level, out var rule))
            {
                Fail($"riskLevels.{level.Name()}", "is missing");
                continue;
            }

            CheckLevel(file, $"riskLevels.{level.Name()}", level, rule!);
        }

        var approvable = rules.InvestmentProjects.ApprovableAt;
        if (approvable.Where(l => l != RiskLevel.Low).Select(l => (RiskLevel?)l).FirstOrDefault() is { } above)
        {
            Fail("investmentProjects.approvableAt", $"'{above.Name()}' is not allowed: an investment project is never approved at medium or high risk; a rule set may only tighten this");
        }

        if (approvable.GroupBy(l => l).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            Fail("investmentProjects.approvableAt", $"lists '{repeated.Key.Name()}' twice");
        }

        Sourced("investmentProjects", rules.InvestmentProjects.Source);
    }

    private static void CheckLevel(string file, string key, RiskLevel level, RiskLevelRule rule)
    {
        void Fail(string at, string problem) => throw new RuleSetException(file, at, problem);

        if (rule.Meaning?.IsBlank != false)
        {
            Fail($"{key}.meaning", "must say what the level means");
        }

        if (rule.Outcomes.GroupBy(o => o).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            Fail($"{key}.outcomes", $"lists '{twice.Key.Name()}' twice");
        }

        if (!rule.Outcomes.Contains(CollectiveDecisionOutcome.DoNotImplement))
        {
            Fail($"{key}.outcomes", "must include 'doNotImplement': the collective decision may always refuse");
        }

        if (level == RiskLevel.High && rule.Outcomes.Where(o => o.Approves()).Select(o => (CollectiveDecisionOutcome?)o).FirstOrDefault() is { } approving)
        {
            Fail($"{key}.outcomes", $"'{approving.Name()}' is not allowed: a high risk is never implemented; it may be redesigned and assessed again");
        }

        if (level == RiskLevel.Medium && !rule.MitigateAndReRate)
        {
            Fail($"{key}.mitigateAndReRate", "must be true: a medium risk goes on only after its mitigation measures are recorded and the risk is rated again");
        }

        if (string.IsNullOrWhiteSpace(rule.Source))
        {
            Fail($"{key}.source", "every value needs its source");
        }
    }
}
