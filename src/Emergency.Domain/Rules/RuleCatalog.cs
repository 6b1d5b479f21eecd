using Emergency.Domain.Messages;

namespace Emergency.Domain.Rules;

/// <summary>What a catalog needs of a rule set of any family: its id, its title and the moment it takes effect.</summary>
public interface IRuleSet
{
    string Id { get; }

    LocalText Title { get; }

    /// <summary>Start of validity: the rule set applies to cases whose deciding moment is at or after it.</summary>
    DateTimeOffset EffectiveFrom { get; }
}

/// <summary>What every family's rule set starts with, as its file gives it: its id, its title and when it takes effect.</summary>
public abstract record RuleSetHeader : IRuleSet
{
    public required string Id { get; init; }

    public required LocalText Title { get; init; }

    /// <summary>Start of validity; the rule set applies to cases whose deciding moment is at or after it.</summary>
    public required DateTimeOffset EffectiveFrom { get; init; }
}

/// <summary>
/// The rule sets of one family (incidents, petitions, suggestions, disclosure, major decisions), ordered by effective
/// date: a case is judged by the rule set in force at its deciding moment (discovery, receipt, submission), and keeps
/// it by id. A catalog with no rule set, or two with one id, is refused when the engine starts.
/// </summary>
/// <typeparam name="T">The family's rule set.</typeparam>
public class RuleCatalog<T>
    where T : IRuleSet
{
    private readonly string _family;

    /// <param name="ruleSets">The configured rule sets, in any order.</param>
    /// <param name="family">The family's name in errors ("petition"); empty for the incidents' rule sets.</param>
    public RuleCatalog(IEnumerable<T> ruleSets, string family)
    {
        All = [.. ruleSets.OrderBy(r => r.EffectiveFrom)];
        _family = family.Length == 0 ? "" : family + " ";
        var file = $"({_family}rule sets)";
        if (All.Count == 0)
        {
            throw new RuleSetException(file, "", "no rule set is configured");
        }

        var duplicate = All.GroupBy(r => r.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new RuleSetException(file, "id", $"rule set id '{duplicate.Key}' is used twice");
        }
    }

    /// <summary>Every rule set of the family, the earliest first.</summary>
    public IReadOnlyList<T> All { get; }

    /// <summary>The rule set in force at <paramref name="moment"/>, or null when none was yet.</summary>
    public virtual T? InForceAt(DateTimeOffset moment) => All.LastOrDefault(r => r.EffectiveFrom <= moment);

    public T Get(string id) =>
        All.FirstOrDefault(r => r.Id == id)
        ?? throw new KeyNotFoundException($"{_family}rule set '{id}' is not configured (known: {string.Join(", ", All.Select(r => r.Id))})");
}

/// <summary>The incidents' rule sets (grading and deadlines).</summary>
public sealed class RuleSetCatalog(IEnumerable<RuleSet> ruleSets) : RuleCatalog<RuleSet>(ruleSets, "");
