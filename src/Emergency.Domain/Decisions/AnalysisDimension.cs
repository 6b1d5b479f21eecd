namespace Emergency.Domain.Decisions;

/// <summary>
/// A dimension the risk is analysed on (分析论证). The rule set in force says which ones: legality,
/// reasonableness, feasibility and controllability; older texts say safety where later ones say controllability.
/// </summary>
public enum AnalysisDimension
{
    /// <summary>合法性.</summary>
    Legality,

    /// <summary>合理性.</summary>
    Reasonableness,

    /// <summary>可行性.</summary>
    Feasibility,

    /// <summary>可控性.</summary>
    Controllability,

    /// <summary>安全性 — the older texts' name for the fourth dimension.</summary>
    Safety,
}

public static class AnalysisDimensions
{
    public static string Title(this AnalysisDimension dimension) => dimension switch
    {
        AnalysisDimension.Legality => "legality (合法性)",
        AnalysisDimension.Reasonableness => "reasonableness (合理性)",
        AnalysisDimension.Feasibility => "feasibility (可行性)",
        AnalysisDimension.Controllability => "controllability (可控性)",
        AnalysisDimension.Safety => "safety (安全性)",
        _ => dimension.ToString(),
    };

    /// <summary>The name used in the API, the board and the rule files.</summary>
    public static string Name(this AnalysisDimension dimension) => dimension switch
    {
        AnalysisDimension.Legality => "legality",
        AnalysisDimension.Reasonableness => "reasonableness",
        AnalysisDimension.Feasibility => "feasibility",
        AnalysisDimension.Controllability => "controllability",
        AnalysisDimension.Safety => "safety",
        _ => dimension.ToString(),
    };
}
