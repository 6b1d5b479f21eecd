using Emergency.Domain.Cases;

namespace Emergency.Contracts;

/// <summary>
/// A place in a list of open cases, in the lists' order: first the cases overdue when their page was read, lane by
/// lane (an incident's level; one lane for kinds without), then the rest lane by lane; within a part by the earliest
/// open deadline (the cases with none last in their lane), then by id (ordinal). A page starts after it.
/// </summary>
/// <param name="Overdue">Whether the case was listed among the overdue ones.</param>
/// <param name="Lane">The case's lane (null: a kind without lanes).</param>
/// <param name="DueAt">The case's earliest open deadline (null: it has none).</param>
/// <param name="CaseId">The case's id.</param>
[GenerateSerializer]
[Immutable]
public sealed record CaseListPosition(
    [property: Id(0)] bool Overdue, [property: Id(1)] string? Lane, [property: Id(2)] DateTimeOffset? DueAt, [property: Id(3)] string CaseId);

/// <summary>What a directory reads for one page of its open cases.</summary>
[GenerateSerializer]
[Immutable]
public sealed record CaseListQuery
{
    /// <summary>The most cases one read returns: a grain call stays small and quick however long the list.</summary>
    public const int MaxLimit = 1_000;

    /// <summary>Start after this case (null: from the first).</summary>
    [Id(0)]
    public CaseListPosition? After { get; init; }

    /// <summary>At most this many cases (1 to <see cref="MaxLimit"/>).</summary>
    [Id(1)]
    public required int Limit { get; init; }

    /// <summary>Only the cases overdue (true) or not overdue (false) at <see cref="Now"/>; null: all.</summary>
    [Id(2)]
    public bool? Overdue { get; init; }

    /// <summary>The moment <see cref="Overdue"/> is judged at (the scope's clock: a drill's virtual one).</summary>
    [Id(3)]
    public DateTimeOffset Now { get; init; }

    /// <summary>The lanes to list, in their order (an incident's levels; empty: the one lane of kinds without).</summary>
    [Id(4)]
    public IReadOnlyList<string> Lanes { get; init; } = [];
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
