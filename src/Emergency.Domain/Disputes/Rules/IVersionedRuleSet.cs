using Emergency.Domain.Calendar;
using Emergency.Domain.Messages;

namespace Emergency.Domain.Disputes.Rules;

/// <summary>What a catalog needs of a rule set to choose the one in force, and how its limits are counted.</summary>
public interface IVersionedRuleSet
{
    string Id { get; }

    LocalText Title { get; }

    DateTimeOffset EffectiveFrom { get; }

    string Jurisdiction { get; }

    Counting Counting { get; }
}
