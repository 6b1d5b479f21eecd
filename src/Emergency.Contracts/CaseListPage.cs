using Emergency.Domain.Cases;

namespace Emergency.Contracts;

/// <summary>
/// A place in a list of open cases, in the lists' order: by the earliest deadline of an open obligation (overdue ones
/// first, since a case is overdue exactly when that deadline is behind it), the cases with none last, then by id
/// (ordinal). A page starts after it.
/// </summary>
/// <param name="DueAt">The case's earliest open deadline (null: it has none).</param>
/// <param name="CaseId">The case's id.</param>
[GenerateSerializer]
[Immutable]
public sealed record CaseListPosition([property: Id(0)] DateTimeOffset? DueAt, [property: Id(1)] string CaseId);

/// <summary>What a directory reads for one page of its open cases.</summary>
[GenerateSerializer]
[Immutable]
public sealed record CaseListQuery
{
    /// <summary>Start after this case (null: from the first).</summary>
    [Id(0)]
    public CaseListPosition? After { get; init; }

    /// <summary>At most this many cases.</summary>
    [Id(1)]
    public required int Limit { get; init; }

    /// <summary>Only the cases overdue (true) or not overdue (false) at <see cref="Now"/>; null: all.</summary>
    [Id(2)]
    public bool? Overdue { get; init; }

    /// <summary>The moment <see cref="Overdue"/> is judged at (the scope's clock: a drill's virtual one).</summary>
    [Id(3)]
    public DateTimeOffset Now { get; init; }
}

/// <summary>Up to a query's limit of open cases, in the lists' order, and where the next read starts.</summary>
/// <typeparam name="TSummary">One line of the list.</typeparam>
[GenerateSerializer]
public sealed record CaseListChunk<TSummary>
    where TSummary : class, ICaseSummary
{
    /// <summary>Passed by reference within a silo: read from the index for this answer only.</summary>
    [Id(0)]
    [Immutable]
    public required IReadOnlyList<TSummary> Cases { get; init; }

    /// <summary>The position of each case in <see cref="Cases"/>, as the index holds it: a next read starts after one of them.</summary>
    [Id(1)]
    public required IReadOnlyList<CaseListPosition> Positions { get; init; }

    /// <summary>Whether the list ends here: fewer cases than the limit were left.</summary>
    [Id(2)]
    public bool End { get; init; }
}
