using Emergency.Contracts;
using Emergency.Domain.Cases;
using Emergency.Domain.Decisions;
using Emergency.Domain.Drills;
using Emergency.Domain.Incidents;
using Emergency.Domain.Rules;
using Emergency.Drills.Tests.Infrastructure;
using Emergency.Testing;

namespace Emergency.Drills.Tests;

/// <summary>The real cases of DOMAIN.md replayed through the real engine, fast, with their outcomes asserted.</summary>
[Collection(DrillEngineCollection.Name)]
public sealed class RealScenarioTests(DrillEngine engine)
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    [Fact]
    public async Task Changzhi_the_two_hour_report_missed_by_five_days_shows_as_a_failure()
    {
        var (_, json) = await engine.RunFastAsync(Scenarios.Changzhi, "changzhi-aniline-2012.yaml");
        var report = DrillReportJson.Deserialize(json);

        Assert.False(report.Result.Passed);
        Assert.Equal((4, 6, 1), (report.Result.Met, report.Result.Late, report.Result.Missed));
        Assert.Equal("cn-2011", report.Scenario.RuleSet);

        var initialReport = report.Expectations[0];
        Assert.Equal(ExpectationOutcome.Late, initialReport.Outcome);
        Assert.Equal(new DateTimeOffset(2012, 12, 31, 9, 40, 0, Beijing), initialReport.Expected);
        Assert.Equal(new DateTimeOffset(2013, 1, 5, 17, 0, 0, Beijing), initialReport.Actual);
        Assert.Equal(new TimeSpan(5, 7, 20, 0), initialReport.By);

        Assert.Equal(ExpectationOutcome.Met, report.Expectations[1].Outcome);
        Assert.Equal(new DateTimeOffset(2013, 1, 5, 11, 0, 0, Beijing), report.Expectations[1].Actual);
        Assert.Equal(ExpectationOutcome.Met, report.Expectations[2].Outcome);

        // Hebei and Henan were told with the report to the province, 6 h after the facts said the spill crossed: 5 h late.
        var notice = report.Expectations[3];
        Assert.Equal((ExpectationOutcome.Late, TimeSpan.FromHours(5)), (notice.Outcome, notice.By));
        Assert.Equal(new DateTimeOffset(2013, 1, 5, 12, 0, 0, Beijing), notice.Expected);

        // The public learnt of the spill on 6 January (the city's account through Xinhua), not with the report of 5 January.
        var release = report.Expectations[4];
        Assert.Equal(ExpectationOutcome.Late, release.Outcome);
        Assert.Equal(new DateTimeOffset(2013, 1, 6, 7, 35, 0, Beijing), release.Actual);
        Assert.Equal(new DateTimeOffset(2012, 12, 31, 12, 40, 0, Beijing), release.Expected);
        Assert.Equal(ExpectationOutcome.Missed, report.Expectations[5].Outcome);
        Assert.Equal(new TimeSpan(5, 17, 55, 0), report.Expectations[5].By);
        Assert.Contains("releaseInformation", report.Expectations[5].Detail, StringComparison.Ordinal);

        // The city's report to the Shanxi bureau (01-05 17:00) against the 2 h hop from discovery: as late as the initial report.
        var hop = report.Expectations[6];
        Assert.Equal((ExpectationOutcome.Late, new TimeSpan(5, 7, 20, 0)), (hop.Outcome, hop.By));
        Assert.Equal((new DateTimeOffset(2012, 12, 31, 9, 40, 0, Beijing), new DateTimeOffset(2013, 1, 5, 17, 0, 0, Beijing)), (hop.Expected, hop.Actual));

        // The spill recorded when the truth was known (01-05 11:00), after the aniline had reached the border (estimated
        // 01-04 16:58): both warnings due at once, sent with the report to the province at 17:00, 6 h late.
        foreach (var warning in report.Expectations.Skip(7).Take(2))
        {
            Assert.Equal((ExpectationOutcome.Late, TimeSpan.FromHours(6)), (warning.Outcome, warning.By));
            Assert.Equal(new DateTimeOffset(2013, 1, 5, 11, 0, 0, Beijing), warning.Expected);
        }

        // Yuecheng reservoir is estimated to be reached at 01-07 12:03 (188.4 km), so its intakes' warnings were due 24 h
        // before, 01-06 12:03: Anyang (told 01-05 12:00) and Handan (its intake closed at 14:00) were warned in time.
        Assert.All(report.Expectations.Skip(9), warning => Assert.Equal(ExpectationOutcome.Met, warning.Outcome));
        var changzhi = Assert.Single(report.Incidents);
        Assert.Equal(
            ["warnDownstream-130426", "warnDownstream-410581", "warnDownstream-handan-yuecheng", "warnDownstream-anyang-yuecheng"],
            changzhi.Obligations.Where(o => o.Id.StartsWith("warnDownstream-", StringComparison.Ordinal)).Select(o => o.Id));

        // The firm's claim of 1–1.5 t is on record as a false report (谎报), known when it reported 8.68 t.
        var correction = Assert.Single(changzhi.Corrections);
        Assert.Equal((1, CorrectionKind.Falsified, "registration"), (correction.Number, correction.Kind, correction.Concerns));
        Assert.Equal(new DateTimeOffset(2012, 12, 31, 7, 40, 0, Beijing), correction.ConcernsAt);
        Assert.Equal(new DateTimeOffset(2013, 1, 5, 11, 0, 0, Beijing), correction.KnownAt);
        Assert.Contains("1–1.5 t", correction.Declared, StringComparison.Ordinal);
        Assert.Contains("8.68 t", correction.Actual, StringComparison.Ordinal);
        Assert.Contains(changzhi.Timeline, e => e.Kind == TimelineKind.CorrectionRecorded && e.At == correction.KnownAt);
        var notified = changzhi.Obligations.Single(o => o.Id == "notifyNeighbours");
        Assert.Equal(("Hebei (Handan) and Henan (Anyang) downstream", new DateTimeOffset(2013, 1, 5, 11, 0, 0, Beijing)), (notified.Notified, notified.OpenedAt));
        Assert.Equal("changzhi", changzhi.Name);
        Assert.Equal([IncidentLevel.IV, IncidentLevel.II, IncidentLevel.I], changzhi.Levels.Select(l => l.Level));
        Assert.Equal(new DateTimeOffset(2013, 1, 5, 20, 0, 0, Beijing), changzhi.Levels[2].At);
        Assert.Contains(changzhi.Timeline, e => e.Kind == TimelineKind.Regraded
            && e.Text.En().Contains("I: intake of the centralised drinking-water source of a prefecture-level city or above interrupted by pollution (intake: Handan city drinking-water source intake)", StringComparison.Ordinal));
        var obligation = changzhi.Obligations.Single(o => o.Id == "report");
        Assert.Equal(ObligationStatus.CompletedLate, obligation.Status);
        Assert.Equal(new TimeSpan(5, 7, 20, 0), obligation.LateBy);
        Assert.Contains(changzhi.Timeline, e => e.Kind == TimelineKind.ObligationOverdue && e.At == new DateTimeOffset(2012, 12, 31, 9, 40, 0, Beijing));
        Assert.Equal(2, report.Messages.Count);
        Assert.Empty(report.Refused);
    }

    [Fact]
    public async Task Longjiang_the_report_is_late_by_days_and_the_response_ends_within_forty_days()
    {
        var (_, json) = await engine.RunFastAsync(Scenarios.Longjiang, "longjiang-cadmium-2012.yaml");
        var report = DrillReportJson.Deserialize(json);

        Assert.False(report.Result.Passed);
        Assert.Equal((6, 1, 1), (report.Result.Met, report.Result.Late, report.Result.Missed));
        Assert.Equal(ExpectationOutcome.Late, report.Expectations[0].Outcome);
        Assert.Equal(new TimeSpan(2, 17, 30, 0), report.Expectations[0].By);
        Assert.Equal(new DateTimeOffset(2012, 1, 18, 3, 30, 0, Beijing), report.Expectations[0].Actual);
        Assert.Equal(ExpectationOutcome.Met, report.Expectations[1].Outcome);
        Assert.Equal(ExpectationOutcome.Met, report.Expectations[2].Outcome);
        Assert.Equal(ExpectationOutcome.Met, report.Expectations[3].Outcome);
        Assert.Equal(new DateTimeOffset(2012, 1, 18, 3, 30, 0, Beijing), report.Expectations[3].Actual);
        Assert.Equal(ExpectationOutcome.Met, report.Expectations[4].Outcome);
        Assert.Equal(new DateTimeOffset(2012, 2, 23, 8, 0, 0, Beijing), report.Expectations[4].Actual);
        Assert.Equal(ExpectationOutcome.Missed, report.Expectations[5].Outcome);
        Assert.Equal(new TimeSpan(2, 16, 30, 0), report.Expectations[5].By);

        // The fax of 01-18 03:30 warns Liuzhou (due 12 h before the estimated arrival at Nuomitan, 100 km at 0.139 m/s from
        // 01-15 08:00: 01-23 15:50) and its Hexi intake (24 h before its arrival, 157 km: 01-28 09:45) days ahead.
        Assert.Equal(new DateTimeOffset(2012, 1, 18, 3, 30, 0, Beijing), report.Expectations[6].Actual);
        Assert.All(report.Expectations.Skip(6), e => Assert.Equal(ExpectationOutcome.Met, e.Outcome));
        Assert.InRange(report.Expectations[6].Expected!.Value, new DateTimeOffset(2012, 1, 23, 3, 50, 0, Beijing), new DateTimeOffset(2012, 1, 23, 3, 51, 0, Beijing));
        Assert.InRange(report.Expectations[7].Expected!.Value, new DateTimeOffset(2012, 1, 27, 9, 44, 0, Beijing), new DateTimeOffset(2012, 1, 27, 9, 46, 0, Beijing));

        var longjiang = Assert.Single(report.Incidents);
        Assert.Equal(IncidentPhase.Closed, longjiang.Phase);
        Assert.Equal([IncidentLevel.IV, IncidentLevel.II], longjiang.Levels.Select(l => l.Level));
        // The scenario does not record the reporting chain of Hechi (451200): its hops stay open, visible, and do not hold the incident open.
        var (hops, steps) = (longjiang.Obligations.Where(o => o.Id.StartsWith("reportUp-451200-", StringComparison.Ordinal)).ToList(), longjiang.Obligations.Where(o => !o.Id.StartsWith("reportUp-", StringComparison.Ordinal)));
        Assert.NotEmpty(hops);
        Assert.All(hops, o => Assert.Null(o.CompletedAt));
        Assert.All(steps, o => Assert.NotNull(o.CompletedAt));
    }

    [Fact]
    public async Task Songhua_the_late_notices_downstream_and_the_false_all_clear_show_as_a_failure_the_same_twice()
    {
        var (first, json) = await engine.RunFastAsync(Scenarios.Songhua, "songhua-benzene-2005.yaml");
        var (second, again) = await engine.RunFastAsync(Scenarios.Songhua, "songhua-benzene-2005.yaml");
        Assert.NotEqual(first, second);
        Assert.Equal(json, again);
        var report = DrillReportJson.Deserialize(json);

        Assert.Equal(("cn-2014", 1, 6, 1), (report.Scenario.JudgedUnder, report.Result.Met, report.Result.Late, report.Result.Missed));
        Assert.Empty(report.Refused);
        // The initial report 5 h after the blast, 3 h late; the province's flash to SEPA at once (the Jilin bureau's account).
        Assert.Equal((ExpectationOutcome.Late, TimeSpan.FromHours(3)), (report.Expectations[0].Outcome, report.Expectations[0].By));
        Assert.Equal(ExpectationOutcome.Met, report.Expectations[1].Outcome);
        // Heilongjiang told on 11-20 (assumed), due 1 h after the pollution was reported on 11-14 19:00.
        Assert.Equal((ExpectationOutcome.Late, new TimeSpan(5, 22, 0, 0)), (report.Expectations[3].Outcome, report.Expectations[3].By));
        // The all-clear of 11-14 was shown untrue on 11-23: the true release of 11-23 15:30 is what counts, days late.
        Assert.Equal(new DateTimeOffset(2005, 11, 23, 15, 30, 0, Beijing), report.Expectations[6].Actual);

        var songhua = Assert.Single(report.Incidents);
        Assert.Equal([IncidentLevel.II, IncidentLevel.I], songhua.Levels.Select(l => l.Level));
        // On the river the downstream warnings replace the neighbours': the ones opened by the crossing are released unsent.
        Assert.All(songhua.Obligations.Where(o => o.Id.StartsWith("warnNeighbour-", StringComparison.Ordinal)), o => Assert.Equal(new DateTimeOffset(2005, 11, 14, 19, 0, 0, Beijing), o.CompletedAt));
        Assert.Equal(
            ["warnDownstream-230000", "warnDownstream-230100", "warnDownstream-harbin-sifangtai", "warnDownstream-harbin-zhushuntun", "warnDownstream-yilan-dalianhe", "warnDownstream-230800"],
            songhua.Obligations.Where(o => o.Id.StartsWith("warnDownstream-", StringComparison.Ordinal)).Select(o => o.Id));
        Assert.Single(songhua.Corrections);
    }

    [Fact]
    public async Task Run_fast_twice_the_same_file_gives_the_same_report_byte_for_byte()
    {
        var (first, firstReport) = await engine.RunFastAsync(Scenarios.Changzhi, "changzhi-aniline-2012.yaml");
        var (second, secondReport) = await engine.RunFastAsync(Scenarios.Changzhi, "changzhi-aniline-2012.yaml");

        Assert.NotEqual(first, second);
        Assert.Equal(firstReport, secondReport);
        Assert.DoesNotContain(first, firstReport, StringComparison.Ordinal);
        Assert.DoesNotContain("inc-", firstReport, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_incinerator_siting_holds_both_guards_and_ends_approved_at_the_second_site()
    {
        var (_, json) = await engine.RunFastAsync(File.ReadAllText(Scenarios.PathOf("incinerator-siting.yaml")), "incinerator-siting.yaml");
        var report = DrillReportJson.Deserialize(json);

        Assert.True(report.Result.Passed, string.Join("; ", report.Expectations.Select(e => e.Detail).Concat(report.Refused.Select(r => $"line {r.Line}: {r.Reason}"))));
        Assert.Equal((4, 0, 0), (report.Result.Met, report.Result.Late, report.Result.Missed));

        // Exactly the two moves played against the procedure were refused, each with the engine's reason.
        Assert.Equal([("closePublicComment", 39), ("takeCollectiveDecision", 56)], report.Refused.Select(r => (r.Action!, r.Line)));
        Assert.All(report.Refused, r => Assert.Equal("incinerator", r.Decision));
        Assert.Contains("30", report.Refused[0].Reason.En(), StringComparison.Ordinal);
        Assert.Contains("high", report.Refused[1].Reason.En(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal([DecisionRefusals.CommentPeriodTooShort, DecisionRefusals.HighRiskNotImplemented], report.Refused.Select(r => r.Code));

        var matter = Assert.Single(report.Decisions);
        Assert.Equal(("incinerator", "decided", "low", 2), (matter.Name, matter.Stage, matter.RiskLevel, matter.Rounds));
        Assert.Equal([("postpone", "high", 1), ("implement", "low", 2)], matter.Decided.Select(d => (d.Outcome, d.RiskLevel, d.Round)));
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 9, 0, 0, Beijing).AddDays(63), matter.Decided[1].At);
        Assert.Empty(report.Incidents);

        // Deterministic like every fast run: the same file gives the same bytes, and no engine id leaks into them.
        var (_, again) = await engine.RunFastAsync(File.ReadAllText(Scenarios.PathOf("incinerator-siting.yaml")), "incinerator-siting.yaml");
        Assert.Equal(json, again);
        Assert.DoesNotContain("dec-", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_hotline_surge_raises_the_warning_on_its_fifth_call_and_is_escalated_into_an_incident()
    {
        var (_, json) = await engine.RunFastAsync(Scenarios.HotlineSurge, "hotline-surge.yaml");
        var report = DrillReportJson.Deserialize(json);

        // The fifth call in the window (+0, +20m, +30m, +35m online, +40m) raises the warning, well before +2h.
        Assert.Equal(41, report.Complaints);
        var warning = Assert.Single(report.Warnings);
        Assert.Equal(("Xiaohe chemical plant", 5, "xiaohe"), (warning.Subject, warning.Complaints, warning.EscalatedTo));
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 6, 40, 0, Beijing), warning.RaisedAt);
        Assert.Equal(ExpectationOutcome.Met, report.Expectations[0].Outcome);

        // Escalated at +2h10m into an incident judged by the 2014 rules: unclear level with a sensitive factor, report within 2 h.
        var xiaohe = Assert.Single(report.Incidents);
        Assert.Equal(("xiaohe", "cn-2014"), (xiaohe.Name, xiaohe.RuleSet));
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 8, 10, 0, Beijing), xiaohe.DiscoveredAt);
        Assert.Equal((ExpectationOutcome.Met, ExpectationOutcome.Met), (report.Expectations[1].Outcome, report.Expectations[2].Outcome));

        // Nobody released information: 5 h after discovery it is overdue, and the drill shows it.
        Assert.Equal(ExpectationOutcome.Missed, report.Expectations[3].Outcome);
        Assert.Equal(TimeSpan.FromMinutes(50), report.Expectations[3].By);
        Assert.Equal((3, 0, 1), (report.Result.Met, report.Result.Late, report.Result.Missed));
        Assert.Empty(report.Refused);

        // Deterministic, and no engine id (complaint, warning, incident) in the bytes.
        var (_, again) = await engine.RunFastAsync(Scenarios.HotlineSurge, "hotline-surge.yaml");
        Assert.Equal(json, again);
        Assert.DoesNotMatch("(pet|wrn|inc)-[0-9a-f]{6}", json);
    }
}
