using Emergency.Domain.Incidents;

namespace Emergency.Domain.Drills;

/// <summary>
/// The facts an inject names, laid over what the incident knew before: a scenario says what changed
/// ("crossBoundary: crossProvince"), not every fact again. A fact set to null becomes unknown.
/// </summary>
public sealed record FactsPatch(IncidentFacts Values, IReadOnlyList<string> Fields)
{
    /// <summary>Every fact a scenario may name, by its API name.</summary>
    public static readonly IReadOnlyList<string> Known =
    [
        "deaths", "poisoned", "seriouslyInjured", "evacuated", "directLossCny",
        "drinkingWaterIntakeCut", "crossBoundary", "ecologicalImpact",
        "hazardousReleaseInSensitiveArea", "drinkingWaterSource", "sensitiveReceptors", "heavyMetals",
        "possibleCrossProvince", "massIncident",
    ];

    /// <summary>The counts of people and money: whole numbers (money may have decimals), never negative.</summary>
    public static readonly IReadOnlySet<string> Counts = new HashSet<string> { "deaths", "poisoned", "seriouslyInjured", "evacuated", "directLossCny" };

    public static readonly IReadOnlySet<string> Flags = new HashSet<string>
    {
        "hazardousReleaseInSensitiveArea", "drinkingWaterSource", "sensitiveReceptors", "heavyMetals", "possibleCrossProvince", "massIncident",
    };

    public IncidentFacts ApplyTo(IncidentFacts facts)
    {
        foreach (var field in Fields)
        {
            facts = field switch
            {
                "deaths" => facts with { Deaths = Values.Deaths },
                "poisoned" => facts with { Poisoned = Values.Poisoned },
                "seriouslyInjured" => facts with { SeriouslyInjured = Values.SeriouslyInjured },
                "evacuated" => facts with { Evacuated = Values.Evacuated },
                "directLossCny" => facts with { DirectLossCny = Values.DirectLossCny },
                "drinkingWaterIntakeCut" => facts with { DrinkingWaterIntakeCut = Values.DrinkingWaterIntakeCut },
                "crossBoundary" => facts with { CrossBoundary = Values.CrossBoundary },
                "ecologicalImpact" => facts with { EcologicalImpact = Values.EcologicalImpact },
                "hazardousReleaseInSensitiveArea" => facts with { HazardousReleaseInSensitiveArea = Values.HazardousReleaseInSensitiveArea },
                "drinkingWaterSource" => facts with { DrinkingWaterSource = Values.DrinkingWaterSource },
                "sensitiveReceptors" => facts with { SensitiveReceptors = Values.SensitiveReceptors },
                "heavyMetals" => facts with { HeavyMetals = Values.HeavyMetals },
                "possibleCrossProvince" => facts with { PossibleCrossProvince = Values.PossibleCrossProvince },
                "massIncident" => facts with { MassIncident = Values.MassIncident },
                _ => throw new InvalidOperationException($"unknown fact '{field}'"),
            };
        }

        return facts;
    }

    /// <summary>Sets one fact from its value as read (null: unknown; int, decimal, bool or an enum value).</summary>
    internal FactsPatch With(string field, object? value) => new(field switch
    {
        "deaths" => Values with { Deaths = (int?)value },
        "poisoned" => Values with { Poisoned = (int?)value },
        "seriouslyInjured" => Values with { SeriouslyInjured = (int?)value },
        "evacuated" => Values with { Evacuated = (int?)value },
        "directLossCny" => Values with { DirectLossCny = (decimal?)value },
        "drinkingWaterIntakeCut" => Values with { DrinkingWaterIntakeCut = (WaterIntakeCut?)value },
        "crossBoundary" => Values with { CrossBoundary = (CrossBoundary?)value },
        "ecologicalImpact" => Values with { EcologicalImpact = (EcologicalImpact?)value },
        "hazardousReleaseInSensitiveArea" => Values with { HazardousReleaseInSensitiveArea = (bool)value! },
        "drinkingWaterSource" => Values with { DrinkingWaterSource = (bool)value! },
        "sensitiveReceptors" => Values with { SensitiveReceptors = (bool)value! },
        "heavyMetals" => Values with { HeavyMetals = (bool)value! },
        "possibleCrossProvince" => Values with { PossibleCrossProvince = (bool)value! },
        "massIncident" => Values with { MassIncident = (bool)value! },
        _ => throw new InvalidOperationException($"unknown fact '{field}'"),
    }, [.. Fields, field]);

    public static FactsPatch Empty { get; } = new(new IncidentFacts(), []);

    /// <summary>The enum type of a scale fact, or null for counts and flags.</summary>
    internal static Type? ScaleOf(string field) => field switch
    {
        "drinkingWaterIntakeCut" => typeof(WaterIntakeCut),
        "crossBoundary" => typeof(CrossBoundary),
        "ecologicalImpact" => typeof(EcologicalImpact),
        _ => null,
    };
}
