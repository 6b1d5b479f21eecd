using System.Globalization;
using Emergency.Domain.Rules;

namespace Emergency.Domain.Incidents;

/// <summary>Applies a rule set's grading table to the facts of an incident.</summary>
public static class Grader
{
    public static Grade Grade(IncidentFacts facts, RuleSet rules)
    {
        var grading = rules.Grading;
        var met = new List<(IncidentLevel Level, string Reason)>();
        var unknowns = false;

        foreach (var rule in grading.Numeric.Values)
        {
            var values = rule.SumOf.Select(facts.Count).ToList();
            unknowns |= values.Any(v => v is null);
            var known = values.Where(v => v is not null).Select(v => v!.Value).ToList();
            if (known.Count == 0)
            {
                continue;
            }

            var value = known.Sum();
            foreach (var candidate in IncidentLevels.All)
            {
                if (rule.AtLeast.TryGetValue(candidate, out var min) && value >= min)
                {
                    met.Add((candidate, $"{candidate}: {rule.Label} {Format(value)} ≥ {Format(min)}"));
                    break;
                }
            }
        }

        foreach (var (criterion, rule) in grading.Categorical)
        {
            var value = facts.ScaleValue(criterion);
            unknowns |= value is null;
            if (value is not null && rule.Values.TryGetValue(value, out var hit))
            {
                var detail = facts.ScaleDetail(criterion);
                met.Add((hit.Level, detail is null ? $"{hit.Level}: {hit.Reason}" : $"{hit.Level}: {hit.Reason} ({detail})"));
            }
        }

        foreach (var (criterion, rule) in grading.Flags)
        {
            if (facts.Flag(criterion))
            {
                met.Add((rule.Level, $"{rule.Level}: {rule.Reason}"));
            }
        }

        var level = met.Count == 0 ? IncidentLevel.IV : met.Min(m => m.Level);
        var reasons = met.Where(m => m.Level == level).Select(m => m.Reason).ToList();
        if (reasons.Count == 0)
        {
            reasons.Add("IV: no criterion of a more serious level is met");
        }

        return new Grade
        {
            Level = level,
            Reasons = reasons,
            Unclear = unknowns && level != IncidentLevel.I,
            LeadAuthority = grading.LeadAuthority[level],
            RuleSetId = rules.Id,
        };
    }

    private static string Format(decimal value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);
}
