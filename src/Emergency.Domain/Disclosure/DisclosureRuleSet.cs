using Emergency.Domain.Calendar;
using Emergency.Domain.Disputes.Rules;
using Emergency.Domain.Rules;

namespace Emergency.Domain.Disclosure;

/// <summary>
/// The limits of disclosure on request (依申请公开), versioned like the petition rules and chosen by the moment the
/// request was received. Every value carries its source.
/// </summary>
public sealed record DisclosureRuleSet : VersionedRuleSet
{
    public required DisclosureLimits Limits { get; init; }

    /// <summary>When a request counts as received, by channel: the officer enters that moment as the receipt.</summary>
    public required DisclosureReceipt Receipt { get; init; }
}

public sealed record DisclosureLimits
{
    public required string Source { get; init; }

    /// <summary>答复: from receipt (or receipt of the corrected request), with the extension the office head may approve.</summary>
    public required Limit Answer { get; init; }

    /// <summary>补正告知: the time in which an unclear request may be sent back for correction, from receipt.</summary>
    public required Limit CorrectionNotice { get; init; }

    /// <summary>补正期限: the applicant's time to correct when the officer names none ("a reasonable period").</summary>
    public required Limit ApplicantCorrection { get; init; }

    /// <summary>征求意见: a third party's time to give its opinion; the consultation does not count toward the answer.</summary>
    public required Limit Consultation { get; init; }
}

/// <summary>When a request counts as received (收到申请之日), by channel, each with its source.</summary>
public sealed record DisclosureReceipt
{
    /// <summary>当面提交.</summary>
    public required string InPerson { get; init; }

    /// <summary>邮寄: signed for, or confirmed with the applicant when the letter needs no signature.</summary>
    public required string Post { get; init; }

    /// <summary>互联网渠道或传真: the day both sides confirm.</summary>
    public required string Online { get; init; }

    public string For(DisclosureChannel channel) => channel switch
    {
        DisclosureChannel.InPerson => InPerson,
        DisclosureChannel.Post => Post,
        _ => Online,
    };
}

/// <summary>The disclosure rule sets of a deployment (政府信息公开).</summary>
public sealed class DisclosureRuleCatalog(IEnumerable<DisclosureRuleSet> ruleSets, WorkingCalendar calendar, string jurisdiction = VersionedRuleCatalog<DisclosureRuleSet>.National)
    : VersionedRuleCatalog<DisclosureRuleSet>(ruleSets, calendar, jurisdiction, "disclosure");

/// <summary>Reads the disclosure rule sets (<c>config/rules/disclosure</c>) with the strictness of the petition rules.</summary>
public static class DisclosureRuleLoader
{
    public static DisclosureRuleCatalog Load(string directory, WorkingCalendar calendar, RuleOverrides? overrides = null, string jurisdiction = DisclosureRuleCatalog.National) =>
        new(RuleFiles.Parse<DisclosureRuleSet>(RuleFiles.Read(directory, "Rules:Directory"), overrides, Check), calendar, jurisdiction);

    public static DisclosureRuleCatalog Parse(IReadOnlyList<(string File, string Json)> sources, WorkingCalendar calendar) =>
        new(RuleFiles.Parse<DisclosureRuleSet>(sources, null, Check), calendar);

    private static void Check(string file, DisclosureRuleSet rules)
    {
        LimitChecks.CheckHeader(file, rules);
        LimitChecks.CheckCounting(file, rules.Counting);
        LimitChecks.CheckSource(file, "limits.source", rules.Limits.Source);
        LimitChecks.CheckLimit(file, "limits.answer", rules.Limits.Answer, mayExtend: true);
        LimitChecks.CheckLimit(file, "limits.correctionNotice", rules.Limits.CorrectionNotice);
        LimitChecks.CheckLimit(file, "limits.applicantCorrection", rules.Limits.ApplicantCorrection);
        LimitChecks.CheckLimit(file, "limits.consultation", rules.Limits.Consultation);
        LimitChecks.CheckSource(file, "receipt.inPerson", rules.Receipt.InPerson);
        LimitChecks.CheckSource(file, "receipt.post", rules.Receipt.Post);
        LimitChecks.CheckSource(file, "receipt.online", rules.Receipt.Online);
    }
}
