using System.Globalization;
using Emergency.Domain.Cases;
using Emergency.Domain.Disclosure;
using Emergency.Domain.Messages;

namespace Emergency.Domain.Disputes.Supervision;

/// <summary>
/// Efficiency supervision (效能监察) from published summaries, counted against "now": on-time acceptance and completion
/// rates per unit and period, the "three 100 %" of suggestions, and the overdue list.
/// <para>
/// An obligation belongs to the period in which its deadline falls (the first deadline that passed, if one did). It
/// counts once it is decided: done (on time or late) or overdue. One not yet due, or withdrawn with a wrong
/// assignment, is left out. It counts for the unit answerable for it: the receiving unit for acceptance, the
/// assigned unit for the reply.
/// </para>
/// </summary>
public static class EfficiencySupervision
{
    /// <summary>
    /// On-time acceptance (受理告知) and completion (办结答复) per unit and period, petitions and suggestions together, and
    /// the answers to disclosure requests (依申请公开) on their own.
    /// </summary>
    public static IReadOnlyList<UnitPeriodRates> Rates(
        IEnumerable<DisputeSummary> disputes, IEnumerable<SuggestionSummary> suggestions, SupervisionPeriod period, DateTimeOffset now, TimeSpan utcOffset,
        IEnumerable<DisclosureSummary>? disclosures = null)
    {
        var obligations = disputes.SelectMany(d => d.Obligations).Concat(suggestions.SelectMany(s => s.Obligations))
            .Concat((disclosures ?? []).SelectMany(r => r.Obligations))
            .Select(o => o.AsOf(now))
            .Where(o => o.Kind is DisputeObligationKind.Acceptance or DisputeObligationKind.Reply or DisputeObligationKind.DisclosureAnswer && IsDecided(o))
            .ToList();
        return
        [
            .. obligations
                .GroupBy(o => (o.Unit, Period: Label(o.EffectiveDeadline, period, utcOffset)))
                .OrderBy(g => g.Key.Unit, StringComparer.Ordinal).ThenBy(g => g.Key.Period, StringComparer.Ordinal)
                .Select(g =>
                {
                    var acceptance = g.Where(o => o.Kind == DisputeObligationKind.Acceptance).ToList();
                    var completion = g.Where(o => o.Kind == DisputeObligationKind.Reply).ToList();
                    var disclosure = g.Where(o => o.Kind == DisputeObligationKind.DisclosureAnswer).ToList();
                    return new UnitPeriodRates
                    {
                        Unit = g.Key.Unit,
                        Period = g.Key.Period,
                        AcceptanceCounted = acceptance.Count,
                        AcceptedOnTime = acceptance.Count(IsOnTime),
                        CompletionCounted = completion.Count,
                        CompletedOnTime = completion.Count(IsOnTime),
                        DisclosureCounted = disclosure.Count,
                        AnsweredOnTime = disclosure.Count(IsOnTime),
                    };
                }),
        ];
    }

    /// <summary>
    /// The "three 100 %" of suggestions per assigned unit and period of the reply deadline: communication with the
    /// deputy before the reply, the reply on time, the deputy satisfied (basically satisfied counts).
    /// </summary>
    public static IReadOnlyList<ThreeHundredPercent> ThreeHundredPercent(
        IEnumerable<SuggestionSummary> suggestions, SupervisionPeriod period, DateTimeOffset now, TimeSpan utcOffset) =>
    [
        .. suggestions
            .Select(s => (Summary: s, Reply: s.Obligations.LastOrDefault(o => o.Kind == DisputeObligationKind.Reply && o.WithdrawnAt is null)?.AsOf(now)))
            .Where(x => x.Reply is not null)
            .GroupBy(x => (Unit: x.Summary.AssignedUnit ?? x.Summary.Unit, Period: Label(x.Reply!.EffectiveDeadline, period, utcOffset)))
            .OrderBy(g => g.Key.Unit, StringComparer.Ordinal).ThenBy(g => g.Key.Period, StringComparer.Ordinal)
            .Select(g => new ThreeHundredPercent
            {
                Unit = g.Key.Unit,
                Period = g.Key.Period,
                Replied = g.Count(x => x.Summary.FirstReplyAt is not null),
                CommunicatedBeforeReply = g.Count(x => x.Summary.CommunicatedBeforeReply == true),
                RepliesCounted = g.Count(x => IsDecided(x.Reply!)),
                RepliedOnTime = g.Count(x => IsOnTime(x.Reply!)),
                SatisfactionRecorded = g.Count(x => x.Summary.Satisfaction is not null),
                Satisfied = g.Count(x => x.Summary.Satisfaction is Satisfaction.Satisfied or Satisfaction.BasicallySatisfied),
            }),
    ];

    /// <summary>Every open obligation past its deadline at <paramref name="now"/>, the longest overdue first.</summary>
    public static IReadOnlyList<OverdueItem> Overdue(
        IEnumerable<DisputeSummary> disputes, IEnumerable<SuggestionSummary> suggestions, DateTimeOffset now, IEnumerable<DisclosureSummary>? disclosures = null) =>
    [
        .. disputes.SelectMany(d => d.Obligations.Select(o => (d.Id, Case: CaseKind.Petition, Obligation: o.AsOf(now))))
            .Concat(suggestions.SelectMany(s => s.Obligations.Select(o => (s.Id, Case: CaseKind.Suggestion, Obligation: o.AsOf(now)))))
            .Concat((disclosures ?? []).SelectMany(r => r.Obligations.Select(o => (r.Id, Case: CaseKind.Disclosure, Obligation: o.AsOf(now)))))
            .Where(x => x.Obligation.Status == ObligationStatus.Overdue)
            .OrderByDescending(x => x.Obligation.OverdueBy).ThenBy(x => x.Id, StringComparer.Ordinal)
            .Select(x => new OverdueItem
            {
                CaseId = x.Id,
                Case = x.Case,
                Unit = x.Obligation.Unit,
                Obligation = x.Obligation.Id,
                Kind = x.Obligation.Kind,
                Title = x.Obligation.Title,
                DueAt = x.Obligation.EffectiveDeadline,
                OverdueBy = x.Obligation.OverdueBy!.Value,
            }),
    ];

    /// <summary>"2024-03", "2024-Q1" or "2024", of the day a moment falls on where the limits are counted.</summary>
    public static string Label(DateTimeOffset moment, SupervisionPeriod period, TimeSpan utcOffset)
    {
        // A deadline at 24:00 belongs to the day that ends there.
        var local = moment.ToOffset(utcOffset).AddTicks(-1);
        return period switch
        {
            SupervisionPeriod.Month => local.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            SupervisionPeriod.Quarter => $"{local.Year}-Q{((local.Month - 1) / 3) + 1}",
            _ => local.Year.ToString(CultureInfo.InvariantCulture),
        };
    }

    private static bool IsDecided(DisputeObligationView o) =>
        o.Status is ObligationStatus.Completed or ObligationStatus.CompletedLate or ObligationStatus.Overdue;

    private static bool IsOnTime(DisputeObligationView o) => o.Status == ObligationStatus.Completed;
}

public enum SupervisionPeriod
{
    Month,
    Quarter,
    Year,
}

public enum CaseKind
{
    Petition,
    Suggestion,

    /// <summary>依申请公开 — a request for government information.</summary>
    Disclosure,
}

/// <summary>One unit in one period: how many acceptance decisions, replies and disclosure answers were due, and how many were on time.</summary>
public sealed record UnitPeriodRates
{
    public required string Unit { get; init; }

    public required string Period { get; init; }

    public required int AcceptanceCounted { get; init; }

    public required int AcceptedOnTime { get; init; }

    public required int CompletionCounted { get; init; }

    public required int CompletedOnTime { get; init; }

    /// <summary>Share on time (0 to 1), or null when nothing was due.</summary>
    public decimal? AcceptanceRate => Rate(AcceptedOnTime, AcceptanceCounted);

    public decimal? CompletionRate => Rate(CompletedOnTime, CompletionCounted);

    /// <summary>Answers to disclosure requests that were due (依申请公开答复); counted apart from petitions.</summary>
    public int DisclosureCounted { get; init; }

    public int AnsweredOnTime { get; init; }

    public decimal? DisclosureRate => Rate(AnsweredOnTime, DisclosureCounted);

    internal static decimal? Rate(int part, int whole) => whole == 0 ? null : Math.Round((decimal)part / whole, 4);
}

/// <summary>The "three 100 %" of one unit in one period.</summary>
public sealed record ThreeHundredPercent
{
    public required string Unit { get; init; }

    public required string Period { get; init; }

    public required int Replied { get; init; }

    public required int CommunicatedBeforeReply { get; init; }

    public required int RepliesCounted { get; init; }

    public required int RepliedOnTime { get; init; }

    public required int SatisfactionRecorded { get; init; }

    /// <summary>Satisfied or basically satisfied.</summary>
    public required int Satisfied { get; init; }

    public decimal? CommunicationRate => UnitPeriodRates.Rate(CommunicatedBeforeReply, Replied);

    public decimal? OnTimeRate => UnitPeriodRates.Rate(RepliedOnTime, RepliesCounted);

    public decimal? SatisfactionRate => UnitPeriodRates.Rate(Satisfied, SatisfactionRecorded);
}

/// <summary>One line of the overdue list.</summary>
public sealed record OverdueItem
{
    public required string CaseId { get; init; }

    public required CaseKind Case { get; init; }

    public required string Unit { get; init; }

    public required string Obligation { get; init; }

    public required DisputeObligationKind Kind { get; init; }

    public required Message Title { get; init; }

    public required DateTimeOffset DueAt { get; init; }

    public required TimeSpan OverdueBy { get; init; }
}
