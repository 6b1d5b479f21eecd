using Emergency.Domain.Rules;

namespace Emergency.Domain.Regions;

/// <summary>
/// Reads the region catalog (<c>Regions:File</c>, shipped as <c>config/regions/cn-gbt2260.json</c>): its source named, each region with its six-digit
/// code, official name, level and parent. A bad file stops the start with the file, the key and what is wrong.
/// </summary>
public static class RegionCatalogLoader
{
    public static RegionCatalog Load(string file, bool refusesUnknown)
    {
        if (!File.Exists(file))
        {
            throw new RuleSetException(file, "", "the region catalog does not exist (setting Regions:File)");
        }

        return Parse(file, File.ReadAllText(file), refusesUnknown);
    }

    public static RegionCatalog Parse(string file, string json, bool refusesUnknown)
    {
        var document = RuleFiles.Parse<RegionFile>([(file, json)], null, Check).Single();
        var regions = document.Regions.Select(r => new Region
        {
            Code = r.Code,
            Name = r.Name.Trim(),
            Level = r.Level,
            Parent = r.Parent,
            Aliases = [.. r.Aliases.Select(a => a.Trim())],
            Abolished = r.Abolished,
        }).ToList();
        var adjacencies = document.Neighbours.Select(n => new Adjacency(n.Regions[0], n.Regions[1], n.Source.Trim())).ToList();
        return new RegionCatalog(document.Id, document.Source, regions, refusesUnknown, adjacencies);
    }

    private static void Check(string file, RegionFile catalog)
    {
        void Fail(string key, string problem) => throw new RuleSetException(file, key, problem);

        if (string.IsNullOrWhiteSpace(catalog.Id))
        {
            Fail("id", "must not be empty");
        }

        if (string.IsNullOrWhiteSpace(catalog.Source))
        {
            Fail("source", "the catalog needs its source");
        }

        var byCode = new Dictionary<string, RegionEntry>(StringComparer.Ordinal);
        for (var i = 0; i < catalog.Regions.Count; i++)
        {
            var region = catalog.Regions[i];
            var key = $"regions[{i}]";
            if (region.Code is not { Length: 6 } code || !code.All(char.IsAsciiDigit))
            {
                Fail($"{key}.code", $"'{region.Code}' is not a six-digit GB/T 2260 code");
            }
            else if (!byCode.TryAdd(code, region))
            {
                Fail($"{key}.code", $"{code} is listed twice");
            }

            if (string.IsNullOrWhiteSpace(region.Name))
            {
                Fail($"{key}.name", "must not be empty");
            }

            if (!Enum.IsDefined(region.Level))
            {
                Fail($"{key}.level", "must be province, city or county");
            }
        }

        for (var i = 0; i < catalog.Regions.Count; i++)
        {
            var region = catalog.Regions[i];
            var key = $"regions[{i}].parent";
            if (region.Level == RegionLevel.Province)
            {
                if (region.Parent is not null)
                {
                    Fail(key, $"{region.Code} is a province and lies in nothing");
                }

                continue;
            }

            if (region.Parent is null || !byCode.TryGetValue(region.Parent, out var parent))
            {
                Fail(key, $"{region.Code} {region.Name} needs the code of a listed region it lies in, not '{region.Parent}'");
                continue;
            }

            // GB/T 2260 codes nest: two digits name the province, four the city.
            var prefix = parent.Level == RegionLevel.Province ? 2 : 4;
            if (parent.Level >= region.Level || !region.Code.StartsWith(parent.Code[..prefix], StringComparison.Ordinal))
            {
                Fail(key, $"{region.Code} {region.Name} ({region.Level}) cannot lie in {parent.Code} {parent.Name} ({parent.Level})");
            }
        }

        CheckNeighbours(catalog, byCode, Fail);
    }

    /// <summary>Each adjacency names two listed regions of the same level, once, with its source.</summary>
    private static void CheckNeighbours(RegionFile catalog, Dictionary<string, RegionEntry> byCode, Action<string, string> fail)
    {
        var pairs = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < catalog.Neighbours.Count; i++)
        {
            var pair = catalog.Neighbours[i];
            var key = $"neighbours[{i}]";
            if (pair.Regions.Count != 2)
            {
                fail($"{key}.regions", "an adjacency names exactly two regions");
                continue;
            }

            if (string.IsNullOrWhiteSpace(pair.Source))
            {
                fail($"{key}.source", "every adjacency needs its source");
            }

            var first = byCode.GetValueOrDefault(pair.Regions[0]);
            var second = byCode.GetValueOrDefault(pair.Regions[1]);
            if (first is null || second is null)
            {
                var unknown = first is null ? 0 : 1;
                fail($"{key}.regions[{unknown}]", $"'{pair.Regions[unknown]}' is not a region of the catalog");
            }
            else if (first.Code == second.Code)
            {
                fail($"{key}.regions", $"{first.Code} cannot neighbour itself");
            }
            else if (first.Level != second.Level)
            {
                fail($"{key}.regions", $"{first.Code} {first.Name} ({first.Level}) and {second.Code} {second.Name} ({second.Level}) are not of the same level");
            }
            else if (!pairs.Add(string.CompareOrdinal(first.Code, second.Code) < 0 ? $"{first.Code}+{second.Code}" : $"{second.Code}+{first.Code}"))
            {
                fail($"{key}.regions", $"{first.Code} and {second.Code} are listed as neighbours twice");
            }
        }
    }

    private sealed class RegionFile
    {
        public string Id { get; init; } = "";

        public string Title { get; init; } = "";

        public string? AsOf { get; init; }

        public string Source { get; init; } = "";

        public List<RegionEntry> Regions { get; init; } = [];

        /// <summary>Pairs of regions of the same level that share a boundary.</summary>
        public List<NeighbourEntry> Neighbours { get; init; } = [];
    }

    private sealed class NeighbourEntry
    {
        public List<string> Regions { get; init; } = [];

        public string Source { get; init; } = "";
    }

    private sealed class RegionEntry
    {
        public string Code { get; init; } = "";

        public string Name { get; init; } = "";

        public RegionLevel Level { get; init; }

        public string? Parent { get; init; }

        public List<string> Aliases { get; init; } = [];

        public string? Abolished { get; init; }
    }
}
