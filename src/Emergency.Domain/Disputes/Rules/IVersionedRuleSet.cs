using Emergency.Domain.Calendar;
using Emergency.Domain.Rules;

namespace Emergency.Domain.Disputes.Rules;

/// <summary>What a catalog needs of a rule set to choose the one in force, and how its limits are counted.</summary>
public interface IVersionedRuleSet : IRuleSet
{
    string Jurisdiction { get; }

    Counting Counting { get; }
}

/// <summary>What every rule set counted on the working calendar gives after its header: its jurisdiction, how its limits are counted, and notes.</summary>
public abstract record VersionedRuleSet : RuleSetHeader, IVersionedRuleSet
{
    /// <summary>"CN" for national rules, "CN-HA" (ISO 3166-2) for a province's own.</summary>
    public required string Jurisdiction { get; init; }

    public required Counting Counting { get; init; }

    /// <summary>Sourced remarks for a reader of the file, such as why a step is missing.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
