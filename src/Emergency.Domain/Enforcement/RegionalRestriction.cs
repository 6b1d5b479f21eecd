using Emergency.Domain.Cases;
using Emergency.Domain.Messages;
using Emergency.Domain.Regions;

namespace Emergency.Domain.Enforcement;

/// <summary>
/// A regional approval restriction (区域限批): while it stands, nothing new is approved in the region, so every
/// major decision there that would approve is blocked.
/// </summary>
public sealed class RegionalRestriction
{
    public string Id { get; set; } = "";

    public string Region { get; set; } = "";

    public string Reason { get; set; } = "";

    public DateTimeOffset SetAt { get; set; }

    public string SetBy { get; set; } = "";

    public DateTimeOffset? LiftedAt { get; set; }

    public string? LiftedBy { get; set; }

    public string? LiftReason { get; set; }

    public List<TimelineEntry<EnforcementTimelineKind>> Timeline { get; set; } = [];

    public bool InForceAt(DateTimeOffset now) => SetAt <= now && (LiftedAt is null || LiftedAt > now);

    /// <summary>
    /// Whether the restriction reaches <paramref name="region"/>: the region itself and, through the catalog's tree,
    /// every region within it (a city's restriction reaches its counties).
    /// </summary>
    public bool Covers(string region, RegionCatalog regions) => regions.Covers(Region, region);

    public Message Describe() => EnforcementTexts.Restriction.With(("region", Region), ("at", SetAt), ("by", SetBy), ("reason", Reason));

    /// <summary>A copy that shares nothing mutable with this restriction, for views and summaries: the registry goes on changing it.</summary>
    public RegionalRestriction Snapshot()
    {
        var copy = (RegionalRestriction)MemberwiseClone();
        copy.Timeline = [.. Timeline];
        return copy;
    }
}

/// <summary>
/// Tells a major decision which regional approval restrictions are in force. The registry answers it directly; a
/// caller that fetched the restrictions elsewhere passes a <see cref="RestrictionSnapshot"/>.
/// </summary>
public interface IRegionalRestrictions
{
    /// <summary>The restrictions reaching <paramref name="region"/> (on it or on a region it lies in) in force at <paramref name="now"/>.</summary>
    IReadOnlyList<RegionalRestriction> InForce(string region, DateTimeOffset now);

    /// <summary>The region tree the restrictions are matched by.</summary>
    RegionCatalog Regions => RegionCatalog.None;
}

/// <summary>Restrictions known to the caller; only those reaching the region and in force at the moment asked count.</summary>
public sealed class RestrictionSnapshot(IReadOnlyCollection<RegionalRestriction> restrictions, RegionCatalog regions) : IRegionalRestrictions
{
    public static readonly RestrictionSnapshot None = new([], RegionCatalog.None);

    public RestrictionSnapshot(IReadOnlyCollection<RegionalRestriction> restrictions)
        : this(restrictions, RegionCatalog.None)
    {
    }

    public RegionCatalog Regions => regions;

    public IReadOnlyList<RegionalRestriction> InForce(string region, DateTimeOffset now) =>
        [.. restrictions.Where(r => r.Covers(region, regions) && r.InForceAt(now))];
}
