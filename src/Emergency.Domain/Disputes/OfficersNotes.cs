using Emergency.Domain.Cases;
using Emergency.Domain.Messages;

namespace Emergency.Domain.Disputes;

/// <summary>
/// What petition officers write about a case (the reasons of a decision, a handling result, notes) and the links
/// between one person's cases: a reason may name the person or their circumstances, and the links tell who keeps
/// coming back (重复信访), so both are for the officers who handle the case. Every other role's view, and the summary
/// every role's board receives, leaves them out: the procedure (phases, deadlines, outcomes) stays visible. The same
/// holds for suggestions (建议提案): why an item is complex, why an assignment was sent back, the notes of contacts
/// with the deputy and of the deputy's satisfaction.
/// </summary>
public static class OfficersNotes
{
    /// <summary>Shown in place of an officer's words.</summary>
    public static readonly MessageCode NotShown = new("privacy.officersNotes.notShown");

    /// <summary>Arguments of timeline texts that carry an officer's words or case ids of the same person.</summary>
    private static readonly HashSet<string> FreeTextArgs = new(StringComparer.Ordinal) { "reason", "note", "cases" };

    /// <summary>The entry with the officer's words replaced; entries without any are returned as they are.</summary>
    public static TimelineEntry<DisputeTimelineKind> Omitted(TimelineEntry<DisputeTimelineKind> entry) => Replaced(entry, NotShown.With());

    /// <summary>The entry with each argument that carries an officer's words or a person's cases replaced by <paramref name="instead"/>.</summary>
    internal static TimelineEntry<DisputeTimelineKind> Replaced(TimelineEntry<DisputeTimelineKind> entry, Message instead) =>
        entry.Text.Args.Any(a => IsFreeText(entry.Text, a.Key))
            ? entry with { Text = new Message(entry.Text.Code, [.. entry.Text.Args.Select(a => IsFreeText(entry.Text, a.Key) ? new KeyValuePair<string, Arg>(a.Key, Arg.Of(instead)) : a)]) }
            : entry;

    /// <summary>
    /// An argument in officers' words: a reason, a note, the cases of the same person, and why a suggestion is complex
    /// (elsewhere "because" is one of the engine's own fixed reasons, and stays).
    /// </summary>
    private static bool IsFreeText(Message text, string arg) =>
        FreeTextArgs.Contains(arg) || (arg == "because" && text.Code == SuggestionTexts.Complex.Code);

    public static SuggestionAssignment Omitted(SuggestionAssignment assignment) => assignment with
    {
        ComplexBecause = assignment.ComplexBecause is null ? null : DisputeViews.Redacted,
        Returned = Omitted(assignment.Returned),
    };

    public static Communication Omitted(Communication communication) => communication with { Note = communication.Note is null ? null : DisputeViews.Redacted };

    public static AcceptanceDecision? Omitted(AcceptanceDecision? acceptance) => acceptance is null ? null : acceptance with { Reason = acceptance.Reason is null ? null : DisputeViews.Redacted };

    public static WrongAssignmentReturn? Omitted(WrongAssignmentReturn? returned) => returned is null ? null : returned with { Reason = DisputeViews.Redacted };

    public static HandlingRecord? Omitted(HandlingRecord? handling) => handling is null ? null : handling with { Result = DisputeViews.Redacted };

    public static ReplyExtension Omitted(ReplyExtension extension) => extension with { Reason = DisputeViews.Redacted };

    public static ReviewRequest Omitted(ReviewRequest request) => request with { Note = request.Note is null ? null : DisputeViews.Redacted };

    public static SatisfactionRecord Omitted(SatisfactionRecord record) => record with { Note = record.Note is null ? null : DisputeViews.Redacted };
}
