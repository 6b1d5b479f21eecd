using Emergency.Domain.Calendar;
using Emergency.Domain.Rules;

namespace Emergency.Domain.Disputes.Rules;

/// <summary>
/// Reads the petition rule sets (one per file under <c>config/rules/petitions</c>) and applies a deployment's
/// overrides. Any problem stops the start with the file, the key and what is wrong.
/// </summary>
public static class PetitionRuleLoader
{
    private const int MaxClusterSize = 100_000;

    /// <summary>Loads every <c>*.json</c> file of <paramref name="directory"/>; the caller checks that every override was used.</summary>
    public static PetitionRuleCatalog Load(string directory, WorkingCalendar calendar, RuleOverrides? overrides = null, string jurisdiction = PetitionRuleCatalog.National) =>
        new(RuleFiles.Parse<PetitionRuleSet>(RuleFiles.Read(directory, "Rules:Directory"), overrides, Check), calendar, jurisdiction);

    /// <summary>Parses rule sets from text; <paramref name="overrides"/> maps a rule set id to a JSON merge patch (RFC 7396).</summary>
    public static PetitionRuleCatalog Parse(
        IReadOnlyList<(string File, string Json)> sources, WorkingCalendar calendar, string? overrideFile = null, string? overrides = null, string jurisdiction = PetitionRuleCatalog.National)
    {
        var patches = overrides is null ? null : RuleOverrides.Parse(overrideFile ?? "(overrides)", overrides);
        var catalog = new PetitionRuleCatalog(RuleFiles.Parse<PetitionRuleSet>(sources, patches, Check), calendar, jurisdiction);
        patches?.EnsureAllUsed(catalog.All.Select(r => r.Id));
        return catalog;
    }

    private static void Check(string file, PetitionRuleSet rules)
    {
        void Fail(string key, string problem) => throw new RuleSetException(file, key, problem);

        LimitChecks.CheckHeader(file, rules);
        LimitChecks.CheckCounting(file, rules.Counting);
        LimitChecks.CheckSource(file, "limits.source", rules.Limits.Source);
        var limits = rules.Limits;
        LimitChecks.CheckLimit(file, "limits.transfer", limits.Transfer);
        LimitChecks.CheckLimit(file, "limits.acceptance", limits.Acceptance);
        if (limits.WrongAssignment is { } wrong)
        {
            LimitChecks.CheckLimit(file, "limits.wrongAssignment", wrong);
        }

        LimitChecks.CheckLimit(file, "limits.reply", limits.Reply, mayExtend: true);
        LimitChecks.CheckLimit(file, "limits.review.request", limits.Review.Request);
        LimitChecks.CheckLimit(file, "limits.review.answer", limits.Review.Answer);
        if (limits.SecondReview is { } second)
        {
            LimitChecks.CheckLimit(file, "limits.secondReview.request", second.Request);
            LimitChecks.CheckLimit(file, "limits.secondReview.answer", second.Answer);
        }

        if (rules.Hotline12369 is { } hotline)
        {
            if (string.IsNullOrWhiteSpace(hotline.Principle))
            {
                Fail("hotline12369.principle", "must not be empty");
            }

            for (var i = 0; i < hotline.NotAcceptedGrounds.Count; i++)
            {
                if (!Enum.IsDefined(hotline.NotAcceptedGrounds[i]))
                {
                    Fail($"hotline12369.notAcceptedGrounds[{i}]", $"'{(int)hotline.NotAcceptedGrounds[i]}' is not a ground ({string.Join(", ", Enum.GetNames<NotAcceptedGround>())})");
                }
            }

            if (hotline.NotAcceptedGrounds.Distinct().Count() != hotline.NotAcceptedGrounds.Count)
            {
                Fail("hotline12369.notAcceptedGrounds", "names a ground twice");
            }

            if (string.IsNullOrWhiteSpace(hotline.Source))
            {
                Fail("hotline12369.source", "the hotline rules need their source");
            }
        }

        var warning = rules.EarlyWarning;
        if (warning.Complaints is < 2 or > MaxClusterSize)
        {
            Fail("earlyWarning.complaints", $"must be between 2 and {MaxClusterSize} (is {warning.Complaints}): one complaint is not a cluster");
        }

        if (warning.Window <= TimeSpan.Zero)
        {
            Fail("earlyWarning.window", "must be a positive duration such as \"P7D\"");
        }

        if (warning.RepeatLookback <= TimeSpan.Zero)
        {
            Fail("earlyWarning.repeatLookback", "must be a positive duration such as \"P365D\"");
        }

        if (string.IsNullOrWhiteSpace(warning.Basis))
        {
            Fail("earlyWarning.basis", "must not be empty");
        }

        if (string.IsNullOrWhiteSpace(warning.Source))
        {
            Fail("earlyWarning.source", "the early-warning rule needs its source");
        }
    }
}
