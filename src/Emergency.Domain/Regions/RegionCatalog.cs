using Emergency.Domain.Messages;

namespace Emergency.Domain.Regions;

/// <summary>
/// The administrative divisions a deployment knows, as a tree (province → city → county), read from
/// <c>config/regions</c>. A region is named by its GB/T 2260 code, its official name or an alias, compared after
/// <see cref="RegionNames.Normalise"/>; an official name without its ending (长治 for 长治市) is taken when only one
/// region fits. Names outside the catalog still work as before: they match only a name that reads the same.
/// </summary>
public sealed class RegionCatalog
{
    /// <summary>No catalog: every region is a free name, matched by name alone.</summary>
    public static readonly RegionCatalog None = new("", "", [], refusesUnknown: false);

    private readonly Dictionary<string, Region> _byCode;
    private readonly Dictionary<string, List<Region>> _byName = [];
    private readonly Dictionary<string, List<Region>> _byShortName = [];
    private readonly Dictionary<string, List<Region>> _neighbours = new(StringComparer.Ordinal);

    public RegionCatalog(string id, string source, IReadOnlyList<Region> regions, bool refusesUnknown, IReadOnlyList<Adjacency>? adjacencies = null)
    {
        Id = id;
        Source = source;
        All = regions;
        RefusesUnknown = refusesUnknown;
        Adjacencies = adjacencies ?? [];
        _byCode = regions.ToDictionary(r => r.Code, StringComparer.Ordinal);
        foreach (var adjacency in Adjacencies)
        {
            Index(_neighbours, adjacency.First, _byCode[adjacency.Second]);
            Index(_neighbours, adjacency.Second, _byCode[adjacency.First]);
        }

        foreach (var region in regions)
        {
            var official = RegionNames.Normalise(region.Name);
            foreach (var name in region.Aliases.Select(RegionNames.Normalise).Append(official).Distinct(StringComparer.Ordinal))
            {
                Index(_byName, name, region);
            }

            if (RegionNames.WithoutSuffix(official) is { } shortName)
            {
                Index(_byShortName, shortName, region);
            }
        }
    }

    public string Id { get; }

    public string Source { get; }

    public IReadOnlyList<Region> All { get; }

    /// <summary>Which regions of the same level share a boundary (相邻行政区域), each pair with its source.</summary>
    public IReadOnlyList<Adjacency> Adjacencies { get; }

    /// <summary>Whether a new case naming a region outside the catalog is refused (setting <c>Regions:Unknown</c>).</summary>
    public bool RefusesUnknown { get; }

    /// <summary>The region <paramref name="text"/> names (a code, an official name, an alias), with the candidates when it could name several.</summary>
    public RegionMatch Resolve(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || All.Count == 0)
        {
            return RegionMatch.Nothing;
        }

        var name = RegionNames.Normalise(text);
        if (_byCode.TryGetValue(name, out var byCode))
        {
            return new RegionMatch(byCode, [byCode]);
        }

        var candidates = _byName.GetValueOrDefault(name) ?? _byShortName.GetValueOrDefault(name) ?? [];
        return new RegionMatch(candidates.Count == 1 ? candidates[0] : null, candidates);
    }

    /// <summary>The divisions <paramref name="region"/> lies in, nearest first.</summary>
    public IEnumerable<Region> Ancestors(Region region)
    {
        for (var parent = Parent(region); parent is not null; parent = Parent(parent))
        {
            yield return parent;
        }
    }

    /// <summary>The regions of the same level that share a boundary with <paramref name="region"/>, in the order the catalog lists them.</summary>
    public IReadOnlyList<Region> Neighbours(Region region) => _neighbours.GetValueOrDefault(region.Code) ?? [];

    /// <summary>The region with this exact code, if the catalog lists it.</summary>
    public Region? ByCode(string code) => _byCode.GetValueOrDefault(code);

    /// <summary>Whether <paramref name="inner"/> is <paramref name="outer"/> or lies in it.</summary>
    public bool IsWithin(Region inner, Region outer) => inner.Code == outer.Code || Ancestors(inner).Any(a => a.Code == outer.Code);

    /// <summary>
    /// Whether the region named <paramref name="outer"/> takes in the one named <paramref name="inner"/>: a restriction on
    /// a city reaches its counties, one on a province the whole province. Names the catalog does not resolve match
    /// only a name that reads the same, as they did before there was a catalog.
    /// </summary>
    public bool Covers(string outer, string inner)
    {
        if (Resolve(outer).Region is { } o && Resolve(inner).Region is { } i)
        {
            return IsWithin(i, o);
        }

        return RegionNames.Same(outer, inner);
    }

    /// <summary>Why <paramref name="region"/> cannot name the region of a new case, or null when it can.</summary>
    public Message? Problem(string region)
    {
        if (!RefusesUnknown || All.Count == 0 || string.IsNullOrWhiteSpace(region))
        {
            return null;
        }

        var match = Resolve(region);
        return match switch
        {
            { Region: not null } => null,
            { Candidates.Count: > 1 } => RegionTexts.Ambiguous.With(
                ("region", region.Trim()),
                ("candidates", match.Candidates.Select(c => RegionTexts.Candidate.With(("name", c.Name), ("code", c.Code))).Aggregate((first, next) => RegionTexts.Or.With(("first", first), ("next", next))))),
            _ => RegionTexts.Unknown.With(("region", region.Trim()), ("catalog", Id)),
        };
    }

    private Region? Parent(Region region) => region.Parent is { } code ? _byCode.GetValueOrDefault(code) : null;

    private static void Index(Dictionary<string, List<Region>> index, string name, Region region)
    {
        if (!index.TryGetValue(name, out var list))
        {
            index[name] = list = [];
        }

        list.Add(region);
    }
}

/// <summary>Two regions of the same level that share a boundary, and where that is known from.</summary>
public sealed record Adjacency(string First, string Second, string Source);

/// <summary>What a region name resolved to: the region when exactly one fits, and every candidate.</summary>
public sealed record RegionMatch(Region? Region, IReadOnlyList<Region> Candidates)
{
    public static readonly RegionMatch Nothing = new(null, []);
}
