using Emergency.Domain.Messages;

namespace Emergency.Domain.Regions;

/// <summary>What the region catalog says when a case names a region it cannot place.</summary>
public static class RegionTexts
{
    public static readonly MessageCode Ambiguous = new("region.ambiguous", "region", "candidates");

    public static readonly MessageCode Unknown = new("region.unknown", "region", "catalog");

    /// <summary>A region with its GB/T 2260 code: "吉林市 (220200)".</summary>
    public static readonly MessageCode Candidate = new("region.candidate", "name", "code");

    /// <summary>Two candidates, either of which the name may mean.</summary>
    public static readonly MessageCode Or = new("region.or", "first", "next");
}
