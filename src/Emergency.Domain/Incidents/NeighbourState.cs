using Emergency.Domain.Regions;

namespace Emergency.Domain.Incidents;

/// <summary>
/// The neighbouring areas of an incident (相邻行政区域), traced once at registration from the region catalog, and the
/// warnings sent to them. Persisted as JSON with the incident; none when the region is outside the catalog or in states
/// stored before neighbours were data.
/// </summary>
public sealed class NeighbourState
{
    /// <summary>The province the incident's region lies in (or is), to tell a neighbour across a province boundary.</summary>
    public string OriginProvince { get; set; } = "";

    /// <summary>The regions that share a boundary with the incident's region or with a region it lies in.</summary>
    public List<NeighbourArea> Areas { get; set; } = [];

    /// <summary>The warnings sent, one per warning obligation at most.</summary>
    public List<DownstreamWarning> Warnings { get; set; } = [];
}

/// <summary>A region that shares a boundary with the incident's region (<see cref="Beside"/>) or a region it lies in.</summary>
public sealed record NeighbourArea
{
    public required string Code { get; init; }

    public required string Name { get; init; }

    public required RegionLevel Level { get; init; }

    /// <summary>The code of the province it lies in (its own for a province).</summary>
    public required string Province { get; init; }

    /// <summary>The code of the incident's region, or of the region it lies in, that this one borders.</summary>
    public required string Beside { get; init; }

    public required string BesideName { get; init; }

    /// <summary>The id of the obligation to warn it: <c>warnNeighbour-{code}</c>.</summary>
    public string Obligation() => $"{ObligationKind.WarnNeighbour.Name()}-{Code}";
}

/// <summary>One warning to a neighbouring area in an incident's view: who, why, by when, and whether it was sent and acknowledged.</summary>
public sealed record NeighbourWarningView : WarningLineView
{
    public required string Obligation { get; init; }

    public required string Party { get; init; }

    public required string Jurisdiction { get; init; }

    public required RegionLevel Level { get; init; }

    /// <summary>The region of the incident's line it borders.</summary>
    public required string Beside { get; init; }
}
