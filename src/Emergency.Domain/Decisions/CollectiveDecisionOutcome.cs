namespace Emergency.Domain.Decisions;

/// <summary>What the collective decision (集体讨论决定) resolves.</summary>
public enum CollectiveDecisionOutcome
{
    /// <summary>实施 — approve and implement.</summary>
    Implement,

    /// <summary>落实风险防范措施后实施 — implement once the mitigation measures are in place.</summary>
    ImplementAfterMitigation,

    /// <summary>暂缓 — postpone; the matter may be decided later.</summary>
    Postpone,

    /// <summary>不实施 — do not implement.</summary>
    DoNotImplement,
}

public static class CollectiveDecisionOutcomes
{
    public static readonly IReadOnlyList<CollectiveDecisionOutcome> All = Enum.GetValues<CollectiveDecisionOutcome>();

    /// <summary>Outcomes that approve the matter: the ones a high risk and a regional approval restriction forbid.</summary>
    public static bool Approves(this CollectiveDecisionOutcome outcome) =>
        outcome is CollectiveDecisionOutcome.Implement or CollectiveDecisionOutcome.ImplementAfterMitigation;

    public static string Title(this CollectiveDecisionOutcome outcome) => outcome switch
    {
        CollectiveDecisionOutcome.Implement => "implement (实施)",
        CollectiveDecisionOutcome.ImplementAfterMitigation => "implement after mitigation (落实措施后实施)",
        CollectiveDecisionOutcome.Postpone => "postpone (暂缓)",
        CollectiveDecisionOutcome.DoNotImplement => "do not implement (不实施)",
        _ => outcome.ToString(),
    };

    /// <summary>The name used in the API, the board and the rule files.</summary>
    public static string Name(this CollectiveDecisionOutcome outcome) => outcome switch
    {
        CollectiveDecisionOutcome.Implement => "implement",
        CollectiveDecisionOutcome.ImplementAfterMitigation => "implementAfterMitigation",
        CollectiveDecisionOutcome.Postpone => "postpone",
        CollectiveDecisionOutcome.DoNotImplement => "doNotImplement",
        _ => outcome.ToString(),
    };
}
