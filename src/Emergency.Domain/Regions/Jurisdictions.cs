using Emergency.Domain.Messages;

namespace Emergency.Domain.Regions;

/// <summary>
/// Where a user may act (辖区): a region of the catalog by its GB/T 2260 code, or none for the whole deployment. A
/// county's duty room acts on its county's incidents; a city or a province on everything within it.
/// </summary>
public static class Jurisdictions
{
    /// <summary>
    /// Whether a user of <paramref name="jurisdiction"/> may act on a case of <paramref name="region"/>: always without a
    /// jurisdiction; otherwise when the region lies within it. A region outside the catalog is nobody's but the whole
    /// deployment's: it is matched only by a name that reads the same, as <see cref="RegionCatalog.Covers"/> does.
    /// </summary>
    public static bool WithinJurisdiction(this RegionCatalog regions, string? jurisdiction, string region) =>
        jurisdiction is null || regions.Covers(jurisdiction, region);

    /// <summary>The code a jurisdiction is stored under, or why <paramref name="text"/> cannot name one (it must name a region of the catalog).</summary>
    public static (string? Code, Message? Problem) Read(RegionCatalog regions, string text)
    {
        var match = regions.Resolve(text);
        return match switch
        {
            { Region: { } region } => (region.Code, null),
            { Candidates.Count: > 1 } => (null, regions.Problem(text) ?? JurisdictionTexts.NotInCatalog.With(("region", text.Trim()), ("catalog", regions.Id))),
            _ => (null, JurisdictionTexts.NotInCatalog.With(("region", text.Trim()), ("catalog", regions.Id))),
        };
    }

    /// <summary>The region and its name, for a refusal: "长治市 (140400)", or the code as given when the catalog does not know it.</summary>
    public static string Describe(this RegionCatalog regions, string jurisdiction) =>
        regions.Resolve(jurisdiction).Region?.Describe() ?? jurisdiction;
}
