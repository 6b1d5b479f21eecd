using Emergency.Domain.Messages;
using Emergency.Domain.Rules;
namespace Emergency.Domain.Decisions;

/// <summary>
/// One versioned set of rules for major decisions and their social stability risk assessment. A matter is
/// judged by the rule set in force when it was submitted (see <see cref="MajorDecisionRuleCatalog"/>). Every
/// value carries its source. The values may tighten the guards of the procedure, never loosen them: the loader
/// refuses a rule set under which a high risk could be implemented, a medium risk could go on unmitigated, or an
/// investment project could be approved above low risk.
/// </summary>
public sealed record MajorDecisionRuleSet : RuleSetHeader
{
    public required PublicCommentRule PublicComment { get; init; }

    /// <summary>Every way of hearing views, and whether the assessment must use it.</summary>
    public required IReadOnlyDictionary<ViewMethod, ViewMethodRule> ViewMethods { get; init; }

    /// <summary>The dimensions every assessment must analyse, each with the question it answers.</summary>
    public required IReadOnlyDictionary<AnalysisDimension, DimensionRule> Dimensions { get; init; }

    /// <summary>What each risk level means and which collective decisions it allows.</summary>
    public required IReadOnlyDictionary<RiskLevel, RiskLevelRule> RiskLevels { get; init; }

    public required InvestmentProjectRule InvestmentProjects { get; init; }

    public IEnumerable<ViewMethod> RequiredMethods => ViewMethods.Where(m => m.Value.Required).Select(m => m.Key).Order();

    /// <summary>The dimension of this rule set a finding named <paramref name="named"/> is about: itself, or the one that also goes by that name; null when none.</summary>
    public AnalysisDimension? DimensionFor(AnalysisDimension named) =>
        Dimensions.ContainsKey(named) ? named : Dimensions.Where(d => d.Value.AlsoCalled.Contains(named)).Select(d => (AnalysisDimension?)d.Key).FirstOrDefault();
}

/// <summary>The public comment period (公开征求意见期限): it may close only once the minimum has run.</summary>
public sealed record PublicCommentRule
{
    /// <summary>Closing at opening + minimum is in time ("at least 30 days": exactly 30 days is enough).</summary>
    public required TimeSpan MinimumPeriod { get; init; }

    public required string Source { get; init; }
}

public sealed record ViewMethodRule
{
    /// <summary>Views must be heard this way before the assessment goes on to the analysis.</summary>
    public required bool Required { get; init; }

    public required string Source { get; init; }
}

public sealed record DimensionRule
{
    /// <summary>What the assessors answer on this dimension, shown beside their findings.</summary>
    public required LocalText Question { get; init; }

    /// <summary>
    /// Other names texts give the same dimension (安全性 where the 2012 central guidance says 可控性): a finding recorded
    /// under one of them is a finding on this dimension.
    /// </summary>
    public IReadOnlyList<AnalysisDimension> AlsoCalled { get; init; } = [];

    public required string Source { get; init; }
}

public sealed record RiskLevelRule
{
    /// <summary>What the level means, in the words of the source ("most strongly object ...").</summary>
    public required LocalText Meaning { get; init; }

    /// <summary>The collective decisions this level allows.</summary>
    public required IReadOnlyList<CollectiveDecisionOutcome> Outcomes { get; init; }

    /// <summary>At this level, mitigation measures must be recorded and the risk rated again before the assessment goes on.</summary>
    public bool MitigateAndReRate { get; init; }

    /// <summary>Approving at this level needs an explanation of how the remaining objections are answered (做好解释说明).</summary>
    public bool ExplanationRequired { get; init; }

    public required string Source { get; init; }
}

/// <summary>Investment projects (重大投资项目) may be approved only at the levels listed.</summary>
public sealed record InvestmentProjectRule
{
    public required IReadOnlyList<RiskLevel> ApprovableAt { get; init; }

    public required string Source { get; init; }
}
