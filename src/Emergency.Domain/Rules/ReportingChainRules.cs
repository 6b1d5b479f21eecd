using Emergency.Domain.Messages;
namespace Emergency.Domain.Rules;

/// <summary>
/// The reporting chain (信息报告) up the levels: which bureau reports to whom, at which levels, and within what window.
/// A hop from the origin is counted from discovery (or from the regrade that made it due); any other hop from the moment
/// its sender first received the report.
/// </summary>
public sealed record ReportingChainRules
{
    public required IReadOnlyList<ChainHopRule> Hops { get; init; }

    /// <summary>
    /// The level whose hops apply while the level is unclear and sensitive factors are present (MEP Order 17 art. 4: report
    /// by the II/I procedure); none keeps the graded level.
    /// </summary>
    public IncidentLevel? UnclearAndSensitiveAs { get; init; }

    public string? UnclearAndSensitiveSource { get; init; }
}

/// <summary>One hop of the chain: its sender and receiver as roles, its window by level (a level left out has no such hop).</summary>
public sealed record ChainHopRule
{
    public required ChainRole From { get; init; }

    public required ChainRole To { get; init; }

    public IReadOnlyDictionary<IncidentLevel, TimeSpan> ByLevel { get; init; } = new Dictionary<IncidentLevel, TimeSpan>();

    /// <summary>"statute" when a regulation fixes the window, "local practice" when it is a configurable default.</summary>
    public required LocalText Basis { get; init; }

    public required string Source { get; init; }
}

/// <summary>A party of the chain as the rule names it, resolved against the incident's region.</summary>
public enum ChainRole
{
    /// <summary>The county or city bureau where the incident happened (事件发生地环境保护主管部门).</summary>
    Origin,

    /// <summary>The government of the origin's level (本级人民政府).</summary>
    OriginGovernment,

    /// <summary>The bureau one level above the origin (上一级人民政府环境保护主管部门): the city's for a county, the province's for a city.</summary>
    NextBureau,

    /// <summary>The provincial bureau (省级人民政府环境保护主管部门).</summary>
    Province,

    /// <summary>The ministry (环境保护部, now 生态环境部).</summary>
    Ministry,

    /// <summary>The State Council duty office (国务院总值班室).</summary>
    StateCouncil,
}
