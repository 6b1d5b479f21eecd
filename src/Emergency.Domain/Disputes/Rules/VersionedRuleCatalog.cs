using Emergency.Domain.Calendar;
using Emergency.Domain.Rules;

namespace Emergency.Domain.Disputes.Rules;

/// <summary>
/// The rule sets of one family, ordered by effective date, with the working calendar their limits are counted on.
/// A deployment works in one jurisdiction: the national rule sets apply, and a rule set of its own province
/// replaces them from its effective date until a later rule set takes over (national or provincial).
/// </summary>
public abstract class VersionedRuleCatalog<T> : RuleCatalog<T>
    where T : IVersionedRuleSet
{
    public const string National = "CN";

    protected VersionedRuleCatalog(IEnumerable<T> ruleSets, WorkingCalendar calendar, string jurisdiction, string family)
        : base(ruleSets, family)
    {
        if (!LimitChecks.IsJurisdiction(jurisdiction))
        {
            throw new RuleSetException($"({family} rule sets)", "jurisdiction", $"'{jurisdiction}' is not a jurisdiction: use \"CN\" or a province code such as \"CN-HA\" (ISO 3166-2)");
        }

        Calendar = calendar;
        Jurisdiction = jurisdiction;
    }

    public WorkingCalendar Calendar { get; }

    /// <summary>The jurisdiction of the deployment: "CN", or a province such as "CN-HA".</summary>
    public string Jurisdiction { get; }

    /// <summary>The rule set in force at <paramref name="moment"/> for this jurisdiction, or null when none was yet.</summary>
    public override T? InForceAt(DateTimeOffset moment) =>
        All.Where(r => (r.Jurisdiction == National || r.Jurisdiction == Jurisdiction) && r.EffectiveFrom <= moment)
            .OrderBy(r => r.EffectiveFrom)
            .ThenBy(r => r.Jurisdiction == National ? 0 : 1)
            .LastOrDefault();

    /// <summary>The earliest moment any rule set of this jurisdiction applies.</summary>
    public DateTimeOffset? EarliestStart =>
        All.Where(r => r.Jurisdiction == National || r.Jurisdiction == Jurisdiction).Select(r => (DateTimeOffset?)r.EffectiveFrom).FirstOrDefault();
}

/// <summary>The petition rule sets (信访) of a deployment.</summary>
public sealed class PetitionRuleCatalog(IEnumerable<PetitionRuleSet> ruleSets, WorkingCalendar calendar, string jurisdiction = VersionedRuleCatalog<PetitionRuleSet>.National)
    : VersionedRuleCatalog<PetitionRuleSet>(ruleSets, calendar, jurisdiction, "petition")
{
    /// <summary>The same rule sets and calendar, for a deployment in another jurisdiction.</summary>
    public PetitionRuleCatalog For(string jurisdiction) => new(All, Calendar, jurisdiction);
}

/// <summary>The suggestion and proposal rule sets (建议提案) of a deployment.</summary>
public sealed class SuggestionRuleCatalog(IEnumerable<SuggestionRuleSet> ruleSets, WorkingCalendar calendar, string jurisdiction = VersionedRuleCatalog<SuggestionRuleSet>.National)
    : VersionedRuleCatalog<SuggestionRuleSet>(ruleSets, calendar, jurisdiction, "suggestion");
