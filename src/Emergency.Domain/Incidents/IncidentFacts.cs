namespace Emergency.Domain.Incidents;

/// <summary>
/// What is known about an incident. A null count or scale means "not known yet": the grade is then
/// unclear, which can shorten the reporting deadline (MEP Order 17, the 2 h rule).
/// </summary>
public sealed record IncidentFacts
{
    public int? Deaths { get; init; }

    /// <summary>中毒 — people poisoned.</summary>
    public int? Poisoned { get; init; }

    /// <summary>重伤 — seriously injured (counted with the poisoned by the 2014 plan only).</summary>
    public int? SeriouslyInjured { get; init; }

    public int? Evacuated { get; init; }

    /// <summary>直接经济损失, in yuan.</summary>
    public decimal? DirectLossCny { get; init; }

    /// <summary>Scale of the drinking-water intake that had to be cut (停水).</summary>
    public WaterIntakeCut? DrinkingWaterIntakeCut { get; init; }

    public CrossBoundary? CrossBoundary { get; init; }

    public EcologicalImpact? EcologicalImpact { get; init; }

    /// <summary>Heavy-metal or hazardous-chemical explosion or leak, or hazardous-waste dumping, in a key river basin, reserve, scenic, residential, hospital or school area.</summary>
    public bool HazardousReleaseInSensitiveArea { get; init; }

    // Sensitive factors: they make an unclear level report on the 2 h rule and information release on the 5 h rule.

    /// <summary>A drinking-water source is or may be affected.</summary>
    public bool DrinkingWaterSource { get; init; }

    /// <summary>Homes, schools or hospitals are or may be affected.</summary>
    public bool SensitiveReceptors { get; init; }

    public bool HeavyMetals { get; init; }

    /// <summary>The pollution may cross a province boundary (before it is confirmed).</summary>
    public bool PossibleCrossProvince { get; init; }

    /// <summary>A mass incident (群体性事件) has happened or may happen.</summary>
    public bool MassIncident { get; init; }

    public bool IsSensitive => DrinkingWaterSource || SensitiveReceptors || HeavyMetals || PossibleCrossProvince || MassIncident;

    public decimal? Count(Rules.CountedFact fact) => fact switch
    {
        Rules.CountedFact.Deaths => Deaths,
        Rules.CountedFact.Poisoned => Poisoned,
        Rules.CountedFact.SeriouslyInjured => SeriouslyInjured,
        Rules.CountedFact.Evacuated => Evacuated,
        Rules.CountedFact.DirectLossCny => DirectLossCny,
        _ => throw new ArgumentOutOfRangeException(nameof(fact), fact, null),
    };

    public string? ScaleValue(Rules.CategoricalCriterion criterion) => criterion switch
    {
        Rules.CategoricalCriterion.DrinkingWaterIntakeCut => DrinkingWaterIntakeCut?.ToString(),
        Rules.CategoricalCriterion.CrossBoundary => CrossBoundary?.ToString(),
        Rules.CategoricalCriterion.EcologicalImpact => EcologicalImpact?.ToString(),
        _ => throw new ArgumentOutOfRangeException(nameof(criterion), criterion, null),
    };

    public bool Flag(Rules.FlagCriterion criterion) => criterion switch
    {
        Rules.FlagCriterion.HazardousReleaseInSensitiveArea => HazardousReleaseInSensitiveArea,
        _ => throw new ArgumentOutOfRangeException(nameof(criterion), criterion, null),
    };
}

/// <summary>Administrative scale of a drinking-water intake that was cut.</summary>
public enum WaterIntakeCut
{
    None,

    /// <summary>乡镇.</summary>
    Township,

    /// <summary>县级 (county or county-level city).</summary>
    County,

    /// <summary>设区的市 / 地级以上城市 (a city with districts, prefecture level or above).</summary>
    City,
}

/// <summary>How far the pollution or its effects cross administrative boundaries.</summary>
public enum CrossBoundary
{
    None,

    /// <summary>A dispute between counties (2014 plan, level IV).</summary>
    CountyDispute,

    /// <summary>Crosses a boundary between cities with districts.</summary>
    CrossCity,

    CrossProvince,

    /// <summary>Crosses a national border.</summary>
    CrossBorder,
}

/// <summary>Effect on ecological functions and protected species (the "other" row of the grading tables).</summary>
public enum EcologicalImpact
{
    None,

    SomeEffect,

    /// <summary>Protected species harmed.</summary>
    ProtectedSpeciesHarmed,

    /// <summary>Regional ecological function partly lost, or mass die-off of protected populations.</summary>
    PartialLossOrMassDieOff,

    /// <summary>Regional ecological function lost, or protected species extinct in the region.</summary>
    RegionalLossOrExtinction,
}
