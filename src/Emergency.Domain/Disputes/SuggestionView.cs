using System.Text.Json.Serialization;

namespace Emergency.Domain.Disputes;

/// <summary>
/// A suggestion or proposal as the assigning office sees it at one moment. The deputy's contact, the letters to the
/// deputy and the officers' words (<see cref="OfficersNotes"/>) are for petition officers only.
/// </summary>
public sealed record SuggestionView : CalendarCaseView<SuggestionView>
{
    public required SuggestionKind Kind { get; init; }

    public string? Number { get; init; }

    public required string Title { get; init; }

    public required string DeputyName { get; init; }

    /// <summary>Null when the view is redacted.</summary>
    [PersonalData]
    public string? DeputyContact { get; init; }

    public required string Content { get; init; }

    public required SuggestionPhase Phase { get; init; }

    public required IReadOnlyList<SuggestionAssignment> Assignments { get; init; }

    public required IReadOnlyList<Communication> Communications { get; init; }

    public required IReadOnlyList<Answer> Answers { get; init; }

    public required IReadOnlyList<SatisfactionRecord> Satisfactions { get; init; }

    /// <summary>When the engine erased the personal data, a configured time after closure (docs/security.md); null before.</summary>
    public DateTimeOffset? PersonalDataPurgedAt { get; init; }
}

/// <summary>One line of the suggestions list and the input of the "three 100 %"; no personal data.</summary>
public sealed record SuggestionSummary : CalendarCaseSummary<SuggestionSummary>
{
    public required SuggestionKind Kind { get; init; }

    public string? Number { get; init; }

    public required string Title { get; init; }

    /// <summary>Deputies and members act in public: their names are not personal data here, their contacts are.</summary>
    public required string DeputyName { get; init; }

    public required SuggestionPhase Phase { get; init; }

    public string? AssignedUnit { get; init; }

    public required bool Complex { get; init; }

    public DateTimeOffset? FirstReplyAt { get; init; }

    /// <summary>A communication with the deputy was recorded before the first reply; null before any reply.</summary>
    public bool? CommunicatedBeforeReply { get; init; }

    /// <summary>The deputy's satisfaction with the latest answer, if recorded.</summary>
    public Satisfaction? Satisfaction { get; init; }

    [JsonIgnore]
    public override bool IsClosed => Phase == SuggestionPhase.Closed;
}

/// <summary>
/// Views and summaries are detached snapshots: they share no mutable object with the state (lists are copied), so a
/// grain can hand them out by reference and go on changing its state.
/// </summary>
public static class SuggestionViews
{
    public static SuggestionView View(this Suggestion suggestion, DateTimeOffset now, bool includePersonalData)
    {
        var s = suggestion.State;
        return new SuggestionView
        {
            Kind = s.Kind,
            Number = s.Number,
            Title = s.Title,
            DeputyName = s.Deputy.Name,
            DeputyContact = includePersonalData ? s.Deputy.Contact : null,
            Content = s.Content,
            Phase = s.Phase,
            Assignments = includePersonalData ? [.. s.Assignments] : [.. s.Assignments.Select(OfficersNotes.Omitted)],
            Communications = includePersonalData ? [.. s.Communications] : [.. s.Communications.Select(OfficersNotes.Omitted)],
            Answers = includePersonalData ? [.. s.Answers] : [.. s.Answers.Select(a => a with { Content = DisputeViews.Redacted })],
            Satisfactions = includePersonalData ? [.. s.Satisfactions] : [.. s.Satisfactions.Select(OfficersNotes.Omitted)],
            PersonalDataPurgedAt = s.PersonalDataPurgedAt,
        }.With(s, DisputeViews.Timeline(s, includePersonalData), suggestion.AllowedMoves(now), now, includePersonalData);
    }

    public static SuggestionSummary Summary(this Suggestion suggestion, DateTimeOffset now)
    {
        var s = suggestion.State;
        var firstReply = s.Answers.FirstOrDefault()?.At;
        return new SuggestionSummary
        {
            Kind = s.Kind,
            Number = s.Number,
            Title = s.Title,
            DeputyName = s.Deputy.Name,
            Phase = s.Phase,
            AssignedUnit = suggestion.Assignment?.Points.Unit,
            Complex = suggestion.Assignment?.Complex ?? false,
            FirstReplyAt = firstReply,
            CommunicatedBeforeReply = firstReply is { } replied ? s.Communications.Any(c => c.At <= replied) : null,
            Satisfaction = s.Satisfactions.LastOrDefault()?.Satisfaction,
        }.With(s, DisputeViews.Alerts(s), now);
    }
}
