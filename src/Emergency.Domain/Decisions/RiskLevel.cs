namespace Emergency.Domain.Decisions;

/// <summary>The level of social stability risk (社会稳定风险等级) an assessment arrives at.</summary>
public enum RiskLevel
{
    /// <summary>低风险 — most support; the few objections can be resolved.</summary>
    Low,

    /// <summary>中风险 — some strongly object; conflict is possible.</summary>
    Medium,

    /// <summary>高风险 — most strongly object; a large mass incident is possible.</summary>
    High,
}

public static class RiskLevels
{
    public static readonly IReadOnlyList<RiskLevel> All = Enum.GetValues<RiskLevel>();

    public static string Title(this RiskLevel level) => level switch
    {
        RiskLevel.Low => "low risk (低风险)",
        RiskLevel.Medium => "medium risk (中风险)",
        RiskLevel.High => "high risk (高风险)",
        _ => level.ToString(),
    };

    /// <summary>The name used in the API, the board and the rule files.</summary>
    public static string Name(this RiskLevel level) => level switch
    {
        RiskLevel.Low => "low",
        RiskLevel.Medium => "medium",
        RiskLevel.High => "high",
        _ => level.ToString(),
    };
}
