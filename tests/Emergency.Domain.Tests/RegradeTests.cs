using Emergency.Domain.Cases;
using Emergency.Domain.Incidents;
using Emergency.Domain.Rules;
using Emergency.Testing;
using Emergency.Texts;

namespace Emergency.Domain.Tests;

/// <summary>New facts regrade the incident: open deadlines move, completed ones stay, a new level needs a new report.</summary>
public sealed class RegradeTests
{
    private static readonly Actor Commander = Drive.Commander;

    [Fact]
    public void Raising_III_to_II_recomputes_open_deadlines_and_keeps_completed_ones()
    {
        var incident = Drive.Register(Facts.LevelIII);
        incident.Handle(Cmd.Initial(), Commander, incident.T(1)).Accept();
        incident.Handle(Cmd.Complete(ObligationKind.ReachScene), Commander, incident.T(1.5)).Accept();
        var version = incident.State.Version;
        var entries = incident.State.Timeline.Count;
        var regradeAt = incident.T(1).Minutes(40);

        incident.Handle(Cmd.Update(Facts.LevelII, "the plume crossed into Hebei"), Commander, regradeAt).Accept();

        Assert.Equal(IncidentLevel.II, incident.State.Grade!.Level);
        Assert.Equal(version + 1, incident.State.Version);
        var added = incident.State.Timeline.Skip(entries).ToList();
        Assert.Equal(TimelineKind.FactsUpdated, added[0].Kind);
        Assert.Equal("Facts updated: crossBoundary crossCity → crossProvince (the plume crossed into Hebei)", added[0].Text.En());
        Assert.Equal(TimelineKind.Regraded, added[1].Kind);
        Assert.StartsWith("Regraded III → level II", added[1].Text.En(), StringComparison.Ordinal);
        Assert.Contains("II: crosses a province boundary", added[1].Text.En(), StringComparison.Ordinal);

        // open deadlines move, each with old and new in the timeline
        var changed = added.Where(e => e.Kind == TimelineKind.DeadlineChanged).ToList();
        Assert.Equal(["startMonitoring", "organiseInvestigation", "releaseInformation"], changed.Select(e => e.Ref));
        AssertChanged(changed[0], incident.T(4), incident.T(2));
        AssertChanged(changed[1], incident.T(48), incident.T(24));
        AssertChanged(changed[2], incident.T(24), incident.T(5));
        Assert.Equal(incident.T(2), incident.Obligation(ObligationKind.StartMonitoring).DueAt);
        Assert.Equal(incident.T(24), incident.Obligation(ObligationKind.OrganiseInvestigation).DueAt);
        Assert.Equal(incident.T(5), incident.Obligation(ObligationKind.ReleaseInformation).DueAt);
        Assert.All(changed, e => Assert.Equal(regradeAt, e.At));

        // completed ones keep their deadline and completion
        Assert.Equal(incident.T(4), incident.Obligation(ObligationKind.Report).DueAt);
        Assert.Equal(incident.T(1), incident.Obligation(ObligationKind.Report).CompletedAt);
        Assert.Equal(incident.T(2), incident.Obligation(ObligationKind.ReachScene).DueAt);
        Assert.Equal(incident.T(1.5), incident.Obligation(ObligationKind.ReachScene).CompletedAt);

        // the new level needs a new report within 2 h of the regrade
        var levelChange = incident.Obligation("levelChangeReport-1");
        Assert.Equal(ObligationKind.LevelChangeReport, levelChange.Kind);
        Assert.Equal(regradeAt.Hours(2), levelChange.DueAt);
        Assert.False(levelChange.IsCompleted);
        Assert.StartsWith("level II: 2 h from the regrade;", levelChange.DeadlineBasis.En(), StringComparison.Ordinal);
        var set = Assert.Single(added, e => e.Kind == TimelineKind.DeadlineSet);
        Assert.Equal("levelChangeReport-1", set.Ref);
        Assert.DoesNotContain("completeObligation(levelChangeReport)", incident.AllowedMoves(regradeAt));
        Assert.Equal(incident.T(2), incident.NextDueAt); // start monitoring, now due at 2 h, comes first
    }

    [Fact]
    public void The_next_follow_up_report_completes_the_level_change_report()
    {
        var incident = RaisedAfterInitialReport(out var regradeAt);

        incident.Handle(Cmd.FollowUp(), Commander, regradeAt.Hours(1)).Accept();

        var levelChange = incident.Obligation("levelChangeReport-1");
        Assert.Equal(regradeAt.Hours(1), levelChange.CompletedAt);
        Assert.Equal(ObligationStatus.Completed, levelChange.StatusAt(regradeAt.Hours(1)));
        Assert.Equal("a follow-up report (续报) #2", levelChange.Note.En());
        var report = incident.State.Reports[^1];
        Assert.Equal(ReportKind.FollowUp, report.Kind);
        Assert.Equal(IncidentLevel.II, report.Level);
        Assert.Equal(IncidentLevel.III, incident.State.Reports[0].Level);
    }

    [Fact]
    public void A_report_dated_before_the_regrade_is_at_the_old_level_and_leaves_the_new_level_report_open()
    {
        var incident = RaisedAfterInitialReport(out var regradeAt);

        // Filed after the regrade, but dated before it: it reported the old level.
        incident.Handle(Cmd.FollowUp(at: regradeAt.Hours(-0.25)), Commander, regradeAt.Hours(0.5)).Accept();

        Assert.Equal(IncidentLevel.III, incident.State.Reports[^1].Level);
        Assert.False(incident.Obligation("levelChangeReport-1").IsCompleted);

        incident.Handle(Cmd.FollowUp(), Commander, regradeAt.Hours(1)).Accept();
        Assert.Equal(IncidentLevel.II, incident.State.Reports[^1].Level);
        Assert.Equal(regradeAt.Hours(1), incident.Obligation("levelChangeReport-1").CompletedAt);
    }

    [Fact]
    public void A_late_level_change_report_is_completed_late()
    {
        var incident = RaisedAfterInitialReport(out var regradeAt);
        Assert.True(incident.Tick(regradeAt.Hours(2.5)));
        Assert.Equal(regradeAt.Hours(2), incident.Obligation("levelChangeReport-1").OverdueSince);

        incident.Handle(Cmd.FollowUp(), Commander, regradeAt.Hours(3)).Accept();

        var levelChange = incident.Obligation("levelChangeReport-1");
        Assert.Equal(ObligationStatus.CompletedLate, levelChange.StatusAt(regradeAt.Hours(3)));
        Assert.Equal(TimeSpan.FromHours(1), levelChange.LateBy);
    }

    [Fact]
    public void The_final_report_also_completes_an_open_level_change_report()
    {
        var incident = RaisedAfterInitialReport(out var regradeAt);

        incident.Handle(Cmd.Final(), Commander, regradeAt.Hours(1)).Accept();

        Assert.Equal(regradeAt.Hours(1), incident.Obligation("levelChangeReport-1").CompletedAt);
        Assert.Equal(IncidentPhase.FinalReportFiled, incident.State.Phase);
    }

    [Fact]
    public void Each_change_of_level_adds_its_own_numbered_report_and_one_follow_up_completes_all_open_ones()
    {
        var incident = RaisedAfterInitialReport(out var regradeAt);
        var second = regradeAt.Minutes(30);

        incident.Handle(Cmd.Update(Facts.LevelI), Commander, second).Accept();

        var first = incident.Obligation("levelChangeReport-1");
        var next = incident.Obligation("levelChangeReport-2");
        Assert.Equal(regradeAt.Hours(2), first.DueAt); // its own window is not recomputed
        Assert.Equal(second.Hours(2), next.DueAt);

        incident.Handle(Cmd.FollowUp(), Commander, second.Hours(1)).Accept();

        Assert.Equal(second.Hours(1), first.CompletedAt);
        Assert.Equal(second.Hours(1), next.CompletedAt);
    }

    [Fact]
    public void A_downgrade_after_the_initial_report_also_needs_a_report_at_the_new_level()
    {
        var incident = Drive.Register(Facts.LevelII);
        incident.Handle(Cmd.Initial(), Commander, incident.T(1)).Accept();

        incident.Handle(Cmd.Update(Facts.LevelIV), Commander, incident.T(1.5)).Accept();

        Assert.Equal(IncidentLevel.IV, incident.State.Grade!.Level);
        Assert.Equal(incident.T(5.5), incident.Obligation("levelChangeReport-1").DueAt);
    }

    [Fact]
    public void Regrading_before_the_initial_report_moves_its_deadline_and_adds_no_level_change_report()
    {
        var incident = Drive.Register(Facts.LevelIII);

        incident.Handle(Cmd.Update(Facts.LevelII), Commander, incident.T(0.5)).Accept();

        Assert.Equal(incident.T(2), incident.Obligation(ObligationKind.Report).DueAt);
        Assert.Equal(incident.T(1), incident.Obligation(ObligationKind.ReachScene).DueAt);
        Assert.DoesNotContain(incident.State.Obligations, o => o.Kind == ObligationKind.LevelChangeReport);
        Assert.Contains(incident.State.Timeline, e => e.Kind == TimelineKind.DeadlineChanged && e.Ref == "report");
    }

    [Fact]
    public void An_obligation_already_overdue_stays_overdue_when_a_downgrade_lengthens_its_window()
    {
        var incident = Drive.Register(Facts.LevelII);
        incident.Tick(incident.T(3));
        Assert.Equal(incident.T(2), incident.Obligation(ObligationKind.Report).OverdueSince);

        incident.Handle(Cmd.Update(Facts.LevelIV), Commander, incident.T(3)).Accept();

        var report = incident.Obligation(ObligationKind.Report);
        Assert.Equal(incident.T(4), report.DueAt); // the window did lengthen ...
        Assert.Equal(incident.T(2), report.OverdueSince); // ... but the first deadline that passed is kept
        Assert.Equal(ObligationStatus.Overdue, report.StatusAt(incident.T(3)));
        Assert.True(incident.HasOverdue);

        incident.Handle(Cmd.Initial(), Commander, incident.T(3.5)).Accept();

        Assert.Equal(TimeSpan.FromHours(1.5), report.LateBy); // from 2 h, not on time against the new 4 h
        Assert.Equal(ObligationStatus.CompletedLate, report.StatusAt(incident.T(3.5)));
        Assert.Contains(incident.State.Timeline, e => e.Kind == TimelineKind.ObligationCompleted && e.Ref == "report" && e.Text.En().Contains("LATE by 1 h 30 min", StringComparison.Ordinal));
    }

    [Fact]
    public void Lateness_is_measured_from_the_first_deadline_even_when_a_raise_shortens_it_afterwards()
    {
        var incident = Drive.Register(Facts.LevelIV);
        incident.Tick(incident.T(5));
        Assert.Equal(incident.T(4), incident.Obligation(ObligationKind.Report).OverdueSince);

        incident.Handle(Cmd.Update(Facts.LevelII), Commander, incident.T(5)).Accept();
        incident.Handle(Cmd.Initial(), Commander, incident.T(6)).Accept();

        var report = incident.Obligation(ObligationKind.Report);
        Assert.Equal(incident.T(2), report.DueAt);
        Assert.Equal(incident.T(4), report.OverdueSince);
        Assert.Equal(TimeSpan.FromHours(2), report.LateBy);
    }

    [Fact]
    public void The_summary_names_the_regrades_that_raised_the_level_from_the_timeline_data_not_its_words()
    {
        var incident = Drive.Register(Facts.LevelIII);
        incident.Handle(Cmd.Initial(), Commander, incident.T(1)).Accept();
        incident.Handle(Cmd.Update(Facts.LevelII, "the plume crossed into Hebei"), Commander, incident.T(1.5)).Accept();
        incident.Handle(Cmd.Update(Facts.LevelIII, "the plume stayed in Shanxi after all"), Commander, incident.T(2)).Accept();

        var regrades = incident.State.Timeline.Where(e => e.Kind == TimelineKind.Regraded).Select(e => e.Seq).ToList();
        var summary = incident.Summary(incident.T(2));

        Assert.Equal(2, regrades.Count);
        Assert.Equal([regrades[0]], summary.Escalations);
    }

    [Fact]
    public void Clarifying_facts_at_the_same_level_regrades_without_a_level_change_report()
    {
        var incident = Drive.Register(Facts.Unclear with { HeavyMetals = true });
        incident.Handle(Cmd.Initial(), Commander, incident.T(1)).Accept();

        incident.Handle(Cmd.Update(Facts.Known with { HeavyMetals = true }), Commander, incident.T(1.5)).Accept();

        Assert.False(incident.State.Grade!.Unclear);
        Assert.Contains(incident.State.Timeline, e => e.Kind == TimelineKind.Regraded && e.Text.En().StartsWith("Regraded IV (unclear) → level IV", StringComparison.Ordinal));
        Assert.DoesNotContain(incident.State.Obligations, o => o.Kind == ObligationKind.LevelChangeReport);
    }

    [Fact]
    public void Same_facts_again_change_no_grade_and_no_deadline()
    {
        var incident = Drive.Register(Facts.LevelIII);
        var entries = incident.State.Timeline.Count;

        incident.Handle(Cmd.Update(Facts.LevelIII), Commander, incident.T(0.5)).Accept();

        var added = Assert.Single(incident.State.Timeline.Skip(entries));
        Assert.Equal(TimelineKind.FactsUpdated, added.Kind);
        Assert.Equal("Facts updated: no fact changed", added.Text.En());
    }

    [Fact]
    public void Sensitivity_found_later_shortens_information_release_to_5_h()
    {
        var incident = Drive.Register(Facts.LevelIV);
        Assert.Equal(incident.T(24), incident.Obligation(ObligationKind.ReleaseInformation).DueAt);

        incident.Handle(Cmd.Update(Facts.LevelIV with { SensitiveReceptors = true }), Commander, incident.T(1)).Accept();

        Assert.Equal(incident.T(5), incident.Obligation(ObligationKind.ReleaseInformation).DueAt);
        Assert.Equal(incident.T(4), incident.Obligation(ObligationKind.Report).DueAt);
    }

    private static Incident RaisedAfterInitialReport(out DateTimeOffset regradeAt)
    {
        var incident = Drive.Register(Facts.LevelIII);
        incident.Handle(Cmd.Initial(), Commander, incident.T(1)).Accept();
        regradeAt = incident.T(1.5);
        incident.Handle(Cmd.Update(Facts.LevelII), Commander, regradeAt).Accept();
        return incident;
    }

    private static void AssertChanged(TimelineEntry<TimelineKind> entry, DateTimeOffset from, DateTimeOffset to)
    {
        Assert.Equal(IncidentTexts.DeadlineChanged.Code, entry.Text.Code);
        Assert.Equal(from, entry.Text["from"]!.Time);
        Assert.Equal(to, entry.Text["to"]!.Time);
        Assert.Contains($"due {Said.Texts.Moment(from, TextRenderer.English)} → {Said.Texts.Moment(to, TextRenderer.English)}", entry.Text.En(), StringComparison.Ordinal);
    }
}
