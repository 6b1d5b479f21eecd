namespace Emergency.Domain.Regions;

/// <summary>The three tiers of administrative division the engine works with (行政区划).</summary>
public enum RegionLevel
{
    /// <summary>Province, autonomous region or municipality (省级).</summary>
    Province = 1,

    /// <summary>Prefecture-level city, prefecture or autonomous prefecture (地级).</summary>
    City = 2,

    /// <summary>County, county-level city or city district (县级).</summary>
    County = 3,
}

/// <summary>
/// One administrative division with its six-digit GB/T 2260 code and official Chinese name. <see cref="Aliases"/> are
/// other spellings the catalog accepts (pinyin); <see cref="Abolished"/> says when and into what a division that no
/// longer exists was merged, kept so that cases and drills of its time still resolve.
/// </summary>
public sealed record Region
{
    public required string Code { get; init; }

    public required string Name { get; init; }

    public required RegionLevel Level { get; init; }

    /// <summary>The code of the division this one lies in; none for a province.</summary>
    public string? Parent { get; init; }

    public IReadOnlyList<string> Aliases { get; init; } = [];

    public string? Abolished { get; init; }

    public string Describe() => $"{Name} ({Code})";
}
