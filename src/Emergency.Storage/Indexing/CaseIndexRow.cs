namespace Emergency.Storage.Indexing;

/// <summary>
/// A case's line in the durable case index, as the case's grain describes it for the write that carries it. The kind
/// (the state name) and the case id (the grain key) are taken from the write itself, so a row can never describe
/// another case.
/// </summary>
public sealed record CaseIndexRow
{
    /// <summary>"live", or the drill run the case belongs to.</summary>
    public required string Scope { get; init; }

    public required bool IsOpen { get; init; }

    /// <summary>When the case was registered.</summary>
    public required DateTimeOffset OpenedAt { get; init; }

    /// <summary>The moment of this write on the case's clock: it becomes the closing moment when the case closes.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>When the engine must look at the case again: its earliest deadline not yet marked, or a closed case's purge of its personal data (null in drills, which move on their own clock).</summary>
    public DateTimeOffset? NextDueAt { get; init; }

    /// <summary>
    /// The earliest deadline of an open obligation, overdue ones included (null: none open): the lists' order, overdue
    /// first and then by the next deadline, since a case is overdue at a moment exactly when this deadline is behind it.
    /// </summary>
    public DateTimeOffset? ListDueAt { get; init; }

    /// <summary>Whether the case had a deadline marked overdue and still open when this row was written.</summary>
    public bool Overdue { get; init; }

    public string? Region { get; init; }

    public string? Unit { get; init; }

    public string? Level { get; init; }

    public string? Phase { get; init; }

    /// <summary>The case's own version: an older row never replaces a newer one.</summary>
    public required long CaseVersion { get; init; }

    /// <summary>The case's list line as JSON.</summary>
    public required string Summary { get; init; }
}

/// <summary>
/// A grain state that carries its case's index row: the storage writes the row in the same transaction as the state
/// (group commit), and deletes it when the state is cleared.
/// </summary>
public interface IIndexedState
{
    /// <summary>The row to write with the next write of the state (null: the index is left as it is).</summary>
    CaseIndexRow? IndexRow { get; }
}

/// <summary>One case as the index lists it.</summary>
public sealed record IndexedCase(string Kind, string CaseId, bool IsOpen, string Summary);

/// <summary>
/// Where a case stands in a list of open cases: whether it was read among the overdue ones, its lane (an incident's
/// level; null for kinds without), its earliest open deadline and its id. A page starts after one.
/// </summary>
public readonly record struct ListPlace(bool Overdue, string? Lane, DateTimeOffset? DueAt, string CaseId);

/// <summary>One open case as a list reads it: its place in the list and its list line.</summary>
public sealed record ListedCase(ListPlace Place, string Summary);
