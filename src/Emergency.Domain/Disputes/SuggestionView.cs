using System.Text.Json.Serialization;
using Emergency.Domain.Cases;

namespace Emergency.Domain.Disputes;

/// <summary>
/// A suggestion or proposal as the assigning office sees it at one moment. The deputy's contact, the letters to the
/// deputy and the officers' words (<see cref="OfficersNotes"/>) are for petition officers only.
/// </summary>
public sealed partial record SuggestionView
{
    public required string Id { get; init; }

    public required string Scope { get; init; }

    public required SuggestionKind Kind { get; init; }

    public string? Number { get; init; }

    public required string Title { get; init; }

    public required string DeputyName { get; init; }

    /// <summary>Null when the view is redacted.</summary>
    [PersonalData]
    public string? DeputyContact { get; init; }

    public required bool PersonalDataRedacted { get; init; }

    public required string Content { get; init; }

    public required SuggestionPhase Phase { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    public required string RuleSetId { get; init; }

    public required string Unit { get; init; }

    public required IReadOnlyList<SuggestionAssignment> Assignments { get; init; }

    public required IReadOnlyList<Communication> Communications { get; init; }

    public required IReadOnlyList<Answer> Answers { get; init; }

    public required IReadOnlyList<SatisfactionRecord> Satisfactions { get; init; }

    public required IReadOnlyList<DisputeObligationView> Obligations { get; init; }

    public required IReadOnlyList<WindowView> Windows { get; init; }

    public required IReadOnlyList<DisputeTimelineEntry> Timeline { get; init; }

    public required IReadOnlyList<string> AllowedMoves { get; init; }

    /// <summary>When the engine erased the personal data, a configured time after closure (docs/security.md); null before.</summary>
    public DateTimeOffset? PersonalDataPurgedAt { get; init; }

    public required long Version { get; init; }

    public required DateTimeOffset AsOf { get; init; }
}

/// <summary>One line of the suggestions list and the input of the "three 100 %"; no personal data.</summary>
public sealed record SuggestionSummary : ICaseSummary
{
    public required string Id { get; init; }

    public required string Scope { get; init; }

    public required SuggestionKind Kind { get; init; }

    public string? Number { get; init; }

    public required string Title { get; init; }

    /// <summary>Deputies and members act in public: their names are not personal data here, their contacts are.</summary>
    public required string DeputyName { get; init; }

    public required SuggestionPhase Phase { get; init; }

    public required string Unit { get; init; }

    public string? AssignedUnit { get; init; }

    public required bool Complex { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    public required string RuleSetId { get; init; }

    public DateTimeOffset? NextDueAt { get; init; }

    public required bool Overdue { get; init; }

    public DateTimeOffset? FirstReplyAt { get; init; }

    /// <summary>A communication with the deputy was recorded before the first reply; null before any reply.</summary>
    public bool? CommunicatedBeforeReply { get; init; }

    /// <summary>The deputy's satisfaction with the latest answer, if recorded.</summary>
    public Satisfaction? Satisfaction { get; init; }

    public required IReadOnlyList<DisputeObligationView> Obligations { get; init; }

    public required IReadOnlyList<WindowView> Windows { get; init; }

    public required IReadOnlyList<DisputeTimelineEntry> Alerts { get; init; }

    public required long Version { get; init; }

    [JsonIgnore]
    public bool IsClosed => Phase == SuggestionPhase.Closed;

    public SuggestionSummary AsOf(DateTimeOffset now)
    {
        var obligations = Obligations.Select(o => o.AsOf(now)).ToList();
        return this with { Obligations = obligations, Overdue = obligations.Any(o => o.Status == DisputeObligationStatus.Overdue) };
    }
}

/// <summary>
/// Views and summaries are detached snapshots: they share no mutable object with the state (lists are copied), so a
/// grain can hand them out by reference and go on changing its state.
/// </summary>
public static class SuggestionViews
{
    private static readonly DisputeTimelineKind[] AlertKinds =
        [DisputeTimelineKind.ObligationOverdue, DisputeTimelineKind.WindowLapsed, DisputeTimelineKind.ObligationWithdrawn];

    public static SuggestionView View(this Suggestion suggestion, DateTimeOffset now, bool includePersonalData)
    {
        var s = suggestion.State;
        return new SuggestionView
        {
            Id = s.Id,
            Scope = s.Scope,
            Kind = s.Kind,
            Number = s.Number,
            Title = s.Title,
            DeputyName = s.Deputy.Name,
            DeputyContact = includePersonalData ? s.Deputy.Contact : null,
            PersonalDataRedacted = !includePersonalData,
            Content = s.Content,
            Phase = s.Phase,
            ReceivedAt = s.ReceivedAt,
            RuleSetId = s.RuleSetId,
            Unit = s.Unit,
            Assignments = includePersonalData ? [.. s.Assignments] : [.. s.Assignments.Select(OfficersNotes.Omitted)],
            Communications = includePersonalData ? [.. s.Communications] : [.. s.Communications.Select(OfficersNotes.Omitted)],
            Answers = includePersonalData ? [.. s.Answers] : [.. s.Answers.Select(a => a with { Content = DisputeViews.Redacted })],
            Satisfactions = includePersonalData ? [.. s.Satisfactions] : [.. s.Satisfactions.Select(OfficersNotes.Omitted)],
            Obligations = [.. s.Obligations.Select(o => DisputeObligationView.Of(o, now))],
            Windows = [.. s.Windows.Select(w => WindowView.Of(w, now))],
            Timeline = includePersonalData ? [.. s.Timeline] : [.. s.Timeline.Select(OfficersNotes.Omitted)],
            AllowedMoves = suggestion.AllowedMoves(now),
            PersonalDataPurgedAt = s.PersonalDataPurgedAt,
            Version = s.Version,
            AsOf = now,
        };
    }

    public static SuggestionSummary Summary(this Suggestion suggestion, DateTimeOffset now)
    {
        var s = suggestion.State;
        var obligations = s.Obligations.Select(o => DisputeObligationView.Of(o, now)).ToList();
        var firstReply = s.Answers.FirstOrDefault()?.At;
        return new SuggestionSummary
        {
            Id = s.Id,
            Scope = s.Scope,
            Kind = s.Kind,
            Number = s.Number,
            Title = s.Title,
            DeputyName = s.Deputy.Name,
            Phase = s.Phase,
            Unit = s.Unit,
            AssignedUnit = suggestion.Assignment?.Points.Unit,
            Complex = suggestion.Assignment?.Complex ?? false,
            ReceivedAt = s.ReceivedAt,
            RuleSetId = s.RuleSetId,
            NextDueAt = s.Obligations.Where(o => o.IsOpen).Select(o => (DateTimeOffset?)o.EffectiveDeadline).Min(),
            Overdue = obligations.Any(o => o.Status == DisputeObligationStatus.Overdue),
            FirstReplyAt = firstReply,
            CommunicatedBeforeReply = firstReply is { } replied ? s.Communications.Any(c => c.At <= replied) : null,
            Satisfaction = s.Satisfactions.LastOrDefault()?.Satisfaction,
            Obligations = obligations,
            Windows = [.. s.Windows.Select(w => WindowView.Of(w, now))],
            Alerts = [.. s.Timeline.Where(e => AlertKinds.Contains(e.Kind)).Reverse().Take(DisputeViews.AlertsPerCase).Select(OfficersNotes.Omitted)],
            Version = s.Version,
        };
    }
}
