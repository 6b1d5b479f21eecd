using Emergency.Domain.Rules;

namespace Emergency.Domain.Decisions;

/// <summary>All known rule sets for major decisions, ordered by effective date.</summary>
public sealed class MajorDecisionRuleCatalog
{
    private readonly IReadOnlyList<MajorDecisionRuleSet> _ordered;

    public MajorDecisionRuleCatalog(IEnumerable<MajorDecisionRuleSet> ruleSets)
    {
        _ordered = [.. ruleSets.OrderBy(r => r.EffectiveFrom)];
        if (_ordered.Count == 0)
        {
            throw new RuleSetException("(major decision rule sets)", "", "no rule set is configured");
        }

        var duplicate = _ordered.GroupBy(r => r.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new RuleSetException("(major decision rule sets)", "id", $"rule set id '{duplicate.Key}' is used twice");
        }
    }

    public IReadOnlyList<MajorDecisionRuleSet> All => _ordered;

    /// <summary>The rule set in force at <paramref name="moment"/>, or null when none was yet.</summary>
    public MajorDecisionRuleSet? InForceAt(DateTimeOffset moment) => _ordered.LastOrDefault(r => r.EffectiveFrom <= moment);

    public MajorDecisionRuleSet Get(string id) =>
        _ordered.FirstOrDefault(r => r.Id == id)
        ?? throw new KeyNotFoundException($"major decision rule set '{id}' is not configured (known: {string.Join(", ", _ordered.Select(r => r.Id))})");
}
