using Emergency.Domain.Drills;
using Emergency.Drills.Tests.Infrastructure;

namespace Emergency.Drills.Tests;

/// <summary>warningRaised is scored against the warnings the drill saw: met by its time, late by how much, or missed.</summary>
public sealed class WarningScoringTests
{
    private static readonly Scenario Surge = ScenarioReader.Read(Scenarios.Minimal(
        "  - {at: +10m, kind: complaint, channel: hotline12369, enterprise: Plant A, text: smell, repeat: 6, every: 10m}",
        "  - warningRaised: {enterprise: Plant A, by: +1h}"), "surge.yaml");

    [Fact]
    public void A_warning_raised_by_its_time_is_met_with_the_moment_and_the_count()
    {
        var result = Score(new DrillWarningRecord("Plant A", Surge.At(TimeSpan.FromMinutes(50)), 5, null));

        Assert.Equal(ExpectationOutcome.Met, result.Outcome);
        Assert.Equal(Surge.At(TimeSpan.FromMinutes(50)), result.Actual);
        Assert.Contains("on 5 complaints", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_warning_raised_after_its_time_is_late_by_the_difference_and_spellings_do_not_matter()
    {
        var result = Score(new DrillWarningRecord("  plant   a", Surge.At(TimeSpan.FromMinutes(75)), 5, null));

        Assert.Equal(ExpectationOutcome.Late, result.Outcome);
        Assert.Equal(TimeSpan.FromMinutes(15), result.By);
    }

    [Fact]
    public void No_warning_about_the_subject_is_missed_and_the_report_counts_every_complaint()
    {
        var report = DrillScoring.Score(Surge, "fast", [], [], [], 0, [new DrillWarningRecord("Plant B", Surge.At(TimeSpan.FromMinutes(20)), 5, null)]);

        Assert.Equal(ExpectationOutcome.Missed, report.Expectations[0].Outcome);
        Assert.Contains("no warning about Plant A", report.Expectations[0].Detail, StringComparison.Ordinal);
        Assert.Equal(6, report.Complaints);
        Assert.Equal("Plant B", Assert.Single(report.Warnings).Subject);
    }

    private static ExpectationResult Score(DrillWarningRecord warning) =>
        DrillScoring.Score(Surge, "fast", [], [], [], 0, [warning]).Expectations.Single(e => e.Kind == WarningRaisedExpectation.KindName);
}
