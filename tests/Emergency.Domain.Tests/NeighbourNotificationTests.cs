using System.Text.Json;
using System.Text.Json.Serialization;
using Emergency.Domain.Cases;
using Emergency.Domain.Incidents;
using Emergency.Testing;

namespace Emergency.Domain.Tests;

/// <summary>
/// Notifying neighbouring areas that may be affected (MEP Order 17 art. 8) is an obligation with a deadline, who was
/// told, and overdue when nobody is; an incident that stays within its area has no such obligation.
/// </summary>
public sealed class NeighbourNotificationTests
{
    private static readonly Actor Commander = Drive.Commander;

    private static CompleteObligation Notify(DateTimeOffset? at = null, string? notified = "Handan environmental protection bureau") =>
        new() { Obligation = ObligationKind.NotifyNeighbours, At = at, Notified = notified };

    [Fact]
    public void Facts_that_cross_a_boundary_at_registration_open_the_notice_due_one_hour_after_discovery()
    {
        var incident = Drive.Register(Facts.LevelIII);

        var notice = incident.Obligation(ObligationKind.NotifyNeighbours);
        Assert.Equal("notifyNeighbours", notice.Id);
        Assert.Equal(incident.T(1), notice.DueAt);
        Assert.Contains("1 h from discovery; it crosses a city boundary", notice.DeadlineBasis.En(), StringComparison.Ordinal);
        Assert.Contains("MEP Order 17 art. 8", notice.DeadlineBasis.En(), StringComparison.Ordinal);
        Assert.Contains("local practice", notice.DeadlineBasis.En(), StringComparison.Ordinal);
        Assert.Contains("completeObligation(notifyNeighbours)", incident.AllowedMoves(incident.T(0.5)));
    }

    [Fact]
    public void A_possible_crossing_of_a_province_is_enough()
    {
        var incident = Drive.Register(Facts.Unclear.WithSensitive("possibleCrossProvince"));

        Assert.Contains("may cross a province boundary", incident.Obligation(ObligationKind.NotifyNeighbours).DeadlineBasis.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_incident_within_its_area_has_no_notice_to_complete()
    {
        var incident = Drive.Register(Facts.Known);

        Assert.DoesNotContain(incident.State.Obligations, o => o.Kind == ObligationKind.NotifyNeighbours);
        var decision = incident.Refused(incident.T(1), i => i.Handle(Notify(), Commander, incident.T(1)), DecisionOutcome.NotAllowed);
        Assert.Contains("no fact says it affects or may affect a neighbouring area", decision.Reason.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void Facts_that_later_cross_a_boundary_open_the_notice_from_that_moment_and_it_goes_overdue()
    {
        var incident = Drive.Responding();
        var learnt = incident.T(120);

        incident.Handle(Cmd.Update(Facts.LevelII, "aniline has crossed into Hebei"), Commander, learnt).Accept();

        var notice = incident.Obligation(ObligationKind.NotifyNeighbours);
        Assert.Equal((learnt.Hours(1), (DateTimeOffset?)learnt), (notice.DueAt, notice.OpenedAt));
        Assert.Contains("1 h from the facts that say so", notice.DeadlineBasis.En(), StringComparison.Ordinal);
        Assert.Single(incident.State.Timeline, e => e.Kind == TimelineKind.DeadlineSet && e.Ref == "notifyNeighbours");

        incident.Tick(learnt.Hours(2));
        Assert.Equal(learnt.Hours(1), notice.OverdueSince);
        Assert.True(incident.Summary(learnt.Hours(2)).Overdue);

        // A further update neither opens a second notice nor moves its deadline.
        incident.Handle(Cmd.Update(Facts.LevelI), Commander, learnt.Hours(3)).Accept();
        Assert.Single(incident.State.Obligations, o => o.Kind == ObligationKind.NotifyNeighbours);
        Assert.Equal(learnt.Hours(1), notice.DueAt);
    }

    [Fact]
    public void Completing_the_notice_names_who_was_told()
    {
        var incident = Drive.Register(Facts.LevelII);

        var missing = incident.Refused(incident.T(0.5), i => i.Handle(Notify(notified: " "), Commander, incident.T(0.5)), DecisionOutcome.Invalid);
        Assert.Equal("notified", Assert.Single(missing.Errors).Field);

        incident.Handle(Notify(incident.T(0.75), "Handan and Anyang environmental protection bureaus"), Commander, incident.T(0.8)).Accept();

        var notice = incident.Obligation(ObligationKind.NotifyNeighbours);
        Assert.Equal("Handan and Anyang environmental protection bureaus", notice.Notified);
        Assert.Equal(ObligationStatus.Completed, notice.StatusAt(incident.T(1)));
        Assert.Equal("Handan and Anyang environmental protection bureaus", incident.View(incident.T(1)).Obligations.Single(o => o.Id == "notifyNeighbours").Notified);
        Assert.Contains("notified: Handan and Anyang environmental protection bureaus", incident.State.Timeline[^1].Text.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_incident_cannot_close_while_the_neighbours_are_not_notified()
    {
        var incident = Drive.Register(Facts.LevelII);
        incident.Handle(Cmd.Initial(), Commander, incident.T(1)).Accept();
        Drive.CompleteSteps(incident, incident.T(1.5));
        incident.Handle(Cmd.Final(), Commander, incident.T(3)).Accept();

        var refused = incident.Refused(incident.T(4), i => i.Handle(Cmd.Close(), Commander, incident.T(4)), DecisionOutcome.NotAllowed);
        Assert.Contains("still open: notify neighbouring areas (通报相邻区域)", refused.Reason.En(), StringComparison.Ordinal);

        incident.Handle(Notify(), Commander, incident.T(4)).Accept();
        incident.Handle(Cmd.Close(), Commander, incident.T(4)).Accept();
    }

    [Fact]
    public void A_state_stored_before_corrections_and_notices_existed_still_loads_and_takes_them()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
        var stored = JsonSerializer.SerializeToNode(Drive.Responding().State, options)!.AsObject();
        stored.Remove("corrections");
        foreach (var obligation in stored["obligations"]!.AsArray())
        {
            obligation!.AsObject().Remove("shownFalse");
            obligation.AsObject().Remove("notified");
        }

        var state = stored.Deserialize<IncidentState>(options)!;
        var incident = Incident.Load(state, RealRules.Catalog);

        Assert.Empty(incident.State.Corrections);
        Assert.All(incident.State.Obligations, o => Assert.Empty(o.ShownFalse));
        incident.Handle(new RecordCorrection { Kind = CorrectionKind.Omitted, Concerns = "report 1", Declared = "no casualties named", Actual = "two workers poisoned" }, Commander, incident.T(2)).Accept();
        Assert.Single(incident.State.Corrections);
    }
}
