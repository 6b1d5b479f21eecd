using Emergency.Contracts;
using Emergency.Domain.Drills;
using Emergency.Domain.Incidents;
using Emergency.Drills.Tests.Infrastructure;
using Emergency.Host.Drills;
using Emergency.Testing;

namespace Emergency.Drills.Tests;

/// <summary>
/// Corrections (谎报/瞒报/漏报) in a drill: read from the file, applied through the grains, shown in the report; a release
/// shown untrue does not count as information released on time.
/// </summary>
[Collection(DrillEngineCollection.Name)]
public sealed class CorrectionDrillTests(DrillEngine engine)
{
    private const string File = "corrections.yaml";

    private const string FalseRelease = """
          - {at: +1h50m, kind: incident, incident: spill, action: draftRelease, with: {audience: public, headline: 出水镉浓度78 μg/L, text: 实测78 μg/L}}
          - {at: +1h55m, kind: incident, incident: spill, action: approveRelease, with: {release: 1, approvedBy: 王副局长}}
          - {id: release, at: +2h, kind: incident, incident: spill, action: publishRelease, with: {release: 1}}
          - id: shown
            at: +10h
            kind: correctionRecorded
            incident: spill
            correction: falsified
            concerns: releaseInformation
            declared: 78 μg/L
            actual: 118–200 μg/L measured
            known: +9h
        """;

    [Fact]
    public async Task A_release_shown_false_is_late_when_released_again_after_its_deadline_and_the_report_shows_the_correction()
    {
        var yaml = Scenarios.Minimal(
            FalseRelease + """

              - {at: +29h50m, kind: incident, incident: spill, action: correctRelease, with: {release: 1, headline: 更正, text: 实测118–200 μg/L, reason: 78 μg/L有误}}
              - {at: +29h55m, kind: incident, incident: spill, action: approveRelease, with: {release: 2, approvedBy: 王副局长}}
              - {at: +30h, kind: incident, incident: spill, action: publishRelease, with: {release: 2}}
            """,
            "  - obligationOnTime: {incident: spill, obligation: releaseInformation}");

        var (_, json) = await engine.RunFastAsync(yaml, File);
        var report = DrillReportJson.Deserialize(json);

        // The release at +2h was within its 24 h; shown untrue, it no longer counts: the true one at +30h is 6 h late.
        var release = Assert.Single(report.Expectations);
        Assert.Equal((ExpectationOutcome.Late, TimeSpan.FromHours(6)), (release.Outcome, release.By));
        Assert.Contains("shown untrue", release.Detail, StringComparison.Ordinal);
        var spill = Assert.Single(report.Incidents);
        var correction = Assert.Single(spill.Corrections);
        Assert.Equal((CorrectionKind.Falsified, "releaseInformation", "78 μg/L", "118–200 μg/L measured"), (correction.Kind, correction.Concerns, correction.Declared, correction.Actual));
        var start = new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.FromHours(8));
        Assert.Equal((start.AddHours(2), start.AddHours(9)), (correction.ConcernsAt, correction.KnownAt));
        var obligation = spill.Obligations.Single(o => o.Id == "releaseInformation");
        Assert.Equal(new DrillFalseCompletion(start.AddHours(2), 1, start.AddHours(9)), Assert.Single(obligation.ShownFalse));
        Assert.Empty(report.Refused);

        var page = DrillReportPage.Render(report, Said.Texts, Emergency.Texts.TextRenderer.English);
        Assert.Contains("False, concealed and omitted reports (谎报/瞒报/漏报)", page, StringComparison.Ordinal);
        Assert.Contains("falsified report (谎报)", page, StringComparison.Ordinal);
        Assert.Contains("118–200 μg/L measured", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_release_shown_false_and_never_released_again_is_missed()
    {
        var yaml = Scenarios.Minimal(FalseRelease, "  - obligationOnTime: {incident: spill, obligation: releaseInformation}", header: "end: +2d");

        var (_, json) = await engine.RunFastAsync(yaml, File);
        var report = DrillReportJson.Deserialize(json);

        var release = Assert.Single(report.Expectations);
        Assert.Equal(ExpectationOutcome.Missed, release.Outcome);
        Assert.Equal(TimeSpan.FromDays(1), release.By);
        Assert.Contains("never done", release.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  - {at: +1h, kind: correctionRecorded, incident: spill, correction: falsified, concerns: the press release, declared: a, actual: b}", "'concerns' must be registration, report N")]
    [InlineData("  - {at: +1h, kind: correctionRecorded, incident: spill, correction: lied, concerns: registration, declared: a, actual: b}", "'correction' must be one of falsified, concealed, omitted")]
    [InlineData("  - {at: +1h, kind: correctionRecorded, incident: spill, correction: omitted, concerns: registration, declared: a}", "'actual' is required")]
    [InlineData("  - {at: +1h, kind: correctionRecorded, incident: spill, correction: omitted, concerns: registration, declared: a, actual: b, known: +2h}", "known +2h is after the correction itself (+1h)")]
    [InlineData("  - {at: +1h, kind: obligationCompleted, incident: spill, obligation: notifyNeighbours}", "'notified' is required")]
    public void A_correction_or_a_notice_the_reader_cannot_apply_is_refused_with_its_place(string inject, string reason)
    {
        var errors = Assert.Throws<ScenarioException>(() => ScenarioReader.Read(Scenarios.Minimal(inject), File)).Errors;

        var error = Assert.Single(errors);
        Assert.Contains(reason, error.Reason.En(), StringComparison.Ordinal);
        Assert.True(error.Line > 0);
    }
}
