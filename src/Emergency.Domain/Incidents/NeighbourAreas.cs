using Emergency.Domain.Messages;

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
    public static Message Why(IncidentFacts facts) => facts.CrossBoundary switch
    {
        CrossBoundary.CountyDispute => IncidentTexts.NeighboursCountyDispute,
        CrossBoundary.CrossCity => IncidentTexts.NeighboursCrossCity,
        CrossBoundary.CrossProvince => IncidentTexts.NeighboursCrossProvince,
        CrossBoundary.CrossBorder or CrossBoundary.MajorCrossBorder => IncidentTexts.NeighboursCrossBorder,
        _ => IncidentTexts.NeighboursMayCrossProvince,
    };
}
