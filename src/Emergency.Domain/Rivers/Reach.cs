using Emergency.Domain.Regions;

namespace Emergency.Domain.Rivers;

/// <summary>A figure as the river data gives it: the value, where it comes from (or how it was derived) and when it held.</summary>
public sealed record Sourced(double Value, string Source, string Date);

/// <summary>A reach's flow velocity for the months it holds in (1 = January).</summary>
public sealed record SeasonalVelocity(IReadOnlyList<int> Months, Sourced MetresPerSecond);

/// <summary>
/// A stretch of river (河段) with one jurisdiction, one velocity per season and, when known, the width, depth and slope
/// the dispersion estimate needs. Reaches join by <see cref="FlowsInto"/>: several may flow into one (a confluence,
/// 汇合口), none flows into two, so everything downstream of a point is the chain of reaches below it.
/// </summary>
public sealed record Reach
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string From { get; init; }

    public required string To { get; init; }

    /// <summary>The reach this one flows into; none for the last reach the data holds.</summary>
    public string? FlowsInto { get; init; }

    /// <summary>For the last reach: where the river goes beyond the data.</summary>
    public string? Mouth { get; init; }

    /// <summary>For the last reach: the jurisdictions the river enters beyond the data, if any.</summary>
    public IReadOnlyList<Region> Beyond { get; init; } = [];

    public required Region Jurisdiction { get; init; }

    /// <summary>
    /// For a boundary river (界河): the regions on the other bank. The river enters them together with
    /// <see cref="Jurisdiction"/>, so a boundary into this reach warns them all.
    /// </summary>
    public IReadOnlyList<Region> OtherBank { get; init; } = [];

    public required Sourced LengthKm { get; init; }

    public Sourced? DefaultVelocity { get; init; }

    public IReadOnlyList<SeasonalVelocity> Seasons { get; init; } = [];

    public Sourced? WidthM { get; init; }

    public Sourced? DepthM { get; init; }

    /// <summary>Bed slope (m/m), for the shear velocity in Fischer's estimate of the dispersion coefficient.</summary>
    public Sourced? Slope { get; init; }

    /// <summary>A measured longitudinal dispersion coefficient (m²/s); when absent it is estimated by Fischer's formula.</summary>
    public Sourced? DispersionM2PerS { get; init; }

    /// <summary>The velocity in the month <paramref name="month"/> (1-12): its season's, else the default, else none.</summary>
    public Sourced? VelocityIn(int month) => Seasons.FirstOrDefault(s => s.Months.Contains(month))?.MetresPerSecond ?? DefaultVelocity;
}
