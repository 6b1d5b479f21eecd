namespace Emergency.Domain.Decisions;

/// <summary>What a major decision (重大决策事项) is about; investment projects have a stricter approval rule.</summary>
public enum MajorDecisionKind
{
    /// <summary>重大投资项目 — a plant, a waste incinerator's site, a public construction project: approved or not.</summary>
    InvestmentProject,

    /// <summary>重大政策措施 — a policy or measure with wide effect.</summary>
    Policy,

    /// <summary>重要规划 — a plan.</summary>
    Plan,

    /// <summary>Any other matter of major public interest.</summary>
    Other,
}

public static class MajorDecisionKinds
{
    public static string Title(this MajorDecisionKind kind) => kind switch
    {
        MajorDecisionKind.InvestmentProject => "investment project (重大投资项目)",
        MajorDecisionKind.Policy => "policy (重大政策措施)",
        MajorDecisionKind.Plan => "plan (重要规划)",
        _ => "other major matter",
    };
}
