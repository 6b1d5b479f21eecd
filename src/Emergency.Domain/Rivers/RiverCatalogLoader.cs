using Emergency.Domain.Regions;
using Emergency.Domain.Rules;

namespace Emergency.Domain.Rivers;

/// <summary>
/// Reads the river systems (<c>config/rivers/*.json</c>, one file per system): reaches with their length, jurisdiction
/// (a code of the region catalog), velocity by season and geometry, and the drinking-water intakes on them. Every figure
/// carries its source and date. A bad file stops the start with the file, the key and what is wrong.
/// </summary>
public static class RiverCatalogLoader
{
    public static RiverCatalog Load(string directory, RegionCatalog regions) =>
        Parse(RuleFiles.Read(directory, "Rivers:Directory"), regions);

    public static RiverCatalog Parse(IReadOnlyList<(string File, string Json)> sources, RegionCatalog regions)
    {
        var files = RuleFiles.Parse<RiverFile>(sources, null, (file, river) => Check(file, river, regions));
        var systems = new List<RiverSystem>(files.Count);
        var reachFiles = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var f = 0; f < files.Count; f++)
        {
            var (file, river) = (sources[f].File, files[f]);
            if (systems.Any(s => s.Id == river.Id))
            {
                throw new RuleSetException(file, "id", $"the river system '{river.Id}' is defined twice");
            }

            foreach (var reach in river.Reaches)
            {
                if (!reachFiles.TryAdd(reach.Id, file))
                {
                    throw new RuleSetException(file, "reaches", $"the reach id '{reach.Id}' is also used in '{reachFiles[reach.Id]}'; reach ids are unique across systems");
                }
            }

            systems.Add(Build(river, regions));
        }

        return new RiverCatalog(systems);
    }

    private static RiverSystem Build(RiverFile river, RegionCatalog regions)
    {
        Region Code(string code) => regions.All.First(r => r.Code == code);
        var reaches = river.Reaches.Select(r => new Reach
        {
            Id = r.Id,
            Name = r.Name.Trim(),
            From = r.From.Trim(),
            To = r.To.Trim(),
            FlowsInto = r.FlowsInto,
            Mouth = r.Mouth?.Trim(),
            Beyond = [.. r.Beyond.Select(Code)],
            Jurisdiction = Code(r.Jurisdiction),
            OtherBank = [.. r.OtherBank.Select(Code)],
            LengthKm = r.LengthKm!.ToSourced(),
            DefaultVelocity = r.Velocity.Default?.ToSourced(),
            Seasons = [.. r.Velocity.Seasons.Select(s => new SeasonalVelocity(s.Months, s.MetresPerSecond!.ToSourced()))],
            WidthM = r.WidthM?.ToSourced(),
            DepthM = r.DepthM?.ToSourced(),
            Slope = r.Slope?.ToSourced(),
            DispersionM2PerS = r.DispersionM2PerS?.ToSourced(),
        }).ToList();
        var intakes = river.Intakes.Select(i => new Intake
        {
            Id = i.Id,
            Name = i.Name.Trim(),
            Operator = i.Operator.Trim(),
            ReachId = i.Reach,
            PositionKm = i.PositionKm!.ToSourced(),
            Jurisdiction = Code(i.Jurisdiction),
            PeopleServed = i.PeopleServed?.ToSourced(),
            PeopleServedUnknown = i.PeopleServedUnknown?.Trim(),
            Source = i.Source.Trim(),
        }).ToList();
        return new RiverSystem(river.Id, river.Name.Trim(), river.Source.Trim(), reaches, intakes);
    }

    private static void Check(string file, RiverFile river, RegionCatalog regions)
    {
        void Fail(string key, string problem) => throw new RuleSetException(file, key, problem);

        void Figure(string key, FigureEntry? figure, bool required, bool zeroAllowed)
        {
            if (figure is null)
            {
                if (required)
                {
                    Fail(key, "is missing");
                }

                return;
            }

            if (figure.Value is not { } value || !double.IsFinite(value))
            {
                Fail($"{key}.value", "needs a number");
            }
            else if (value < 0 || (value == 0 && !zeroAllowed))
            {
                Fail($"{key}.value", $"{value} must be {(zeroAllowed ? "zero or more" : "more than zero")}");
            }

            if (string.IsNullOrWhiteSpace(figure.Source))
            {
                Fail($"{key}.source", "every figure needs its source (or how it was derived)");
            }

            if (string.IsNullOrWhiteSpace(figure.Date))
            {
                Fail($"{key}.date", "every figure needs the date it held");
            }
        }

        void Jurisdiction(string key, string code)
        {
            if (!regions.All.Any(r => r.Code == code))
            {
                Fail(key, $"'{code}' is not a region of the catalog (config/regions); add it there with its GB/T 2260 code");
            }
        }

        if (string.IsNullOrWhiteSpace(river.Id))
        {
            Fail("id", "must not be empty");
        }

        if (string.IsNullOrWhiteSpace(river.Source))
        {
            Fail("source", "the river system needs its source");
        }

        if (river.Reaches.Count == 0)
        {
            Fail("reaches", "a river system needs at least one reach");
        }

        var byId = new Dictionary<string, ReachEntry>(StringComparer.Ordinal);
        for (var i = 0; i < river.Reaches.Count; i++)
        {
            var reach = river.Reaches[i];
            var key = $"reaches[{i}]";
            if (string.IsNullOrWhiteSpace(reach.Id))
            {
                Fail($"{key}.id", "must not be empty");
            }
            else if (!byId.TryAdd(reach.Id, reach))
            {
                Fail($"{key}.id", $"'{reach.Id}' is listed twice");
            }

            Jurisdiction($"{key}.jurisdiction", reach.Jurisdiction);
            Figure($"{key}.lengthKm", reach.LengthKm, required: true, zeroAllowed: false);
            CheckVelocity(key, reach.Velocity, Fail, Figure);
            Figure($"{key}.widthM", reach.WidthM, required: false, zeroAllowed: false);
            Figure($"{key}.depthM", reach.DepthM, required: false, zeroAllowed: false);
            Figure($"{key}.slope", reach.Slope, required: false, zeroAllowed: false);
            Figure($"{key}.dispersionM2PerS", reach.DispersionM2PerS, required: false, zeroAllowed: false);
            for (var b = 0; b < reach.Beyond.Count; b++)
            {
                Jurisdiction($"{key}.beyond[{b}]", reach.Beyond[b]);
            }

            for (var b = 0; b < reach.OtherBank.Count; b++)
            {
                Jurisdiction($"{key}.otherBank[{b}]", reach.OtherBank[b]);
            }
        }

        for (var i = 0; i < river.Reaches.Count; i++)
        {
            var reach = river.Reaches[i];
            var key = $"reaches[{i}]";
            if (reach.FlowsInto is null)
            {
                if (string.IsNullOrWhiteSpace(reach.Mouth))
                {
                    Fail($"{key}.mouth", $"reach '{reach.Id}' flows into no listed reach: say where the river goes beyond the data");
                }
            }
            else if (!byId.ContainsKey(reach.FlowsInto))
            {
                Fail($"{key}.flowsInto", $"'{reach.FlowsInto}' is not a reach of this file");
            }
            else if (reach.Beyond.Count > 0 || reach.Mouth is not null)
            {
                Fail($"{key}.flowsInto", $"reach '{reach.Id}' flows into '{reach.FlowsInto}', so it has no mouth or jurisdictions beyond");
            }
        }

        foreach (var start in river.Reaches)
        {
            var path = new List<string>();
            for (var current = start; current is not null; current = current.FlowsInto is { } next ? byId.GetValueOrDefault(next) : null)
            {
                if (path.Contains(current.Id))
                {
                    Fail("reaches", $"the reaches {string.Join(" → ", path.SkipWhile(id => id != current.Id).Append(current.Id))} flow in a circle");
                }

                path.Add(current.Id);
            }
        }

        var intakeIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < river.Intakes.Count; i++)
        {
            var intake = river.Intakes[i];
            var key = $"intakes[{i}]";
            if (string.IsNullOrWhiteSpace(intake.Id) || !intakeIds.Add(intake.Id))
            {
                Fail($"{key}.id", $"'{intake.Id}' is empty or listed twice");
            }

            if (string.IsNullOrWhiteSpace(intake.Operator))
            {
                Fail($"{key}.operator", "an intake needs its operator, the party to warn");
            }

            if (string.IsNullOrWhiteSpace(intake.Source))
            {
                Fail($"{key}.source", "an intake needs its source");
            }

            Jurisdiction($"{key}.jurisdiction", intake.Jurisdiction);
            Figure($"{key}.positionKm", intake.PositionKm, required: true, zeroAllowed: true);
            if (!byId.TryGetValue(intake.Reach, out var reach))
            {
                Fail($"{key}.reach", $"'{intake.Reach}' is not a reach of this file");
            }
            else if (intake.PositionKm!.Value > reach.LengthKm!.Value)
            {
                Fail($"{key}.positionKm", $"km {intake.PositionKm.Value} lies off reach '{reach.Id}', which is {reach.LengthKm.Value} km long");
            }

            if (intake.PeopleServed is null && string.IsNullOrWhiteSpace(intake.PeopleServedUnknown))
            {
                Fail($"{key}.peopleServed", "give the people served with its source, or say in peopleServedUnknown why it is not known");
            }

            Figure($"{key}.peopleServed", intake.PeopleServed, required: false, zeroAllowed: true);
        }
    }

    private static void CheckVelocity(string key, VelocityEntry velocity, Action<string, string> fail, Action<string, FigureEntry?, bool, bool> figure)
    {
        if (velocity.Default is null && velocity.Seasons.Count == 0)
        {
            fail($"{key}.velocity", "needs a default velocity or one for a season");
        }

        figure($"{key}.velocity.default", velocity.Default, false, false);
        var months = new HashSet<int>();
        for (var s = 0; s < velocity.Seasons.Count; s++)
        {
            var season = velocity.Seasons[s];
            figure($"{key}.velocity.seasons[{s}].metresPerSecond", season.MetresPerSecond, true, false);
            if (season.Months.Count == 0)
            {
                fail($"{key}.velocity.seasons[{s}].months", "name the months (1-12) the velocity holds in");
            }

            foreach (var month in season.Months)
            {
                if (month is < 1 or > 12)
                {
                    fail($"{key}.velocity.seasons[{s}].months", $"{month} is not a month (1-12)");
                }
                else if (!months.Add(month))
                {
                    fail($"{key}.velocity.seasons[{s}].months", $"month {month} has two velocities");
                }
            }
        }
    }

    private sealed class RiverFile
    {
        public string Id { get; init; } = "";

        public string Name { get; init; } = "";

        public string Source { get; init; } = "";

        public List<ReachEntry> Reaches { get; init; } = [];

        public List<IntakeEntry> Intakes { get; init; } = [];
    }

    private sealed class ReachEntry
    {
        public string Id { get; init; } = "";

        public string Name { get; init; } = "";

        public string From { get; init; } = "";

        public string To { get; init; } = "";

        public string? FlowsInto { get; init; }

        public string? Mouth { get; init; }

        public List<string> Beyond { get; init; } = [];

        public string Jurisdiction { get; init; } = "";

        public List<string> OtherBank { get; init; } = [];

        public FigureEntry? LengthKm { get; init; }

        public VelocityEntry Velocity { get; init; } = new();

        public FigureEntry? WidthM { get; init; }

        public FigureEntry? DepthM { get; init; }

        public FigureEntry? Slope { get; init; }

        public FigureEntry? DispersionM2PerS { get; init; }
    }

    private sealed class VelocityEntry
    {
        public FigureEntry? Default { get; init; }

        public List<SeasonEntry> Seasons { get; init; } = [];
    }

    private sealed class SeasonEntry
    {
        public List<int> Months { get; init; } = [];

        public FigureEntry? MetresPerSecond { get; init; }
    }

    private sealed class IntakeEntry
    {
        public string Id { get; init; } = "";

        public string Name { get; init; } = "";

        public string Operator { get; init; } = "";

        public string Reach { get; init; } = "";

        public string Jurisdiction { get; init; } = "";

        public FigureEntry? PositionKm { get; init; }

        public FigureEntry? PeopleServed { get; init; }

        public string? PeopleServedUnknown { get; init; }

        public string Source { get; init; } = "";
    }

    private sealed class FigureEntry
    {
        public double? Value { get; init; }

        public string Source { get; init; } = "";

        public string Date { get; init; } = "";

        public Sourced ToSourced() => new(Value ?? 0, Source.Trim(), Date.Trim());
    }
}
