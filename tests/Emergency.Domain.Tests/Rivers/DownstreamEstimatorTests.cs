using Emergency.Domain.Rivers;
using Emergency.Domain.Tests.Regions;
using Emergency.Testing;

namespace Emergency.Domain.Tests.Rivers;

/// <summary>The downstream estimate against cases computed by hand (docs/rivers.md).</summary>
public sealed class DownstreamEstimatorTests
{
    private static readonly DateTimeOffset January = new(2020, 1, 10, 8, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void On_one_reach_the_advective_arrival_is_distance_over_velocity()
    {
        var rivers = Rivers(Reach("a", "140400", 100, velocity: 0.5, mouth: true), intakes: [Intake("i", "a", 46)]);

        var estimate = DownstreamEstimator.Estimate(rivers, new Spill("a", 10, January, "aniline", 1000));

        var intake = estimate.Points[0];
        Assert.Equal((DownstreamPointKind.Intake, 36d), (intake.Kind, intake.DistanceKm));
        Assert.Equal(January.AddHours(20), intake.AdvectiveArrival);
        var end = estimate.Points[1];
        Assert.Equal((DownstreamPointKind.End, 90d), (end.Kind, end.DistanceKm));
        Assert.Equal(January.AddHours(50), end.AdvectiveArrival);
        Assert.Equal(LeadingEdgeStatus.NoThreshold, intake.LeadingEdge.Status);
    }

    [Fact]
    public void The_leading_edge_and_peak_match_the_hand_computed_solution()
    {
        // u = 0.5 m/s, D = 50 m²/s, A = 100 m × 2 m, M = 1000 kg, x = 36 km:
        // peak at t = (−D + √(D² + u²x²)) / u² = 71 800.28 s, C = 0.74390 mg/L; C first reaches 0.1 mg/L at t = 61 850 s.
        var rivers = Rivers(Reach("a", "140400", 100, velocity: 0.5, mouth: true, width: 100, depth: 2, dispersion: 50), intakes: [Intake("i", "a", 46)]);

        var intake = DownstreamEstimator.Estimate(rivers, new Spill("a", 10, January, "aniline", 1000, ThresholdMgPerL: 0.1)).Points[0];

        Assert.Equal(0.74390, intake.PeakMgPerL!.Value, 5);
        Assert.Equal(LeadingEdgeStatus.Exceeds, intake.LeadingEdge.Status);
        Assert.InRange((intake.LeadingEdge.At!.Value - January).TotalSeconds, 61_849, 61_852);
        Assert.True(intake.LeadingEdge.At > January && intake.LeadingEdge.At < intake.AdvectiveArrival);
    }

    [Fact]
    public void With_fischers_dispersion_the_leading_edge_lies_between_the_spill_and_the_advective_arrival()
    {
        var rivers = Rivers(Reach("a", "140400", 100, velocity: 0.5, mouth: true, width: 100, depth: 2, slope: 0.0005), intakes: [Intake("i", "a", 46)]);

        var intake = DownstreamEstimator.Estimate(rivers, new Spill("a", 10, January, "aniline", 1000, ThresholdMgPerL: 0.01)).Points[0];

        // D = 0.011 · 0.5² · 100² / (2 · √(9.81 · 2 · 0.0005)) = 138.83 m²/s
        Assert.Equal(138.83, DownstreamEstimator.FischerDispersion(0.5, 100, 2, 0.0005), 2);
        Assert.Equal(LeadingEdgeStatus.Exceeds, intake.LeadingEdge.Status);
        Assert.True(intake.LeadingEdge.At > January && intake.LeadingEdge.At < intake.AdvectiveArrival);
    }

    [Fact]
    public void A_peak_below_the_threshold_never_arrives()
    {
        var rivers = Rivers(Reach("a", "140400", 100, velocity: 0.5, mouth: true, width: 100, depth: 2, dispersion: 50), intakes: [Intake("i", "a", 46)]);

        var intake = DownstreamEstimator.Estimate(rivers, new Spill("a", 10, January, "aniline", 1000, ThresholdMgPerL: 0.75)).Points[0];

        Assert.Equal(new LeadingEdge(LeadingEdgeStatus.NeverAboveThreshold, null), intake.LeadingEdge);
        Assert.Equal(January.AddHours(20), intake.AdvectiveArrival);
    }

    [Fact]
    public void Below_a_confluence_the_water_crosses_its_own_tributary_then_the_main_stem_with_a_boundary_between()
    {
        // Tributaries t1 (50 km at 1 m/s, Changzhi) and t2 (30 km at 0.5 m/s, Handan) meet and flow on as m (40 km at 2 m/s, Handan).
        var rivers = Rivers(
            [
                Reach("t1", "140400", 50, velocity: 1, flowsInto: "m"),
                Reach("t2", "130400", 30, velocity: 0.5, flowsInto: "m"),
                Reach("m", "130400", 40, velocity: 2, mouth: true),
            ],
            intakes: [Intake("on-t1", "t1", 20), Intake("on-m", "m", 20)]);

        var fromT2 = DownstreamEstimator.Estimate(rivers, new Spill("t2", 0, January, "aniline", 1000));
        var fromT1 = DownstreamEstimator.Estimate(rivers, new Spill("t1", 0, January, "aniline", 1000));

        Assert.Equal(["on-m"], fromT2.Points.Where(p => p.Intake is not null).Select(p => p.Intake!.Id));
        var onM = fromT2.Points.Single(p => p.Intake?.Id == "on-m");
        Assert.Equal((50d, January.AddSeconds(60_000 + 10_000)), (onM.DistanceKm, onM.AdvectiveArrival));
        Assert.Equal(["t2", "m"], onM.Reaches);
        Assert.DoesNotContain(fromT2.Points, p => p.Kind == DownstreamPointKind.Boundary);
        Assert.Equal(
            [(DownstreamPointKind.Intake, 20d), (DownstreamPointKind.Boundary, 50d), (DownstreamPointKind.Intake, 70d), (DownstreamPointKind.End, 90d)],
            fromT1.Points.Select(p => (p.Kind, p.DistanceKm)));
        var boundary = fromT1.Points[1];
        Assert.Equal(("140400", "130400"), (boundary.From!.Code, boundary.Into.Single().Code));
        Assert.Equal(January.AddSeconds(50_000), boundary.AdvectiveArrival);
    }

    [Fact]
    public void Across_reaches_velocity_dispersion_and_cross_section_are_averaged_by_the_time_spent_in_each()
    {
        // a: 36 km at 0.5 m/s (72 000 s), D = 50, A = 200; b: 36 km at 1 m/s (36 000 s), D = 200, A = 400.
        // u = 72 000 m / 108 000 s, D = (50·72 000 + 200·36 000) / 108 000 = 100, A = (200·72 000 + 400·36 000) / 108 000 = 266.67.
        var rivers = Rivers(
            [
                Reach("a", "140400", 36, velocity: 0.5, flowsInto: "b", width: 100, depth: 2, dispersion: 50),
                Reach("b", "140400", 36, velocity: 1, mouth: true, width: 200, depth: 2, dispersion: 200),
            ],
            intakes: []);

        var end = DownstreamEstimator.Estimate(rivers, new Spill("a", 0, January, "aniline", 1000, ThresholdMgPerL: 0.1)).Points.Single();

        var u = 72_000d / 108_000;
        var peakAt = DownstreamEstimator.PeakSeconds(100, u, 72_000);
        Assert.Equal(DownstreamEstimator.Concentration(1000, 800d / 3, 100, u, 72_000, peakAt), end.PeakMgPerL!.Value, 9);
        Assert.Equal(January.AddSeconds(108_000), end.AdvectiveArrival);
    }

    [Fact]
    public void Without_geometry_on_a_reach_crossed_only_advection_is_given()
    {
        var rivers = Rivers(
            [
                Reach("a", "140400", 36, velocity: 0.5, flowsInto: "b", width: 100, depth: 2, dispersion: 50),
                Reach("b", "140400", 36, velocity: 1, mouth: true),
            ],
            intakes: []);

        var end = DownstreamEstimator.Estimate(rivers, new Spill("a", 0, January, "aniline", 1000, ThresholdMgPerL: 0.1)).Points.Single();

        Assert.Equal((LeadingEdgeStatus.NoGeometry, (double?)null), (end.LeadingEdge.Status, end.PeakMgPerL));
    }

    [Fact]
    public void A_spill_below_every_intake_says_so_and_still_gives_the_boundaries()
    {
        var rivers = Rivers(Reach("a", "140400", 100, velocity: 0.5, mouth: true, beyond: ["130426", "410581"]), intakes: [Intake("i", "a", 5)]);

        var estimate = DownstreamEstimator.Estimate(rivers, new Spill("a", 10, January, "aniline", 1000));

        Assert.False(estimate.ReachesAnIntake);
        var border = estimate.Points.Single();
        Assert.Equal((DownstreamPointKind.Boundary, "140400"), (border.Kind, border.From!.Code));
        Assert.Equal(["130426", "410581"], border.Into.Select(r => r.Code));
    }

    [Theory]
    [InlineData("nowhere", 1, 1000, null, 1, "reach", "'nowhere' is not a reach")]
    [InlineData("a", -1, 1000, null, 1, "positionKm", "km -1 lies off reach 'a', which runs from km 0 to km 100")]
    [InlineData("a", 101, 1000, null, 1, "positionKm", "km 101 lies off reach 'a'")]
    [InlineData("a", 1, 0, null, 1, "massKg", "more than zero kg")]
    [InlineData("a", 1, 1000, 0d, 1, "thresholdMgPerL", "more than zero")]
    [InlineData("a", 1, 1000, null, 7, "at", "reach 'a' has no velocity for month 7")]
    public void A_spill_the_data_cannot_answer_is_refused_with_the_field(string reach, double km, double kg, double? threshold, int month, string field, string problem)
    {
        var rivers = Rivers(Reach("a", "140400", 100, velocity: 0.5, mouth: true, months: [1, 2]), intakes: []);

        var ex = Assert.Throws<RiverEstimateException>(() =>
            DownstreamEstimator.Estimate(rivers, new Spill(reach, km, new DateTimeOffset(2020, month, 10, 8, 0, 0, TimeSpan.FromHours(8)), "aniline", kg, threshold)));

        Assert.Equal(field, ex.Field);
        Assert.Contains(problem, ex.Problem.En(), StringComparison.Ordinal);
    }

    private static RiverCatalog Rivers(Reach reach, IReadOnlyList<Intake> intakes) => Rivers([reach], intakes);

    private static RiverCatalog Rivers(IReadOnlyList<Reach> reaches, IReadOnlyList<Intake> intakes) =>
        new([new RiverSystem("test", "Test", "made for the test", reaches, intakes)]);

    private static Sourced Figure(double value) => new(value, "hand-computed test", "2020");

    private static Reach Reach(
        string id,
        string jurisdiction,
        double km,
        double velocity,
        string? flowsInto = null,
        bool mouth = false,
        double? width = null,
        double? depth = null,
        double? slope = null,
        double? dispersion = null,
        IReadOnlyList<int>? months = null,
        IReadOnlyList<string>? beyond = null) => new()
        {
            Id = id,
            Name = id,
            From = $"{id} head",
            To = $"{id} end",
            FlowsInto = flowsInto,
            Mouth = mouth ? "the sea" : null,
            Beyond = [.. (beyond ?? []).Select(Region)],
            Jurisdiction = Region(jurisdiction),
            LengthKm = Figure(km),
            DefaultVelocity = months is null ? Figure(velocity) : null,
            Seasons = months is null ? [] : [new SeasonalVelocity(months, Figure(velocity))],
            WidthM = width is { } w ? Figure(w) : null,
            DepthM = depth is { } h ? Figure(h) : null,
            Slope = slope is { } s ? Figure(s) : null,
            DispersionM2PerS = dispersion is { } d ? Figure(d) : null,
        };

    private static Intake Intake(string id, string reach, double km) => new()
    {
        Id = id,
        Name = id,
        Operator = "water company",
        ReachId = reach,
        PositionKm = Figure(km),
        Jurisdiction = Region("130400"),
        PeopleServedUnknown = "test",
        Source = "test",
    };

    private static Domain.Regions.Region Region(string code) => RealRegions.Catalog.Resolve(code).Region!;
}
