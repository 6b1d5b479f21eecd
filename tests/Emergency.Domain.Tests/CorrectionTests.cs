using Emergency.Domain.Cases;
using Emergency.Domain.Incidents;
using Emergency.Testing;

namespace Emergency.Domain.Tests;

/// <summary>False, concealed and omitted reports (谎报/瞒报/漏报) are recorded and stay visible; a release shown untrue stops counting.</summary>
public sealed class CorrectionTests
{
    private static readonly Actor Commander = Drive.Commander;

    private static RecordCorrection Correct(string concerns, CorrectionKind kind = CorrectionKind.Falsified, DateTimeOffset? knownAt = null) => new()
    {
        Kind = kind,
        Concerns = concerns,
        Declared = "1–1.5 t of aniline, contained at the plant",
        Actual = "8.68 t of aniline reached the Zhuozhang river",
        KnownAt = knownAt,
    };

    [Fact]
    public void A_false_report_is_recorded_with_what_was_declared_what_was_real_and_when_it_became_known()
    {
        var incident = Drive.Responding();
        var knownAt = incident.T(30);

        incident.Handle(Correct("report 1", knownAt: knownAt), Commander, incident.T(31)).Accept();

        var correction = Assert.Single(incident.State.Corrections);
        Assert.Equal((1, CorrectionKind.Falsified, "report 1", 1), (correction.Number, correction.Kind, correction.Concerns, correction.Report));
        Assert.Equal(incident.T(1), correction.ConcernsAt);
        Assert.Equal(knownAt, correction.KnownAt);
        Assert.Equal(incident.T(31), correction.RecordedAt);
        Assert.Equal(Commander.ToString(), correction.RecordedBy);
        Assert.Equal("8.68 t of aniline reached the Zhuozhang river", correction.Actual);

        var entry = incident.State.Timeline[^1];
        Assert.Equal((TimelineKind.CorrectionRecorded, knownAt), (entry.Kind, entry.At));
        Assert.Contains("Falsified report (谎报) #1 in report 1", entry.Text.En(), StringComparison.Ordinal);
        Assert.Contains("declared \"1–1.5 t of aniline, contained at the plant\"", entry.Text.En(), StringComparison.Ordinal);

        var view = incident.View(incident.T(31));
        Assert.Equal(correction, Assert.Single(view.Corrections));
        var summary = incident.Summary(incident.T(31));
        Assert.Equal(1, summary.Corrections);
        Assert.Equal(TimelineKind.CorrectionRecorded, summary.Alerts[0].Kind);

        // The initial report itself is kept as filed: a report shown false is not rewritten.
        Assert.Equal("Time, place, cause, pollutants, measures.", Assert.Single(view.Reports).Content);
    }

    [Fact]
    public void A_summary_lists_the_ten_latest_alerts_newest_first_whatever_came_between()
    {
        var incident = Drive.Responding();
        for (var i = 1; i <= 12; i++)
        {
            incident.Handle(Correct("report 1", knownAt: incident.T(30 + (2 * i))), Commander, incident.T(31 + (2 * i))).Accept();
            incident.Handle(new UpdateFacts { Facts = FactsPatch.Empty.With("evacuated", i) }, Commander, incident.T(32 + (2 * i))).Accept();
        }

        var alerts = incident.Summary(incident.T(60)).Alerts;

        Assert.Equal(IncidentViews.AlertsPerIncident, alerts.Count);
        TimelineKind[] alerting = [TimelineKind.ObligationOverdue, TimelineKind.Regraded, TimelineKind.CorrectionRecorded, TimelineKind.ObligationReopened];
        Assert.True(incident.State.Timeline.Count(e => alerting.Contains(e.Kind)) > 12);
        Assert.Equal(incident.State.Timeline.Where(e => alerting.Contains(e.Kind)).Reverse().Take(10).Select(e => e.Seq), alerts.Select(a => a.Seq));
        Assert.Contains("#12 in report 1", alerts[0].Text.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_claim_an_incident_was_registered_on_can_be_shown_concealed()
    {
        var incident = Drive.Register();

        incident.Handle(Correct("registration", CorrectionKind.Concealed, incident.T(2)), Commander, incident.T(2)).Accept();

        var correction = Assert.Single(incident.State.Corrections);
        Assert.Equal(("registration", incident.State.DiscoveredAt, (int?)null, (string?)null), (correction.Concerns, correction.ConcernsAt, correction.Report, correction.Obligation));
        Assert.Contains("Concealed report (瞒报) #1 in registration", incident.State.Timeline[^1].Text.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_release_shown_false_no_longer_counts_and_the_true_release_is_late_against_the_first_deadline()
    {
        var incident = Drive.Responding(Facts.Known.WithSensitive("drinkingWaterSource")); // release due within 5 h
        var due = incident.Obligation(ObligationKind.ReleaseInformation).DueAt;
        Assert.Equal(incident.T(5), due);
        Drive.Release(incident, incident.T(3));

        incident.Handle(new RecordCorrection
        {
            Kind = CorrectionKind.Falsified,
            Concerns = "releaseInformation",
            Declared = "78 μg/L",
            Actual = "118–200 μg/L measured",
            KnownAt = incident.T(8),
        }, Commander, incident.T(9)).Accept();

        var release = incident.Obligation(ObligationKind.ReleaseInformation);
        Assert.False(release.IsCompleted);
        Assert.Equal(due, release.OverdueSince);
        var shown = Assert.Single(release.ShownFalse);
        Assert.Equal((incident.T(3), 1, incident.T(8), "by release 1"), (shown.CompletedAt, shown.Correction, shown.KnownAt, shown.Note?.En()));
        Assert.Equal(ObligationStatus.Overdue, release.StatusAt(incident.T(9)));
        Assert.Contains(incident.State.Timeline, e => e.Kind == TimelineKind.ObligationReopened && e.Ref == "releaseInformation" && e.At == incident.T(8));
        Assert.Contains(incident.State.Timeline, e => e.Kind == TimelineKind.ObligationOverdue && e.Ref == "releaseInformation" && e.At == due);
        Assert.Contains("correctRelease(1)", incident.AllowedMoves(incident.T(9)));

        incident.Handle(new CorrectRelease { Release = 1, Headline = "更正", Text = "实测118–200 μg/L", Reason = "78 μg/L有误" }, Commander, incident.T(10)).Accept();
        incident.Handle(Cmd.Approve(2), Commander, incident.T(10)).Accept();
        incident.Handle(Cmd.Publish(2), Commander, incident.T(10)).Accept();

        Assert.Equal(ObligationStatus.CompletedLate, release.StatusAt(incident.T(10)));
        Assert.Equal(TimeSpan.FromHours(5), release.LateBy);
        var view = Assert.Single(incident.View(incident.T(10)).Obligations, o => o.Id == "releaseInformation");
        Assert.Single(view.ShownFalse);
    }

    [Fact]
    public void An_incident_cannot_close_while_a_release_shown_false_is_not_released_again()
    {
        var incident = Drive.FinalReportFiled(allDone: true);
        incident.Handle(Correct("releaseInformation", knownAt: incident.T(3.5)), Commander, incident.T(3.5)).Accept();

        var refused = incident.Refused(incident.T(4), i => i.Handle(Cmd.Close(), Commander, incident.T(4)), DecisionOutcome.NotAllowed);

        Assert.Contains("still open: release information (发布信息)", refused.Reason.En(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("report 2", "there is no report 2: reports are numbered 1 to 1")]
    [InlineData("report one", "must be registration, report N")]
    [InlineData("report", "is done by filing a report: name the report, as report N")]
    [InlineData("startMonitoring", "'startMonitoring' is not completed")]
    [InlineData("the press release", "must be registration, report N")]
    [InlineData("", "is required")]
    public void A_correction_that_names_nothing_correctable_is_refused_with_the_reason(string concerns, string reason)
    {
        var incident = Drive.Responding();

        var decision = incident.Refused(incident.T(2), i => i.Handle(Correct(concerns), Commander, incident.T(2)), DecisionOutcome.Invalid);

        var error = Assert.Single(decision.Errors);
        Assert.Equal("concerns", error.Field);
        Assert.Contains(reason, error.Message.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_truth_cannot_be_known_before_the_report_it_corrects_nor_in_the_future()
    {
        var incident = Drive.Responding();

        var early = incident.Refused(incident.T(2), i => i.Handle(Correct("report 1", knownAt: incident.T(0.5)), Commander, incident.T(2)), DecisionOutcome.Invalid);
        var future = incident.Refused(incident.T(2), i => i.Handle(Correct("report 1", knownAt: incident.T(3)), Commander, incident.T(2)), DecisionOutcome.Invalid);
        var empty = incident.Refused(incident.T(2), i => i.Handle(Correct("report 1") with { Declared = " ", Actual = "" }, Commander, incident.T(2)), DecisionOutcome.Invalid);

        Assert.Equal("knownAt", Assert.Single(early.Errors).Field);
        Assert.Contains("report 1", early.Errors[0].Message.En(), StringComparison.Ordinal);
        Assert.Equal("knownAt", Assert.Single(future.Errors).Field);
        Assert.Equal(["declared", "actual"], empty.Errors.Select(e => e.Field));
    }

    [Fact]
    public void A_closed_incident_takes_no_correction()
    {
        var incident = Drive.Closed();

        var decision = incident.Refused(incident.T(5), i => i.Handle(Correct("report 1"), Commander, incident.T(5)), DecisionOutcome.NotAllowed);

        Assert.Equal("cannot record a correction: the incident is closed", decision.Reason.En());
    }
}
