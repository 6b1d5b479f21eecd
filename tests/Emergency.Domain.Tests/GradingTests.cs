using Emergency.Domain.Incidents;
using Emergency.Domain.Rules;
using Emergency.Testing;

namespace Emergency.Domain.Tests;

/// <summary>Grading at every boundary of both real grading tables.</summary>
public sealed class GradingTests
{
    [Theory]
    // deaths, 2014: I ≥30, II 10–29, III 3–9, IV <3
    [InlineData("cn-2014", "deaths", 30, IncidentLevel.I)]
    [InlineData("cn-2014", "deaths", 29, IncidentLevel.II)]
    [InlineData("cn-2014", "deaths", 10, IncidentLevel.II)]
    [InlineData("cn-2014", "deaths", 9, IncidentLevel.III)]
    [InlineData("cn-2014", "deaths", 3, IncidentLevel.III)]
    [InlineData("cn-2014", "deaths", 2, IncidentLevel.IV)]
    [InlineData("cn-2014", "deaths", 1, IncidentLevel.IV)]
    [InlineData("cn-2014", "deaths", 0, IncidentLevel.IV)]
    // deaths, 2011: I ≥10, II 3–9, III 1–2
    [InlineData("cn-2011", "deaths", 30, IncidentLevel.I)]
    [InlineData("cn-2011", "deaths", 10, IncidentLevel.I)]
    [InlineData("cn-2011", "deaths", 9, IncidentLevel.II)]
    [InlineData("cn-2011", "deaths", 3, IncidentLevel.II)]
    [InlineData("cn-2011", "deaths", 2, IncidentLevel.III)]
    [InlineData("cn-2011", "deaths", 1, IncidentLevel.III)]
    [InlineData("cn-2011", "deaths", 0, IncidentLevel.IV)]
    // poisoned, both: I ≥100, II 50–99, III 10–49
    [InlineData("cn-2014", "poisoned", 100, IncidentLevel.I)]
    [InlineData("cn-2014", "poisoned", 99, IncidentLevel.II)]
    [InlineData("cn-2014", "poisoned", 50, IncidentLevel.II)]
    [InlineData("cn-2014", "poisoned", 49, IncidentLevel.III)]
    [InlineData("cn-2014", "poisoned", 10, IncidentLevel.III)]
    [InlineData("cn-2014", "poisoned", 9, IncidentLevel.IV)]
    [InlineData("cn-2011", "poisoned", 100, IncidentLevel.I)]
    [InlineData("cn-2011", "poisoned", 99, IncidentLevel.II)]
    [InlineData("cn-2011", "poisoned", 50, IncidentLevel.II)]
    [InlineData("cn-2011", "poisoned", 49, IncidentLevel.III)]
    [InlineData("cn-2011", "poisoned", 10, IncidentLevel.III)]
    [InlineData("cn-2011", "poisoned", 9, IncidentLevel.IV)]
    // seriously injured: counted by 2014, not by 2011
    [InlineData("cn-2014", "seriouslyInjured", 100, IncidentLevel.I)]
    [InlineData("cn-2014", "seriouslyInjured", 50, IncidentLevel.II)]
    [InlineData("cn-2014", "seriouslyInjured", 10, IncidentLevel.III)]
    [InlineData("cn-2014", "seriouslyInjured", 9, IncidentLevel.IV)]
    [InlineData("cn-2011", "seriouslyInjured", 100, IncidentLevel.IV)]
    // evacuated, both: I ≥50,000, II 10,000–49,999, III 5,000–9,999
    [InlineData("cn-2014", "evacuated", 50_000, IncidentLevel.I)]
    [InlineData("cn-2014", "evacuated", 49_999, IncidentLevel.II)]
    [InlineData("cn-2014", "evacuated", 10_000, IncidentLevel.II)]
    [InlineData("cn-2014", "evacuated", 9_999, IncidentLevel.III)]
    [InlineData("cn-2014", "evacuated", 5_000, IncidentLevel.III)]
    [InlineData("cn-2014", "evacuated", 4_999, IncidentLevel.IV)]
    [InlineData("cn-2011", "evacuated", 50_000, IncidentLevel.I)]
    [InlineData("cn-2011", "evacuated", 49_999, IncidentLevel.II)]
    [InlineData("cn-2011", "evacuated", 10_000, IncidentLevel.II)]
    [InlineData("cn-2011", "evacuated", 9_999, IncidentLevel.III)]
    [InlineData("cn-2011", "evacuated", 5_000, IncidentLevel.III)]
    [InlineData("cn-2011", "evacuated", 4_999, IncidentLevel.IV)]
    // direct loss, both: I ≥100 m, II 20–100 m, III 5–20 m
    [InlineData("cn-2014", "directLossCny", 100_000_000, IncidentLevel.I)]
    [InlineData("cn-2014", "directLossCny", 99_999_999, IncidentLevel.II)]
    [InlineData("cn-2014", "directLossCny", 20_000_000, IncidentLevel.II)]
    [InlineData("cn-2014", "directLossCny", 19_999_999, IncidentLevel.III)]
    [InlineData("cn-2014", "directLossCny", 5_000_000, IncidentLevel.III)]
    [InlineData("cn-2014", "directLossCny", 4_999_999, IncidentLevel.IV)]
    [InlineData("cn-2011", "directLossCny", 100_000_000, IncidentLevel.I)]
    [InlineData("cn-2011", "directLossCny", 99_999_999, IncidentLevel.II)]
    [InlineData("cn-2011", "directLossCny", 20_000_000, IncidentLevel.II)]
    [InlineData("cn-2011", "directLossCny", 19_999_999, IncidentLevel.III)]
    [InlineData("cn-2011", "directLossCny", 5_000_000, IncidentLevel.III)]
    [InlineData("cn-2011", "directLossCny", 4_999_999, IncidentLevel.IV)]
    public void Counted_criterion_boundary(string ruleSet, string fact, long value, IncidentLevel expected)
    {
        var grade = Grader.Grade(Facts.Known.With(fact, value), RealRules.Get(ruleSet));

        Assert.Equal(expected, grade.Level);
        Assert.False(grade.Unclear);
        Assert.Equal(ruleSet, grade.RuleSetId);
        var reason = Assert.Single(grade.Reasons);
        Assert.StartsWith($"{expected}: ", reason.En(), StringComparison.Ordinal);
        if (expected != IncidentLevel.IV)
        {
            Assert.Contains(LabelOf(ruleSet, fact), reason.En(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("cn-2014", 10, "II: deaths 10 ≥ 10")]
    [InlineData("cn-2011", 10, "I: deaths 10 ≥ 10")]
    [InlineData("cn-2011", 1, "III: deaths 1 ≥ 1")]
    public void Counted_reason_names_criterion_value_and_threshold(string ruleSet, int deaths, string expected)
    {
        var grade = Grader.Grade(Facts.Known with { Deaths = deaths }, RealRules.Get(ruleSet));

        Assert.Equal([expected], grade.Reasons.Select(r => r.En()));
    }

    [Fact]
    public void Loss_reason_uses_grouped_yuan()
    {
        var grade = Grader.Grade(Facts.Known with { DirectLossCny = 20_000_000m }, RealRules.Cn2014);

        Assert.Equal(["II: direct economic loss (CNY) 20,000,000 ≥ 20,000,000"], grade.Reasons.Select(r => r.En()));
    }

    [Theory]
    [InlineData("cn-2014", IncidentLevel.II, "II: people poisoned or seriously injured 60 ≥ 50")]
    [InlineData("cn-2011", IncidentLevel.III, "III: people poisoned 30 ≥ 10")]
    public void Poisoned_and_injured_are_added_by_2014_only(string ruleSet, IncidentLevel expected, string reason)
    {
        var grade = Grader.Grade(Facts.Known with { Poisoned = 30, SeriouslyInjured = 30 }, RealRules.Get(ruleSet));

        Assert.Equal(expected, grade.Level);
        Assert.Equal([reason], grade.Reasons.Select(r => r.En()));
    }

    [Theory]
    [InlineData("cn-2014", IntakeScale.Township, IncidentLevel.III, "III: intake of the centralised drinking-water source of a township interrupted by pollution (intake: Xiaozhuang township intake)")]
    [InlineData("cn-2014", IntakeScale.County, IncidentLevel.II, "II: intake of the centralised drinking-water source of a county-level city interrupted by pollution (intake: Xiaozhuang township intake)")]
    [InlineData("cn-2014", IntakeScale.City, IncidentLevel.I, "I: intake of the centralised drinking-water source of a city with districts or above interrupted by pollution (intake: Xiaozhuang township intake)")]
    [InlineData("cn-2011", IntakeScale.Township, IncidentLevel.III, "III: intake of the centralised drinking-water source of a township interrupted by pollution (intake: Xiaozhuang township intake)")]
    [InlineData("cn-2011", IntakeScale.County, IncidentLevel.II, "II: intake of the centralised drinking-water source of a county-level city interrupted by pollution (intake: Xiaozhuang township intake)")]
    [InlineData("cn-2011", IntakeScale.City, IncidentLevel.I, "I: intake of the centralised drinking-water source of a prefecture-level city or above interrupted by pollution (intake: Xiaozhuang township intake)")]
    public void Drinking_water_intake_interruption_names_the_intake(string ruleSet, IntakeScale scale, IncidentLevel expected, string reason)
    {
        var grade = Grader.Grade(Facts.Known with { IntakeInterruption = new IntakeInterruption { Intake = "Xiaozhuang township intake", Scale = scale } }, RealRules.Get(ruleSet));

        Assert.Equal(expected, grade.Level);
        Assert.Equal([reason], grade.Reasons.Select(r => r.En()));
    }

    [Theory]
    [InlineData("cn-2014", CrossBoundary.CountyDispute, IncidentLevel.IV, "IV: dispute between counties")]
    [InlineData("cn-2014", CrossBoundary.CrossCity, IncidentLevel.III, "III: crosses a city boundary")]
    [InlineData("cn-2014", CrossBoundary.CrossProvince, IncidentLevel.II, "II: crosses a province boundary")]
    [InlineData("cn-2014", CrossBoundary.MajorCrossBorder, IncidentLevel.I, "I: major impact across a national border (重大跨国境影响)")]
    [InlineData("cn-2014", CrossBoundary.CrossBorder, IncidentLevel.IV, "IV: crosses a national border without a major impact: the 2014 plan grades a national border only when the impact is major")]
    [InlineData("cn-2011", CrossBoundary.MajorCrossBorder, IncidentLevel.I, "I: crosses a national border (major impact)")]
    [InlineData("cn-2011", CrossBoundary.CountyDispute, IncidentLevel.IV, "IV: no criterion of a more serious level is met")]
    [InlineData("cn-2011", CrossBoundary.CrossCity, IncidentLevel.III, "III: crosses a city boundary")]
    [InlineData("cn-2011", CrossBoundary.CrossProvince, IncidentLevel.II, "II: crosses a province boundary")]
    [InlineData("cn-2011", CrossBoundary.CrossBorder, IncidentLevel.I, "I: crosses a national border")]
    public void Cross_boundary(string ruleSet, CrossBoundary cross, IncidentLevel expected, string reason)
    {
        var grade = Grader.Grade(Facts.Known with { CrossBoundary = cross }, RealRules.Get(ruleSet));

        Assert.Equal(expected, grade.Level);
        Assert.Equal([reason], grade.Reasons.Select(r => r.En()));
    }

    [Theory]
    [InlineData("cn-2014", EcologicalImpact.SomeEffect, IncidentLevel.IV, "IV: some ecological effect, below level III")]
    [InlineData("cn-2014", EcologicalImpact.ProtectedSpeciesHarmed, IncidentLevel.III, "III: protected species harmed")]
    [InlineData("cn-2014", EcologicalImpact.PartialLossOrMassDieOff, IncidentLevel.II, "II: regional ecological function partly lost or mass die-off of protected populations")]
    [InlineData("cn-2014", EcologicalImpact.RegionalLossOrExtinction, IncidentLevel.I, "I: regional ecological function lost or protected species extinct in the region")]
    [InlineData("cn-2011", EcologicalImpact.SomeEffect, IncidentLevel.IV, "IV: no criterion of a more serious level is met")]
    [InlineData("cn-2011", EcologicalImpact.ProtectedSpeciesHarmed, IncidentLevel.III, "III: protected species harmed")]
    [InlineData("cn-2011", EcologicalImpact.PartialLossOrMassDieOff, IncidentLevel.II, "II: regional ecological function partly lost or mass die-off of protected populations")]
    [InlineData("cn-2011", EcologicalImpact.RegionalLossOrExtinction, IncidentLevel.I, "I: regional ecological function lost or protected species extinct")]
    public void Ecological_impact(string ruleSet, EcologicalImpact impact, IncidentLevel expected, string reason)
    {
        var grade = Grader.Grade(Facts.Known with { EcologicalImpact = impact }, RealRules.Get(ruleSet));

        Assert.Equal(expected, grade.Level);
        Assert.Equal([reason], grade.Reasons.Select(r => r.En()));
    }

    [Theory]
    [InlineData("cn-2011", IncidentLevel.II)]
    [InlineData("cn-2014", IncidentLevel.IV)]
    public void Hazardous_release_in_sensitive_area_is_level_II_under_2011_only(string ruleSet, IncidentLevel expected)
    {
        var grade = Grader.Grade(Facts.Known with { HazardousReleaseInSensitiveArea = true }, RealRules.Get(ruleSet));

        Assert.Equal(expected, grade.Level);
        if (expected == IncidentLevel.II)
        {
            var reason = Assert.Single(grade.Reasons);
            Assert.StartsWith("II: heavy-metal or hazardous-chemical explosion or leak", reason.En(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("cn-2014")]
    [InlineData("cn-2011")]
    public void Nothing_met_is_level_IV_with_its_reason(string ruleSet)
    {
        var grade = Grader.Grade(Facts.Known, RealRules.Get(ruleSet));

        Assert.Equal(IncidentLevel.IV, grade.Level);
        Assert.Equal(["IV: no criterion of a more serious level is met"], grade.Reasons.Select(r => r.En()));
        Assert.Equal("county government", grade.LeadAuthority.En());
        Assert.Equal("县级人民政府", grade.LeadAuthority.Zh());
    }

    [Fact]
    public void Highest_level_met_wins_and_only_its_reasons_are_given()
    {
        var facts = Facts.Known with
        {
            Deaths = 3, // III
            Evacuated = 12_000, // II
            IntakeInterruption = new IntakeInterruption { Intake = "Xiaozhuang township intake", Scale = IntakeScale.Township }, // III
            CrossBoundary = CrossBoundary.CrossProvince, // II
        };

        var grade = Grader.Grade(facts, RealRules.Cn2014);

        Assert.Equal(IncidentLevel.II, grade.Level);
        Assert.Equal(2, grade.Reasons.Count);
        Assert.Contains("II: people evacuated 12,000 ≥ 10,000", grade.Reasons.Select(r => r.En()));
        Assert.Contains("II: crosses a province boundary", grade.Reasons.Select(r => r.En()));
        Assert.All(grade.Reasons, r => Assert.StartsWith("II: ", r.En(), StringComparison.Ordinal));
        Assert.Equal("provincial government", grade.LeadAuthority.En());
    }

    [Fact]
    public void A_single_criterion_at_level_I_outweighs_everything_else()
    {
        var facts = Facts.Known with { Deaths = 0, Poisoned = 60, EcologicalImpact = EcologicalImpact.RegionalLossOrExtinction };

        var grade = Grader.Grade(facts, RealRules.Cn2011);

        Assert.Equal(IncidentLevel.I, grade.Level);
        Assert.Equal(["I: regional ecological function lost or protected species extinct"], grade.Reasons.Select(r => r.En()));
    }

    [Theory]
    [InlineData(IncidentLevel.I, "provincial government")]
    [InlineData(IncidentLevel.II, "provincial government")]
    [InlineData(IncidentLevel.III, "city government")]
    [InlineData(IncidentLevel.IV, "county government")]
    public void Lead_authority_follows_the_level(IncidentLevel level, string authority)
    {
        var facts = level switch
        {
            IncidentLevel.I => Facts.LevelI,
            IncidentLevel.II => Facts.LevelII,
            IncidentLevel.III => Facts.LevelIII,
            _ => Facts.LevelIV,
        };

        var grade = Grader.Grade(facts, RealRules.Cn2014);

        Assert.Equal(level, grade.Level);
        Assert.Equal(authority, grade.LeadAuthority.En());
    }

    [Fact]
    public void An_unknown_grading_fact_makes_the_level_unclear()
    {
        Assert.True(Grader.Grade(Facts.Known with { Deaths = null }, RealRules.Cn2014).Unclear);
        Assert.True(Grader.Grade(Facts.Known with { SeriouslyInjured = null }, RealRules.Cn2014).Unclear);
        Assert.True(Grader.Grade(Facts.Known with { CrossBoundary = null }, RealRules.Cn2014).Unclear);
        Assert.True(Grader.Grade(new IncidentFacts(), RealRules.Cn2011).Unclear);
        Assert.False(Grader.Grade(Facts.Known, RealRules.Cn2014).Unclear);
    }

    [Fact]
    public void Seriously_injured_unknown_does_not_make_2011_unclear_because_2011_does_not_count_it()
    {
        Assert.False(Grader.Grade(Facts.Known with { SeriouslyInjured = null }, RealRules.Cn2011).Unclear);
    }

    [Fact]
    public void Level_I_is_never_unclear_since_nothing_unknown_can_raise_it()
    {
        var grade = Grader.Grade(Facts.LevelI with { Deaths = null, Evacuated = null }, RealRules.Cn2014);

        Assert.Equal(IncidentLevel.I, grade.Level);
        Assert.False(grade.Unclear);
    }

    [Fact]
    public void Known_counts_grade_even_when_others_are_unknown()
    {
        var grade = Grader.Grade(new IncidentFacts { Poisoned = 50 }, RealRules.Cn2014);

        Assert.Equal(IncidentLevel.II, grade.Level);
        Assert.True(grade.Unclear);
    }

    private static string LabelOf(string ruleSet, string fact) => (ruleSet, fact) switch
    {
        (_, "deaths") => "deaths",
        ("cn-2014", "poisoned" or "seriouslyInjured") => "people poisoned or seriously injured",
        (_, "poisoned") => "people poisoned",
        (_, "evacuated") => "people evacuated",
        (_, "directLossCny") => "direct economic loss (CNY)",
        _ => throw new ArgumentOutOfRangeException(nameof(fact), fact, null),
    };
}
