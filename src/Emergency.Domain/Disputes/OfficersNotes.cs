using Emergency.Domain.Messages;

namespace Emergency.Domain.Disputes;

/// <summary>
/// What petition officers write about a case (the reasons of a decision, a handling result, notes) and the links
/// between one person's cases: a reason may name the person or their circumstances, and the links tell who keeps
/// coming back (重复信访), so both are for the officers who handle the case. Every other role's view, and the summary
/// every role's board receives, leaves them out: the procedure (phases, deadlines, outcomes) stays visible.
/// </summary>
public static class OfficersNotes
{
    /// <summary>Shown in place of an officer's words.</summary>
    public static readonly MessageCode NotShown = new("privacy.officersNotes.notShown");

    /// <summary>Arguments of timeline texts that carry an officer's words or case ids of the same person.</summary>
    private static readonly HashSet<string> FreeTextArgs = new(StringComparer.Ordinal) { "reason", "note", "cases" };

    /// <summary>The entry with the officer's words replaced; entries without any are returned as they are.</summary>
    public static DisputeTimelineEntry Omitted(DisputeTimelineEntry entry) =>
        entry.Text.Args.Any(a => FreeTextArgs.Contains(a.Key))
            ? entry with { Text = new Message(entry.Text.Code, [.. entry.Text.Args.Select(a => FreeTextArgs.Contains(a.Key) ? new KeyValuePair<string, Arg>(a.Key, Arg.Of(NotShown.With())) : a)]) }
            : entry;

    public static AcceptanceDecision? Omitted(AcceptanceDecision? acceptance) => acceptance is null ? null : acceptance with { Reason = acceptance.Reason is null ? null : DisputeViews.Redacted };

    public static WrongAssignmentReturn? Omitted(WrongAssignmentReturn? returned) => returned is null ? null : returned with { Reason = DisputeViews.Redacted };

    public static HandlingRecord? Omitted(HandlingRecord? handling) => handling is null ? null : handling with { Result = DisputeViews.Redacted };

    public static ReplyExtension Omitted(ReplyExtension extension) => extension with { Reason = DisputeViews.Redacted };

    public static ReviewRequest Omitted(ReviewRequest request) => request with { Note = request.Note is null ? null : DisputeViews.Redacted };

    public static SatisfactionRecord Omitted(SatisfactionRecord record) => record with { Note = record.Note is null ? null : DisputeViews.Redacted };
}
