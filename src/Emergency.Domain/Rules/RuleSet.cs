namespace Emergency.Domain.Rules;

/// <summary>
/// One versioned set of rules: how incidents are graded and which deadlines apply. An incident is
/// judged by the rule set in force when it was discovered (see <see cref="RuleSetCatalog"/>).
/// Every value carries the source it comes from, so a duty officer can check it.
/// </summary>
public sealed record RuleSet : RuleSetHeader
{
    public required GradingRules Grading { get; init; }

    public required DeadlineRules Deadlines { get; init; }

    /// <summary>The hops a report makes up the levels; none in rule sets that do not model the chain.</summary>
    public ReportingChainRules? ReportingChain { get; init; }
}
