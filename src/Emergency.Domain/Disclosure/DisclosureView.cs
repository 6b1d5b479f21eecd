using System.Text.Json.Serialization;
using Emergency.Domain.Disputes;

namespace Emergency.Domain.Disclosure;

/// <summary>
/// A request for government information as the disclosure office sees it at one moment. The applicant, the request's
/// words, the parties consulted and the answer letter are personal data: a view for a role that may not see them
/// carries none of them (<see cref="CalendarCaseView{TSelf}.PersonalDataRedacted"/>).
/// </summary>
public sealed record DisclosureView : CalendarCaseView<DisclosureView>
{
    public required DisclosureChannel Channel { get; init; }

    /// <summary>Null when the view is redacted.</summary>
    [PersonalData]
    public Applicant? Applicant { get; init; }

    [PersonalData]
    public required string Description { get; init; }

    public string? Form { get; init; }

    public required DisclosurePhase Phase { get; init; }

    /// <summary>The receipt the answer limit counts from: the request, or the corrected request.</summary>
    public required DateTimeOffset CountedFrom { get; init; }

    public DateTimeOffset? AcceptedAt { get; init; }

    public required IReadOnlyList<CorrectionRequest> Corrections { get; init; }

    public required IReadOnlyList<DisclosureExtension> Extensions { get; init; }

    public required IReadOnlyList<Consultation> Consultations { get; init; }

    public DisclosureAnswer? Answer { get; init; }
}

/// <summary>One line of the list of disclosure requests and the input of efficiency supervision; no personal data.</summary>
public sealed record DisclosureSummary : CalendarCaseSummary<DisclosureSummary>
{
    public required DisclosureChannel Channel { get; init; }

    public required DisclosurePhase Phase { get; init; }

    public required DateTimeOffset CountedFrom { get; init; }

    public required bool Extended { get; init; }

    public AnswerKind? AnswerKind { get; init; }

    public DateTimeOffset? AnsweredAt { get; init; }

    [JsonIgnore]
    public override bool IsClosed => Phase == DisclosurePhase.Closed;
}

/// <summary>Views and summaries are detached snapshots: lists are copied, so a grain can hand them out and go on.</summary>
public static class DisclosureViews
{
    public static DisclosureView View(this DisclosureRequest request, DateTimeOffset now, bool includePersonalData)
    {
        var s = request.State;
        return new DisclosureView
        {
            Channel = s.Channel,
            Applicant = includePersonalData ? s.Applicant : null,
            Description = includePersonalData ? s.Description : DisputeViews.Redacted,
            Form = s.Form,
            Phase = s.Phase,
            CountedFrom = s.CountedFrom,
            AcceptedAt = s.AcceptedAt,
            Corrections = [.. s.Corrections],
            Extensions = [.. s.Extensions],
            Consultations = includePersonalData ? [.. s.Consultations] : [.. s.Consultations.Select(c => c with { Party = DisputeViews.Redacted })],
            Answer = includePersonalData || s.Answer is null ? s.Answer : s.Answer with { Content = DisputeViews.Redacted },
        }.With(s, s.Timeline, request.AllowedMoves(now), now, includePersonalData);
    }

    public static DisclosureSummary Summary(this DisclosureRequest request, DateTimeOffset now)
    {
        var s = request.State;
        return new DisclosureSummary
        {
            Channel = s.Channel,
            Phase = s.Phase,
            CountedFrom = s.CountedFrom,
            Extended = s.Extensions.Count > 0,
            AnswerKind = s.Answer?.Kind,
            AnsweredAt = s.Answer?.At,
        }.With(s, DisputeViews.Alerts(s), now);
    }
}
