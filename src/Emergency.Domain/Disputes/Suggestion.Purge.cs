using Emergency.Domain.Cases;

namespace Emergency.Domain.Disputes;

/// <summary>A suggestion's personal data, erased a configured time after it closed (docs/security.md, Personal data).</summary>
public sealed partial class Suggestion : IHoldsPersonalData
{
    public DateTimeOffset? ClosedAt => PersonalDataPurge.ClosedAt(State, State.Phase == SuggestionPhase.Closed);

    public DateTimeOffset? PersonalDataPurgedAt => State.PersonalDataPurgedAt;

    /// <summary>
    /// The deputy's contact, the letters to the deputy and the officers' words go; the deputy's name, the suggestion
    /// itself (both public), the assignments' four fixed points, the procedure and the outcomes stay.
    /// </summary>
    public bool PurgePersonalData(TimeSpan retention, DateTimeOffset now)
    {
        if (ClosedAt is not { } closedAt || State.PersonalDataPurgedAt is not null)
        {
            return false;
        }

        var s = State;
        s.Deputy = s.Deputy with { Contact = null };
        s.Answers = PersonalDataPurge.Emptied(s.Answers);
        s.Assignments = [.. s.Assignments.Select(a => a with { ComplexBecause = PersonalDataPurge.Empty(a.ComplexBecause), Returned = PersonalDataPurge.Emptied(a.Returned) })];
        s.Communications = [.. s.Communications.Select(c => c with { Note = PersonalDataPurge.Empty(c.Note) })];
        s.Satisfactions = PersonalDataPurge.Emptied(s.Satisfactions);
        PersonalDataPurge.Finish(s, _procedure, closedAt, retention, now);
        return true;
    }
}
