using Emergency.Domain.Messages;
using Emergency.Domain.Regions;

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

    /// <summary>
    /// The neighbouring areas the crossing may affect, each once, at the level of the boundary crossed (decided here,
    /// docs/jurisdictions.md): a county dispute, the counties beside the incident's county; a crossing between cities,
    /// the cities of the same province beside its city; a crossing, or a possible crossing, of a province boundary, the
    /// cities of other provinces beside its city and their provinces (every province beside its province when no such city is listed).
    /// A national border has no neighbour in the catalog: the notice to the neighbours stays the only obligation.
    /// </summary>
    public static IReadOnlyList<NeighbourArea> ToWarn(IncidentFacts facts, NeighbourState neighbours)
    {
        var areas = neighbours.Areas;
        var chosen = new List<NeighbourArea>();
        if (facts.CrossBoundary == CrossBoundary.CountyDispute)
        {
            chosen.AddRange(areas.Where(a => a.Level == RegionLevel.County));
        }

        if (facts.CrossBoundary == CrossBoundary.CrossCity)
        {
            chosen.AddRange(areas.Where(a => a.Level == RegionLevel.City && a.Province == neighbours.OriginProvince));
        }

        if (facts.CrossBoundary == CrossBoundary.CrossProvince || facts.PossibleCrossProvince)
        {
            var cities = areas.Where(a => a.Level == RegionLevel.City && a.Province != neighbours.OriginProvince).ToList();
            var besideProvince = areas.Where(a => a.Level == RegionLevel.Province).ToList();
            chosen.AddRange(cities);
            chosen.AddRange(cities.Count == 0 ? besideProvince : besideProvince.Where(p => cities.Any(c => c.Province == p.Code)));
        }

        return [.. chosen.DistinctBy(a => a.Code)];
    }

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
