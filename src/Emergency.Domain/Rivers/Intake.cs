using Emergency.Domain.Regions;

namespace Emergency.Domain.Rivers;

/// <summary>A drinking-water intake (饮用水取水口) on a reach, at a distance from the reach's head.</summary>
public sealed record Intake
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string Operator { get; init; }

    public required string ReachId { get; init; }

    public required Sourced PositionKm { get; init; }

    public required Region Jurisdiction { get; init; }

    /// <summary>People served, when published.</summary>
    public Sourced? PeopleServed { get; init; }

    /// <summary>Why <see cref="PeopleServed"/> is not given.</summary>
    public string? PeopleServedUnknown { get; init; }

    public required string Source { get; init; }
}
