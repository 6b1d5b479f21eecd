using Emergency.Domain.Incidents;

namespace Emergency.Domain.Tests;

/// <summary>Situation reports and the activity log drawn from the incident's view, line by line against its timeline.</summary>
public sealed class SituationReportTests
{
    [Fact]
    public void A_follow_up_tells_everything_recorded_after_the_last_report_even_a_step_stated_before_it()
    {
        var incident = Drive.Responding();
        incident.Handle(Cmd.Complete(ObligationKind.ReachScene, at: incident.T(0.5)), Drive.Commander, incident.T(2)).Accept();
        incident.Handle(Cmd.Complete(ObligationKind.StartMonitoring), Drive.Commander, incident.T(2.5)).Accept();
        var view = incident.View(incident.T(3));

        var report = SituationReports.Of(view, ReportKind.FollowUp);

        var filed = view.Timeline.Last(e => e.Kind == TimelineKind.ReportFiled).Seq;
        var progress = Assert.Single(report.Sections, s => s.Heading == SituationHeading.Progress).Lines;
        Assert.Equal(SituationTexts.LastReport.Code, progress[0].Text.Code);
        Assert.Equal(
            view.Timeline.Where(e => e.Seq > filed).OrderBy(e => e.At).ThenBy(e => e.Seq).Select(e => (e.Seq, e.Text)),
            progress.Skip(1).Select(l => (l.Seq!.Value, l.Text)));
        Assert.Contains(progress, l => l.At == incident.T(0.5));
        Assert.Equal(1, report.Sequence);
    }

    [Fact]
    public void The_final_report_tells_the_whole_timeline_and_names_every_late_step_and_false_report()
    {
        var incident = Drive.Responding();
        var reachScene = incident.Obligation(ObligationKind.ReachScene);
        incident.Handle(Cmd.Complete(ObligationKind.ReachScene), Drive.Commander, reachScene.DueAt.AddHours(2)).Accept();
        var view = incident.View(reachScene.DueAt.AddHours(3));

        var report = SituationReports.Of(view, ReportKind.Final);

        var process = Assert.Single(report.Sections, s => s.Heading == SituationHeading.Process).Lines;
        Assert.Equal(SituationReports.Told(view).Select(e => e.Seq), process.Select(l => l.Seq!.Value));
        Assert.DoesNotContain(process, l => view.Timeline.Single(e => e.Seq == l.Seq).Kind == TimelineKind.DeadlineSet);
        var accountability = Assert.Single(report.Sections, s => s.Heading == SituationHeading.Accountability).Lines;
        var late = Assert.Single(accountability, l => l.Text.Code == SituationTexts.Late.Code);
        Assert.Equal(TimeSpan.FromHours(2), late.Text["by"]!.Duration);
        Assert.Contains(accountability, l => l.Text.Code == SituationTexts.Overdue.Code);
        Assert.Equal(SituationTexts.NotSignedOff.Code, Assert.Single(report.Sections, s => s.Heading == SituationHeading.SignOff).Lines[0].Text.Code);
    }

    [Fact]
    public void The_activity_log_holds_every_timeline_line_once_under_who_did_it()
    {
        var incident = Drive.Responding();
        Drive.CompleteSteps(incident, incident.T(1.5));
        var view = incident.View(incident.T(30));

        var log = ActivityLogs.Of(view);

        Assert.Equal(view.Timeline.Select(e => e.Seq).Order(), log.Units.SelectMany(u => u.Activities).Select(e => e.Seq).Order());
        var commander = Assert.Single(log.Units, u => u.Name == Drive.Commander.Id);
        Assert.Equal("DutyCommander", commander.Position);
        Assert.All(log.Units, u => Assert.All(u.Activities, e => Assert.StartsWith(u.Name, e.Actor, StringComparison.Ordinal)));
        Assert.Equal(view.DiscoveredAt, log.From);
    }
}
