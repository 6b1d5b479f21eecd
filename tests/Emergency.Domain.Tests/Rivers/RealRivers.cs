using Emergency.Domain.Rivers;
using Emergency.Domain.Tests.Regions;
using Emergency.Testing;

namespace Emergency.Domain.Tests.Rivers;

/// <summary>The shipped river systems, config/rivers, loaded once against the shipped region catalog.</summary>
public static class RealRivers
{
    private static readonly Lazy<RiverCatalog> LazyCatalog = new(() => RiverCatalogLoader.Load(Directory, RealRegions.Catalog));

    public static string Directory => Path.Combine(RepoPaths.Config, "rivers");

    public static RiverCatalog Catalog => LazyCatalog.Value;
}
