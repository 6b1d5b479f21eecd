using Emergency.Domain.Messages;
using Emergency.Domain.Incidents;

namespace Emergency.Domain.Rules;

/// <summary>
/// The grading table of one rule set. Any single criterion sets the level and the most serious
/// level met wins; an incident that meets none is level IV.
/// </summary>
public sealed record GradingRules
{
    public required string Source { get; init; }

    /// <summary>Counted criteria (deaths, poisoned, evacuated, direct loss), keyed by criterion name.</summary>
    public required IReadOnlyDictionary<NumericCriterion, NumericRule> Numeric { get; init; }

    /// <summary>Criteria with a scale (drinking-water intake interruption, cross-boundary extent, ecological impact).</summary>
    public IReadOnlyDictionary<CategoricalCriterion, CategoricalRule> Categorical { get; init; } = new Dictionary<CategoricalCriterion, CategoricalRule>();

    /// <summary>Yes/no criteria that set a level on their own.</summary>
    public IReadOnlyDictionary<FlagCriterion, FlagRule> Flags { get; init; } = new Dictionary<FlagCriterion, FlagRule>();

    /// <summary>Which government leads the response at each level.</summary>
    public required IReadOnlyDictionary<IncidentLevel, LocalText> LeadAuthority { get; init; }
}

public enum NumericCriterion
{
    Deaths,
    Poisoned,
    Evacuated,
    DirectLossCny,
}

public enum CategoricalCriterion
{
    /// <summary>取水中断: the intake of a centralised drinking-water source interrupted by pollution, by the settlement it serves.</summary>
    IntakeInterruption,
    CrossBoundary,
    EcologicalImpact,
}

public enum FlagCriterion
{
    /// <summary>2011 appendix, level II: heavy-metal or hazardous-chemical explosion or leak, or hazardous-waste dumping, in a sensitive area.</summary>
    HazardousReleaseInSensitiveArea,
}

/// <summary>
/// A counted criterion: the level is the most serious one whose minimum the count reaches.
/// "以上" includes the boundary, so minimums are inclusive.
/// </summary>
public sealed record NumericRule
{
    public required LocalText Label { get; init; }

    /// <summary>Facts whose values are added up (the 2014 plan counts poisoned and seriously injured together).</summary>
    public required IReadOnlyList<CountedFact> SumOf { get; init; }

    public required IReadOnlyDictionary<IncidentLevel, decimal> AtLeast { get; init; }

    public required string Source { get; init; }
}

public enum CountedFact
{
    Deaths,
    Poisoned,
    SeriouslyInjured,
    Evacuated,
    DirectLossCny,
}

/// <summary>A criterion with a scale: each scale value that counts maps to a level and a reason.</summary>
public sealed record CategoricalRule
{
    public required LocalText Label { get; init; }

    /// <summary>Keyed by the scale value's name (for example <c>County</c> of <see cref="IntakeScale"/>).</summary>
    public required IReadOnlyDictionary<string, CategoricalLevel> Values { get; init; }

    public required string Source { get; init; }
}

public sealed record CategoricalLevel
{
    public required IncidentLevel Level { get; init; }

    public required LocalText Reason { get; init; }
}

public sealed record FlagRule
{
    public required IncidentLevel Level { get; init; }

    public required LocalText Reason { get; init; }

    public required string Source { get; init; }
}
