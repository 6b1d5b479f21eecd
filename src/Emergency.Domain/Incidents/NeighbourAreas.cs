namespace Emergency.Domain.Incidents;

/// <summary>
/// Whether an incident affects or may affect a neighbouring area (MEP Order 17 art. 8: 已经或者可能涉及相邻行政区域), which
/// obliges the bureau to tell the neighbouring area's bureau of the same level.
/// </summary>
public static class NeighbourAreas
{
    /// <summary>Any crossing of a boundary, a county dispute included, or a possible crossing of a province boundary.</summary>
    public static bool MayBeAffected(IncidentFacts facts) =>
        facts.CrossBoundary is { } cross && cross != CrossBoundary.None || facts.PossibleCrossProvince;

    /// <summary>The fact that made the notice due, for the deadline's basis.</summary>
    public static string Why(IncidentFacts facts) => facts.CrossBoundary switch
    {
        CrossBoundary.CountyDispute => "a dispute between counties",
        CrossBoundary.CrossCity => "it crosses a city boundary",
        CrossBoundary.CrossProvince => "it crosses a province boundary",
        CrossBoundary.CrossBorder => "it crosses a national border",
        _ => "it may cross a province boundary",
    };
}
