using System.Globalization;
using Emergency.Domain.Messages;
using Emergency.Domain.Rules;

namespace Emergency.Domain.Incidents;

/// <summary>Applies a rule set's grading table to the facts of an incident.</summary>
public static class Grader
{
    public static Grade Grade(IncidentFacts facts, RuleSet rules)
    {
        var grading = rules.Grading;
        var met = new List<(IncidentLevel Level, Message Reason)>();
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
                    met.Add((candidate, IncidentTexts.ReasonCount.With(("level", Arg.Of(candidate)), ("label", rule.Label), ("value", Format(value)), ("min", Format(min)))));
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
                met.Add((hit.Level, detail is null
                    ? IncidentTexts.ReasonRule.With(("level", Arg.Of(hit.Level)), ("reason", hit.Reason))
                    : IncidentTexts.ReasonRuleDetail.With(("level", Arg.Of(hit.Level)), ("reason", hit.Reason), ("detail", detail))));
            }
        }

        foreach (var (criterion, rule) in grading.Flags)
        {
            if (facts.Flag(criterion))
            {
                met.Add((rule.Level, IncidentTexts.ReasonRule.With(("level", Arg.Of(rule.Level)), ("reason", rule.Reason))));
            }
        }

        var level = met.Count == 0 ? IncidentLevel.IV : met.Min(m => m.Level);
        var reasons = met.Where(m => m.Level == level).Select(m => m.Reason).ToList();
        if (reasons.Count == 0)
        {
            reasons.Add(IncidentTexts.ReasonNone.With(("level", Arg.Of(IncidentLevel.IV))));
        }

        return new Grade
        {
            Level = level,
            Reasons = reasons,
            Unclear = unknowns && level != IncidentLevel.I,
            LeadAuthority = Message.Literal(grading.LeadAuthority[level]),
            RuleSetId = rules.Id,
        };
    }

    /// <summary>Counts and amounts with thousands separated, as the grading tables write them ("10,000").</summary>
    private static string Format(decimal value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);
}
