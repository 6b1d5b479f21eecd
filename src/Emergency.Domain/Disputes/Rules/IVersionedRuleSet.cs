using Emergency.Domain.Calendar;
using Emergency.Domain.Rules;

namespace Emergency.Domain.Disputes.Rules;

/// <summary>What a catalog needs of a rule set to choose the one in force, and how its limits are counted.</summary>
public interface IVersionedRuleSet : IRuleSet
{
    string Jurisdiction { get; }

    Counting Counting { get; }
}
