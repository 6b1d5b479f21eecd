namespace Emergency.Domain.Cases;

/// <summary>
/// A case that keeps personal data (<see cref="PersonalDataAttribute"/>, and officers' words that may name a person)
/// only for a while: a configured time after it closes the engine erases it, and the case keeps its procedure (phases,
/// deadlines, outcomes, the timeline's entries) as the record of what was done.
/// </summary>
public interface IHoldsPersonalData
{
    /// <summary>When the engine recorded the closing move; null while the case is open.</summary>
    DateTimeOffset? ClosedAt { get; }

    /// <summary>When the personal data was erased; null before.</summary>
    DateTimeOffset? PersonalDataPurgedAt { get; }

    /// <summary>
    /// Erases the personal data at <paramref name="now"/> and notes it in the timeline, as one change (one version);
    /// <paramref name="retention"/> is the configured time after closure, named in the note. False, and nothing
    /// changed, while the case is open or once it is erased already.
    /// </summary>
    bool PurgePersonalData(TimeSpan retention, DateTimeOffset now);
}
