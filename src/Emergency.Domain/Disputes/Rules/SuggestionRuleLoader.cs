using Emergency.Domain.Calendar;
using Emergency.Domain.Rules;

namespace Emergency.Domain.Disputes.Rules;

/// <summary>Reads the suggestion and proposal rule sets (建议提案, <c>config/rules/suggestions</c>) with the same strictness.</summary>
public static class SuggestionRuleLoader
{
    public static SuggestionRuleCatalog Load(string directory, WorkingCalendar calendar, RuleOverrides? overrides = null, string jurisdiction = SuggestionRuleCatalog.National) =>
        new(RuleFiles.Parse<SuggestionRuleSet>(RuleFiles.Read(directory, "Rules:Directory"), overrides, Check), calendar, jurisdiction);

    public static SuggestionRuleCatalog Parse(
        IReadOnlyList<(string File, string Json)> sources, WorkingCalendar calendar, string? overrideFile = null, string? overrides = null, string jurisdiction = SuggestionRuleCatalog.National)
    {
        var patches = overrides is null ? null : RuleOverrides.Parse(overrideFile ?? "(overrides)", overrides);
        var catalog = new SuggestionRuleCatalog(RuleFiles.Parse<SuggestionRuleSet>(sources, patches, Check), calendar, jurisdiction);
        patches?.EnsureAllUsed(catalog.All.Select(r => r.Id));
        return catalog;
    }

    private static void Check(string file, SuggestionRuleSet rules)
    {
        LimitChecks.CheckHeader(file, rules);
        LimitChecks.CheckCounting(file, rules.Counting);
        LimitChecks.CheckSource(file, "limits.source", rules.Limits.Source);
        LimitChecks.CheckLimit(file, "limits.reply", rules.Limits.Reply);
        LimitChecks.CheckLimit(file, "limits.complexReply", rules.Limits.ComplexReply);
        LimitChecks.CheckLimit(file, "limits.wrongAssignment", rules.Limits.WrongAssignment);
        LimitChecks.CheckLimit(file, "limits.newReply", rules.Limits.NewReply);
    }
}
