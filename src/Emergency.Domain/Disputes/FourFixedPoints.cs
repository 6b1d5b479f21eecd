namespace Emergency.Domain.Disputes;

/// <summary>
/// The four fixed points of an assignment (四定: 定领导、定单位、定要求、定时限): who leads, which unit handles it, what
/// is required, and by when. The deadline never lies beyond the legal limit of the reply.
/// </summary>
public sealed record FourFixedPoints
{
    /// <summary>定领导 — the leader answerable for the case.</summary>
    public required string Leader { get; init; }

    /// <summary>定单位 — the unit that handles it.</summary>
    public required string Unit { get; init; }

    /// <summary>定要求 — what the unit must do.</summary>
    public required string Requirement { get; init; }

    /// <summary>定时限 — the unit's deadline.</summary>
    public required DateTimeOffset Deadline { get; init; }

    /// <summary>When the assignment was made.</summary>
    public required DateTimeOffset At { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }

    public required string RecordedBy { get; init; }

    internal static FourFixedPoints From(IFourFixedPoints command, DateTimeOffset at, DateTimeOffset now, Actor actor) => new()
    {
        Leader = command.Leader.Trim(),
        Unit = command.Unit.Trim(),
        Requirement = command.Requirement.Trim(),
        Deadline = command.Deadline,
        At = at,
        RecordedAt = now,
        RecordedBy = actor.ToString(),
    };
}
