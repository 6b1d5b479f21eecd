namespace Emergency.Domain.Cases;

/// <summary>
/// What every case of the engine (an incident, a petition or complaint, a deputy's suggestion, a major decision) has
/// in common for the machinery around it: where it belongs, its version, and its deadlines. The grain that hosts a
/// case persists it, re-arms <see cref="NextDueAt"/> and publishes it, without knowing its procedure.
/// </summary>
public interface ICase
{
    string Id { get; }

    /// <summary>"live", or the drill run the case belongs to.</summary>
    string Scope { get; }

    /// <summary>Goes up by one with every accepted change, deadline events included.</summary>
    long Version { get; }

    /// <summary>When the engine registered the case: the drill clock starts no earlier.</summary>
    DateTimeOffset RegisteredAt { get; }

    /// <summary>The earliest deadline that has not been marked yet: when the engine must look again.</summary>
    DateTimeOffset? NextDueAt { get; }

    /// <summary>Marks every deadline that has passed by <paramref name="now"/>; true when something changed.</summary>
    bool Tick(DateTimeOffset now);

    /// <summary>The moves the procedure allows now, for refusals.</summary>
    IReadOnlyList<string> AllowedMoves(DateTimeOffset now);
}

/// <summary>One line of a list of cases, as kept by the directory and pushed to the boards.</summary>
public interface ICaseSummary
{
    string Id { get; }

    string Scope { get; }

    long Version { get; }

    /// <summary>A closed case leaves the list of open ones.</summary>
    bool IsClosed { get; }

    /// <summary>Whether an open deadline of the case was past and marked when the summary was made (false for kinds without deadlines).</summary>
    bool Overdue => false;

    /// <summary>
    /// The earliest deadline of an open obligation, overdue ones included (null: none open, or a kind without
    /// deadlines): the lists' order. The case is overdue at a moment exactly when this deadline is behind it.
    /// </summary>
    DateTimeOffset? NextDueAt => null;
}
