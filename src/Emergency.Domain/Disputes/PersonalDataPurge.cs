using Emergency.Domain.Messages;

namespace Emergency.Domain.Disputes;

/// <summary>
/// What petitions and suggestions erase alike when their personal data is purged (<see cref="Cases.IHoldsPersonalData"/>):
/// the letters addressed to the person, the officers' notes, and the arguments of timeline entries that carry
/// officers' words or the same person's cases. Text fields become empty, not a marker: the view says when and why
/// (<c>personalDataPurgedAt</c>), in the reader's language. A timeline entry keeps its kind, its times, its actor and
/// its other arguments: this is the one change the timeline ever undergoes.
/// </summary>
public static class PersonalDataPurge
{
    /// <summary>Shown in the timeline in place of an erased argument.</summary>
    public static readonly MessageCode Erased = new("privacy.purge.erased");

    /// <summary>The timeline's note of the purge.</summary>
    public static readonly MessageCode Purged = new("privacy.purge.done", "closedAt", "after");

    /// <summary>When a case in <paramref name="closed"/> phase closed: the engine's record of its closing move.</summary>
    internal static DateTimeOffset? ClosedAt(CaseState state, bool closed) =>
        closed ? state.Timeline.LastOrDefault(e => e.Kind == DisputeTimelineKind.Closed)?.RecordedAt : null;

    internal static List<Answer> Emptied(List<Answer> answers) => [.. answers.Select(a => a with { Content = "" })];

    internal static List<SatisfactionRecord> Emptied(List<SatisfactionRecord> records) => [.. records.Select(r => r with { Note = Empty(r.Note) })];

    internal static WrongAssignmentReturn? Emptied(WrongAssignmentReturn? returned) => returned is null ? null : returned with { Reason = "" };

    /// <summary>Empty where there were words, null where there were none.</summary>
    internal static string? Empty(string? text) => text is null ? null : "";

    /// <summary>The part every kind shares: completion notes, the timeline's officers' words, the mark, the note and the version.</summary>
    internal static void Finish(CaseState state, Procedure procedure, DateTimeOffset closedAt, TimeSpan retention, DateTimeOffset now)
    {
        foreach (var obligation in state.Obligations)
        {
            obligation.Note = Empty(obligation.Note);
        }

        state.Timeline = [.. state.Timeline.Select(e => OfficersNotes.Replaced(e, Erased.With()))];
        state.PersonalDataPurgedAt = now;
        procedure.Append(now, now, Actor.System, DisputeTimelineKind.PersonalDataPurged, Purged.With(("closedAt", closedAt), ("after", retention)));
        state.Version++;
    }
}
