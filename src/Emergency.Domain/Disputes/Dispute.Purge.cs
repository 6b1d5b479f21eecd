using Emergency.Domain.Cases;

namespace Emergency.Domain.Disputes;

/// <summary>A petition's personal data, erased a configured time after it closed (docs/security.md, Personal data).</summary>
public sealed partial class Dispute : IHoldsPersonalData
{
    public DateTimeOffset? ClosedAt => PersonalDataPurge.ClosedAt(State, State.Phase == DisputePhase.Closed);

    public DateTimeOffset? PersonalDataPurgedAt => State.PersonalDataPurgedAt;

    /// <summary>
    /// The complainant, what they wrote, the letters to them, the officers' words and the links to the same person's
    /// cases go; the subject (an enterprise, a place, a region), the procedure and the outcomes stay.
    /// </summary>
    public bool PurgePersonalData(TimeSpan retention, DateTimeOffset now)
    {
        if (ClosedAt is not { } closedAt || State.PersonalDataPurgedAt is not null)
        {
            return false;
        }

        var s = State;
        s.Complainant = new Complainant();
        s.Content = "";
        s.EarlierCases = [];
        s.Acceptance = s.Acceptance is null ? null : s.Acceptance with { Reason = PersonalDataPurge.Empty(s.Acceptance.Reason) };
        s.Returned = PersonalDataPurge.Emptied(s.Returned);
        s.Handling = s.Handling is null ? null : s.Handling with { Result = "" };
        s.Extensions = [.. s.Extensions.Select(e => e with { Reason = "" })];
        s.Answers = PersonalDataPurge.Emptied(s.Answers);
        s.ReviewRequests = [.. s.ReviewRequests.Select(r => r with { Note = PersonalDataPurge.Empty(r.Note) })];
        s.Satisfactions = PersonalDataPurge.Emptied(s.Satisfactions);
        PersonalDataPurge.Finish(s, _procedure, closedAt, retention, now);
        return true;
    }
}
