using Emergency.Domain.Cases;
using Emergency.Domain.Incidents;
using Emergency.Testing;

namespace Emergency.Domain.Tests;

/// <summary>Deadlines that pass are marked overdue at the deadline; late completions say by how much.</summary>
public sealed class OverdueTests
{
    private static readonly Actor Commander = Drive.Commander;

    [Fact]
    public void Tick_past_a_deadline_marks_it_overdue_with_an_entry_at_the_deadline()
    {
        var incident = Drive.Register(Facts.LevelIV);
        var version = incident.State.Version;

        Assert.False(incident.Tick(incident.T(2).AddTicks(-1)));
        Assert.Equal(version, incident.State.Version);

        Assert.True(incident.Tick(incident.T(2.5)));

        var scene = incident.Obligation(ObligationKind.ReachScene);
        Assert.Equal(incident.T(2), scene.OverdueSince);
        Assert.Equal(ObligationStatus.Overdue, scene.StatusAt(incident.T(2.5)));
        var entry = incident.State.Timeline[^1];
        Assert.Equal(TimelineKind.ObligationOverdue, entry.Kind);
        Assert.Equal("reachScene", entry.Ref);
        Assert.Equal(incident.T(2), entry.At);
        Assert.Equal(incident.T(2.5), entry.RecordedAt);
        Assert.Equal("system", entry.Actor);
        Assert.Contains("is overdue", entry.Text.En(), StringComparison.Ordinal);
        Assert.Equal(version + 1, incident.State.Version);
        Assert.True(incident.HasOverdue);
        Assert.All(incident.State.Obligations.Where(o => o.Kind != ObligationKind.ReachScene), o => Assert.Null(o.OverdueSince));
    }

    [Fact]
    public void A_second_tick_adds_nothing()
    {
        var incident = Drive.Register(Facts.LevelIV);
        incident.Tick(incident.T(2.5));
        var snapshot = Drive.Snapshot(incident.State);

        Assert.False(incident.Tick(incident.T(2.5)));
        Assert.False(incident.Tick(incident.T(3)));

        Assert.Equal(snapshot, Drive.Snapshot(incident.State));
    }

    [Fact]
    public void One_tick_over_several_deadlines_marks_each_at_its_own_deadline_in_order()
    {
        var incident = Drive.Register(Facts.LevelIV);

        incident.Tick(incident.T(30));

        var overdue = incident.State.Timeline.Where(e => e.Kind == TimelineKind.ObligationOverdue).ToList();
        Assert.Equal(["reachScene", "report", "startMonitoring", "releaseInformation"], overdue.Select(e => e.Ref));
        Assert.Equal([incident.T(2), incident.T(4), incident.T(4), incident.T(24)], overdue.Select(e => e.At));
        Assert.Null(incident.Obligation(ObligationKind.OrganiseInvestigation).OverdueSince);
        Assert.Equal(incident.T(48), incident.NextDueAt);
    }

    [Fact]
    public void A_completion_after_the_deadline_is_completed_late_by_the_difference()
    {
        var incident = Drive.Register(Facts.LevelIV);

        incident.Handle(Cmd.Complete(ObligationKind.ReachScene), Commander, incident.T(2.5)).Accept();

        var scene = incident.Obligation(ObligationKind.ReachScene);
        Assert.Equal(incident.T(2.5), scene.CompletedAt);
        Assert.Equal(incident.T(2), scene.OverdueSince);
        Assert.Equal(TimeSpan.FromMinutes(30), scene.LateBy);
        Assert.Equal(ObligationStatus.CompletedLate, scene.StatusAt(incident.T(3)));
        Assert.False(incident.HasOverdue);
        var view = incident.View(incident.T(3)).Obligations.Single(o => o.Id == "reachScene");
        Assert.Equal(ObligationStatus.CompletedLate, view.Status);
        Assert.Equal(TimeSpan.FromMinutes(30), view.LateBy);
        Assert.Null(view.OverdueBy);
        var done = incident.State.Timeline[^1];
        Assert.Equal(TimelineKind.ObligationCompleted, done.Kind);
        Assert.StartsWith("reach the scene (赶赴现场) completed LATE by 30 min", done.Text.En(), StringComparison.Ordinal);
        Assert.Equal("duty-1 (DutyCommander)", scene.CompletedBy);
    }

    [Fact]
    public void A_late_initial_report_is_late_by_the_difference()
    {
        var incident = Drive.Register(Facts.LevelII, Times.Discovery2011);

        incident.Handle(Cmd.Initial(), Commander, incident.T(24 * 5)).Accept();

        var report = incident.Obligation(ObligationKind.Report);
        Assert.Equal(TimeSpan.FromHours((24 * 5) - 2), report.LateBy);
        Assert.Equal(ObligationStatus.CompletedLate, report.StatusAt(incident.T(24 * 5)));
    }

    [Fact]
    public void A_completion_before_the_deadline_is_on_time()
    {
        var incident = Drive.Register(Facts.LevelIV);

        incident.Handle(Cmd.Complete(ObligationKind.ReachScene), Commander, incident.T(1)).Accept();

        var scene = incident.Obligation(ObligationKind.ReachScene);
        Assert.Null(scene.LateBy);
        Assert.Null(scene.OverdueSince);
        Assert.Equal(ObligationStatus.Completed, scene.StatusAt(incident.T(30)));
        Assert.Contains("completed on time", incident.State.Timeline[^1].Text.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_stated_time_before_the_deadline_is_on_time_even_when_recorded_later()
    {
        var incident = Drive.Register(Facts.LevelIV);

        incident.Handle(Cmd.Complete(ObligationKind.ReachScene, incident.T(1.5)), Commander, incident.T(3)).Accept();

        var scene = incident.Obligation(ObligationKind.ReachScene);
        Assert.Equal(incident.T(1.5), scene.CompletedAt);
        Assert.Equal(incident.T(3), scene.RecordedAt);
        Assert.Null(scene.LateBy);
        var done = incident.State.Timeline[^1];
        Assert.Equal(incident.T(1.5), done.At);
        Assert.Equal(incident.T(3), done.RecordedAt);
        Assert.Contains("recorded 1 h 30 min later", done.Text.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void NextDueAt_moves_to_the_next_open_deadline()
    {
        var incident = Drive.Register(Facts.LevelIV);
        Assert.Equal(incident.T(2), incident.NextDueAt);

        incident.Handle(Cmd.Complete(ObligationKind.ReachScene), Commander, incident.T(1)).Accept();
        Assert.Equal(incident.T(4), incident.NextDueAt);

        incident.Tick(incident.T(4));
        Assert.Equal(incident.T(4), incident.NextDueAt); // due at 4 h means done by 4 h: not overdue yet

        incident.Tick(incident.T(4.01));
        Assert.Equal(incident.T(24), incident.NextDueAt); // overdue ones no longer wait for a deadline

        Drive.Release(incident, incident.T(5));
        Assert.Equal(incident.T(48), incident.NextDueAt);

        incident.Tick(incident.T(48.01));
        Assert.Null(incident.NextDueAt);
        Assert.True(incident.HasOverdue);
    }

    [Fact]
    public void Summary_next_due_includes_overdue_deadlines()
    {
        var incident = Drive.Register(Facts.LevelIV);
        incident.Tick(incident.T(3));

        var summary = incident.Summary(incident.T(3));

        Assert.Equal(incident.T(2), summary.NextDueAt);
        Assert.True(summary.Overdue);
        var scene = summary.Obligations.Single(o => o.Id == "reachScene");
        Assert.Equal(TimeSpan.FromHours(1), scene.OverdueBy);
        Assert.Equal(TimeSpan.FromHours(1), summary.Obligations.Single(o => o.Id == "report").Remaining);
    }

    [Fact]
    public void Every_command_ticks_first_so_a_refused_command_still_records_what_became_overdue()
    {
        var incident = Drive.Register(Facts.LevelIV);

        var decision = incident.Handle(Cmd.FollowUp(), Commander, incident.T(2.5));

        Assert.Equal(DecisionOutcome.NotAllowed, decision.Outcome);
        Assert.Equal(incident.T(2), incident.Obligation(ObligationKind.ReachScene).OverdueSince);
    }
}
