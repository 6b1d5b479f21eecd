using Emergency.Domain.Incidents;
using Emergency.Testing;

namespace Emergency.Domain.Tests;

/// <summary>
/// An alert acknowledged (警报确认): a step overdue or due within the hour is taken on by a duty commander, who and when
/// recorded in the obligation and the timeline; a step not yet an alert, done, or already acknowledged in that state is refused.
/// </summary>
public sealed class AlertAcknowledgementTests
{
    private static AcknowledgeAlert Ack(string obligation, string? note = null) => new() { Obligation = obligation, Note = note };

    [Fact]
    public void A_step_due_within_the_hour_is_acknowledged_once_and_again_when_it_becomes_overdue()
    {
        // Level IV: on scene within 2 h of discovery.
        var incident = Drive.Register(Facts.LevelIV);

        var early = incident.Refused(incident.T(0.5), i => i.Handle(Ack("reachScene"), Drive.Commander, incident.T(0.5)), DecisionOutcome.NotAllowed);
        Assert.Equal("alert.notAnAlert", early.Reason!.Code);
        Assert.DoesNotContain("acknowledgeAlert(reachScene)", incident.AllowedMoves(incident.T(0.5)));

        Assert.Contains("acknowledgeAlert(reachScene)", incident.AllowedMoves(incident.T(1.25)));
        incident.Handle(Ack("reachScene", "team leaving now"), Drive.Commander, incident.T(1.25)).Accept();
        var soon = incident.State.Timeline[^1];
        Assert.Equal((TimelineKind.AlertAcknowledged, "reachScene", incident.T(1.25), incident.T(1.25), Drive.Commander.ToString()),
            (soon.Kind, soon.Ref, soon.At, soon.RecordedAt, soon.Actor));
        Assert.Equal("incident.withNote", soon.Text.Code);
        Assert.Equal(new AlertAcknowledgement(incident.T(1.25), Drive.Commander.ToString(), Overdue: false), incident.Obligation(ObligationKind.ReachScene).Acknowledged);
        Assert.Null(incident.Obligation(ObligationKind.ReachScene).CompletedAt);

        var twice = incident.Refused(incident.T(1.5), i => i.Handle(Ack("reachScene"), Drive.Commander, incident.T(1.5)), DecisionOutcome.NotAllowed);
        Assert.Equal("alert.alreadyAcknowledged", twice.Reason!.Code);
        Assert.Contains("已由", twice.Reason.Zh(), StringComparison.Ordinal);

        // Overdue is a new alert: the acknowledgement while it was due soon does not cover it.
        incident.Handle(Ack("reachScene"), Drive.Commander, incident.T(2.5)).Accept();
        Assert.Equal("alert.acknowledgedOverdue", incident.State.Timeline[^1].Text.Code);
        Assert.StartsWith("已确认赶赴现场超时警报", incident.State.Timeline[^1].Text.Zh(), StringComparison.Ordinal);
        Assert.True(incident.Obligation(ObligationKind.ReachScene).Acknowledged!.Overdue);

        incident.Handle(Cmd.Complete(ObligationKind.ReachScene, incident.T(2.75)), Drive.Commander, incident.T(2.75)).Accept();
        var done = incident.Refused(incident.T(3), i => i.Handle(Ack("reachScene"), Drive.Commander, incident.T(3)), DecisionOutcome.NotAllowed);
        Assert.Equal("alert.alreadyDone", done.Reason!.Code);
    }

    [Fact]
    public void An_unknown_step_or_a_missing_one_is_refused_changing_nothing()
    {
        var incident = Drive.Register(Facts.LevelIV);

        var unknown = incident.Refused(incident.T(1.5), i => i.Handle(Ack("nowhere"), Drive.Commander, incident.T(1.5)), DecisionOutcome.NotAllowed);
        Assert.Equal("alert.unknownObligation", unknown.Reason!.Code);
        Assert.Contains("reachScene", unknown.Reason.En(), StringComparison.Ordinal);

        var missing = incident.Refused(incident.T(1.5), i => i.Handle(Ack(""), Drive.Commander, incident.T(1.5)), DecisionOutcome.Invalid);
        Assert.Contains(missing.Errors, e => e.Field == "obligation");
    }
}
