using System.Text.Json.Serialization;

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

    /// <summary>
    /// 取水中断 — the intake of a centralised drinking-water source stopped taking water because the water was
    /// polluted, and which intake. Not a supply cut (停水) for other reasons or as a precaution.
    /// </summary>
    public IntakeInterruption? IntakeInterruption { get; init; }

    /// <summary>
    /// The name under which stored states (and older clients) carry the scale alone: read as an interruption
    /// whose intake was not named. Never written.
    /// </summary>
    [JsonInclude]
    [JsonPropertyName(FactsPatch.LegacyIntakeField)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    private IntakeScale? LegacyIntakeCut
    {
        get => null;
        init
        {
            if (value is { } scale)
            {
                IntakeInterruption = new IntakeInterruption { Scale = scale };
            }
        }
    }

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

    /// <summary>
    /// Sensitive for the 2 h reporting rule (level unclear) and the 5 h information rule. A hazardous release in
    /// a residential, school or hospital area (or another sensitive area) counts: it is the kind of event the
    /// "homes, schools, hospitals" factor is about.
    /// Computed, so neither stored nor sent: the API refuses it as a field of a command.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsSensitive => DrinkingWaterSource || SensitiveReceptors || HeavyMetals || PossibleCrossProvince || MassIncident || HazardousReleaseInSensitiveArea;

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
        Rules.CategoricalCriterion.IntakeInterruption => IntakeInterruption?.Scale.ToString(),
        Rules.CategoricalCriterion.CrossBoundary => CrossBoundary?.ToString(),
        Rules.CategoricalCriterion.EcologicalImpact => EcologicalImpact?.ToString(),
        _ => throw new ArgumentOutOfRangeException(nameof(criterion), criterion, null),
    };

    /// <summary>What the grade's reason names beside the scale: which intake was interrupted.</summary>
    public Messages.Message? ScaleDetail(Rules.CategoricalCriterion criterion) => criterion switch
    {
        Rules.CategoricalCriterion.IntakeInterruption when IntakeInterruption is { Scale: not IntakeScale.None } cut =>
            cut.Intake is { Length: > 0 } intake ? IncidentTexts.IntakeNamed.With(("intake", intake)) : IncidentTexts.IntakeNotNamedBefore,
        _ => null,
    };

    public bool Flag(Rules.FlagCriterion criterion) => criterion switch
    {
        Rules.FlagCriterion.HazardousReleaseInSensitiveArea => HazardousReleaseInSensitiveArea,
        _ => throw new ArgumentOutOfRangeException(nameof(criterion), criterion, null),
    };
}

/// <summary>
/// 集中式饮用水水源地取水中断 — the intake of a centralised drinking-water source stopped because of pollution.
/// A water company's precautionary supply cut (停水) while the intake still runs is not one.
/// </summary>
public sealed record IntakeInterruption
{
    /// <summary>Which intake (水源地/取水口), for example "Handan city intake"; required for a new interruption.</summary>
    public string? Intake { get; init; }

    /// <summary>The settlement whose drinking-water source it is; None: no intake was interrupted.</summary>
    public required IntakeScale Scale { get; init; }
}

/// <summary>The settlement whose centralised drinking-water source had its intake interrupted.</summary>
public enum IntakeScale
{
    /// <summary>No intake was interrupted.</summary>
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

    /// <summary>Crosses a national border; the 2014 plan grades it I only when the impact is major (see <see cref="MajorCrossBorder"/>).</summary>
    CrossBorder,

    /// <summary>重大跨国境影响 — a major impact across a national border (2014 plan, level I).</summary>
    MajorCrossBorder,
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
