using System.Text.Json.Serialization;
using Emergency.Domain.Cases;
using Emergency.Domain.Disputes;

namespace Emergency.Domain.Disclosure;

/// <summary>
/// A request for government information as the disclosure office sees it at one moment. The applicant, the request's
/// words, the parties consulted and the answer letter are personal data: a view for a role that may not see them
/// carries none of them (<see cref="PersonalDataRedacted"/>).
/// </summary>
public sealed partial record DisclosureView
{
    public required string Id { get; init; }

    public required string Scope { get; init; }

    public required DisclosureChannel Channel { get; init; }

    /// <summary>Null when the view is redacted.</summary>
    [PersonalData]
    public Applicant? Applicant { get; init; }

    [PersonalData]
    public required string Description { get; init; }

    public required bool PersonalDataRedacted { get; init; }

    public string? Form { get; init; }

    public required DisclosurePhase Phase { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The receipt the answer limit counts from: the request, or the corrected request.</summary>
    public required DateTimeOffset CountedFrom { get; init; }

    public required string RuleSetId { get; init; }

    public required string Unit { get; init; }

    public DateTimeOffset? AcceptedAt { get; init; }

    public required IReadOnlyList<CorrectionRequest> Corrections { get; init; }

    public required IReadOnlyList<DisclosureExtension> Extensions { get; init; }

    public required IReadOnlyList<Consultation> Consultations { get; init; }

    public DisclosureAnswer? Answer { get; init; }

    public required IReadOnlyList<DisputeObligationView> Obligations { get; init; }

    public required IReadOnlyList<WindowView> Windows { get; init; }

    public required IReadOnlyList<DisputeTimelineEntry> Timeline { get; init; }

    public required IReadOnlyList<string> AllowedMoves { get; init; }

    public required long Version { get; init; }

    public required DateTimeOffset AsOf { get; init; }
}

/// <summary>One line of the list of disclosure requests and the input of efficiency supervision; no personal data.</summary>
public sealed record DisclosureSummary : ICaseSummary
{
    public required string Id { get; init; }

    public required string Scope { get; init; }

    public required DisclosureChannel Channel { get; init; }

    public required DisclosurePhase Phase { get; init; }

    public required string Unit { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    public required DateTimeOffset CountedFrom { get; init; }

    public required string RuleSetId { get; init; }

    public DateTimeOffset? NextDueAt { get; init; }

    public required bool Overdue { get; init; }

    public required bool Extended { get; init; }

    public AnswerKind? AnswerKind { get; init; }

    public DateTimeOffset? AnsweredAt { get; init; }

    public required IReadOnlyList<DisputeObligationView> Obligations { get; init; }

    public required IReadOnlyList<WindowView> Windows { get; init; }

    public required IReadOnlyList<DisputeTimelineEntry> Alerts { get; init; }

    public required long Version { get; init; }

    [JsonIgnore]
    public bool IsClosed => Phase == DisclosurePhase.Closed;

    public DisclosureSummary AsOf(DateTimeOffset now)
    {
        var obligations = Obligations.Select(o => o.AsOf(now)).ToList();
        return this with { Obligations = obligations, Overdue = obligations.Any(o => o.Status == DisputeObligationStatus.Overdue) };
    }
}

/// <summary>Views and summaries are detached snapshots: lists are copied, so a grain can hand them out and go on.</summary>
public static class DisclosureViews
{
    public static DisclosureView View(this DisclosureRequest request, DateTimeOffset now, bool includePersonalData)
    {
        var s = request.State;
        return new DisclosureView
        {
            Id = s.Id,
            Scope = s.Scope,
            Channel = s.Channel,
            Applicant = includePersonalData ? s.Applicant : null,
            Description = includePersonalData ? s.Description : DisputeViews.Redacted,
            PersonalDataRedacted = !includePersonalData,
            Form = s.Form,
            Phase = s.Phase,
            ReceivedAt = s.ReceivedAt,
            CountedFrom = s.CountedFrom,
            RuleSetId = s.RuleSetId,
            Unit = s.Unit,
            AcceptedAt = s.AcceptedAt,
            Corrections = [.. s.Corrections],
            Extensions = [.. s.Extensions],
            Consultations = includePersonalData ? [.. s.Consultations] : [.. s.Consultations.Select(c => c with { Party = DisputeViews.Redacted })],
            Answer = includePersonalData || s.Answer is null ? s.Answer : s.Answer with { Content = DisputeViews.Redacted },
            Obligations = [.. s.Obligations.Select(o => DisputeObligationView.Of(o, now))],
            Windows = [.. s.Windows.Select(w => WindowView.Of(w, now))],
            Timeline = [.. s.Timeline],
            AllowedMoves = request.AllowedMoves(now),
            Version = s.Version,
            AsOf = now,
        };
    }

    public static DisclosureSummary Summary(this DisclosureRequest request, DateTimeOffset now)
    {
        var s = request.State;
        var obligations = s.Obligations.Select(o => DisputeObligationView.Of(o, now)).ToList();
        return new DisclosureSummary
        {
            Id = s.Id,
            Scope = s.Scope,
            Channel = s.Channel,
            Phase = s.Phase,
            Unit = s.Unit,
            ReceivedAt = s.ReceivedAt,
            CountedFrom = s.CountedFrom,
            RuleSetId = s.RuleSetId,
            NextDueAt = s.Obligations.Where(o => o.IsOpen).Select(o => (DateTimeOffset?)o.EffectiveDeadline).Min(),
            Overdue = obligations.Any(o => o.Status == DisputeObligationStatus.Overdue),
            Extended = s.Extensions.Count > 0,
            AnswerKind = s.Answer?.Kind,
            AnsweredAt = s.Answer?.At,
            Obligations = obligations,
            Windows = [.. s.Windows.Select(w => WindowView.Of(w, now))],
            Alerts = [.. DisputeViews.Alerts(s)],
            Version = s.Version,
        };
    }
}
