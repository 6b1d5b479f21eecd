using Emergency.Domain.Regions;
using Emergency.Testing;

namespace Emergency.Domain.Tests.Regions;

/// <summary>The shipped region catalog, config/regions/cn-gbt2260.json, loaded once.</summary>
public static class RealRegions
{
    private static readonly Lazy<RegionCatalog> LazyCatalog = new(() => RegionCatalogLoader.Load(File, refusesUnknown: true));

    public static string File => Path.Combine(RepoPaths.Config, "regions", "cn-gbt2260.json");

    /// <summary>The real catalog, refusing names it does not hold, as a deployment does by default.</summary>
    public static RegionCatalog Catalog => LazyCatalog.Value;
}
