using Emergency.Domain.Rules;

namespace Emergency.Domain.Decisions;

/// <summary>The major decision rule sets (重大决策社会稳定风险评估) of a deployment.</summary>
public sealed class MajorDecisionRuleCatalog(IEnumerable<MajorDecisionRuleSet> ruleSets) : RuleCatalog<MajorDecisionRuleSet>(ruleSets, "major decision");
