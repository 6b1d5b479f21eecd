using Emergency.Domain.Regions;

namespace Emergency.Domain.Rivers;

/// <summary>What a point below a spill is.</summary>
public enum DownstreamPointKind
{
    /// <summary>A drinking-water intake (取水口).</summary>
    Intake,

    /// <summary>Where the river leaves one jurisdiction for the next (交界断面).</summary>
    Boundary,

    /// <summary>The end of the reaches the data holds, with no jurisdiction beyond named.</summary>
    End,
}

/// <summary>Whether, and why not, the advection-dispersion estimate gives a first time above the threshold.</summary>
public enum LeadingEdgeStatus
{
    /// <summary>The concentration first exceeds the threshold at <see cref="LeadingEdge.At"/>.</summary>
    Exceeds,

    /// <summary>The estimated peak at the point stays at or below the threshold.</summary>
    NeverAboveThreshold,

    /// <summary>The spill gave no threshold.</summary>
    NoThreshold,

    /// <summary>A reach crossed has no width, depth and slope (or cross-section and dispersion) in the data.</summary>
    NoGeometry,
}

/// <summary>The first time the concentration exceeds the spill's threshold at a point, or why there is none.</summary>
public sealed record LeadingEdge(LeadingEdgeStatus Status, DateTimeOffset? At);

/// <summary>
/// One point below a spill and when the pollution is estimated to reach it. For a boundary <c>From</c> is the
/// jurisdiction the river leaves and <c>Into</c> those it enters; for an intake <c>Into</c> is the intake's.
/// <c>PeakMgPerL</c> is the advection-dispersion peak at the point (none without geometry); <c>Reaches</c> are the
/// reaches the water crosses from the spill to the point, the spill's first.
/// </summary>
public sealed record DownstreamPoint(
    DownstreamPointKind Kind,
    string Name,
    Intake? Intake,
    Region? From,
    IReadOnlyList<Region> Into,
    double DistanceKm,
    DateTimeOffset AdvectiveArrival,
    LeadingEdge LeadingEdge,
    double? PeakMgPerL,
    IReadOnlyList<string> Reaches);

/// <summary>Every point below a spill in the order the water reaches them.</summary>
public sealed record DownstreamEstimate(Spill Spill, string RiverSystem, IReadOnlyList<DownstreamPoint> Points)
{
    /// <summary>Whether any drinking-water intake lies below the spill in the data.</summary>
    public bool ReachesAnIntake => Points.Any(p => p.Kind == DownstreamPointKind.Intake);
}
