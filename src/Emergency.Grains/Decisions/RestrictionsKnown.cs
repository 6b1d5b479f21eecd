using Emergency.Domain.Enforcement;
using Emergency.Domain.Regions;

namespace Emergency.Grains.Decisions;

/// <summary>
/// The regional approval restrictions a decision grain last heard of from its scope's registry. The matter reads them
/// through <see cref="IRegionalRestrictions"/>, which filters by region (down the region catalog's tree) and
/// moment again.
/// </summary>
internal sealed class RestrictionsKnown(RegionCatalog regions) : IRegionalRestrictions
{
    private RestrictionSnapshot _snapshot = new([], regions);
    private HashSet<string> _ids = [];

    /// <summary>Takes what the registry said; true when the set of restrictions differs from the one known before.</summary>
    public bool Replace(IReadOnlyList<RegionalRestriction> restrictions)
    {
        var ids = restrictions.Select(r => r.Id).ToHashSet();
        var changed = !ids.SetEquals(_ids);
        _ids = ids;
        _snapshot = new RestrictionSnapshot([.. restrictions], regions);
        return changed;
    }

    public RegionCatalog Regions => regions;

    public IReadOnlyList<RegionalRestriction> InForce(string region, DateTimeOffset now) => _snapshot.InForce(region, now);
}
