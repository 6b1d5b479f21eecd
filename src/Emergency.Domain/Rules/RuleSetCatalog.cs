namespace Emergency.Domain.Rules;

/// <summary>All known rule sets, ordered by effective date.</summary>
public sealed class RuleSetCatalog
{
    private readonly IReadOnlyList<RuleSet> _ordered;

    public RuleSetCatalog(IEnumerable<RuleSet> ruleSets)
    {
        _ordered = [.. ruleSets.OrderBy(r => r.EffectiveFrom)];
        if (_ordered.Count == 0)
        {
            throw new RuleSetException("(rule sets)", "", "no rule set is configured");
        }

        var duplicate = _ordered.GroupBy(r => r.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new RuleSetException("(rule sets)", "id", $"rule set id '{duplicate.Key}' is used twice");
        }
    }

    public IReadOnlyList<RuleSet> All => _ordered;

    /// <summary>The rule set in force at <paramref name="moment"/>, or null when none was yet.</summary>
    public RuleSet? InForceAt(DateTimeOffset moment) => _ordered.LastOrDefault(r => r.EffectiveFrom <= moment);

    public RuleSet Get(string id) =>
        _ordered.FirstOrDefault(r => r.Id == id)
        ?? throw new KeyNotFoundException($"rule set '{id}' is not configured (known: {string.Join(", ", _ordered.Select(r => r.Id))})");
}
