namespace Emergency.Storage.Timelines;

/// <summary>
/// What one state write does to its timeline's rows: stores <see cref="Entries"/> (JSON) as the rows numbered from
/// <see cref="FirstSeq"/> on (a row of that number already there is replaced), or, for a cleared state, deletes them all.
/// Kind (the state name) and case id (the grain key) are taken from the write, as for the case index.
/// </summary>
internal sealed record TimelineChange(string Kind, string CaseId, int FirstSeq, IReadOnlyList<string> Entries, bool Clears = false)
{
    public static TimelineChange Clear(string kind, string caseId) => new(kind, caseId, 1, [], Clears: true);

    /// <summary>Whether the change writes anything.</summary>
    public bool IsEmpty => !Clears && Entries.Count == 0;
}
