using System.Text.Json;
using Emergency.Domain.Cases;
using Emergency.Domain.Disputes;
using Emergency.Domain.Incidents;
using Emergency.Domain.Tests.Disputes;
using Emergency.Testing;

namespace Emergency.Domain.Tests.Cases;

/// <summary>
/// Incidents, petitions, suggestions and disclosure requests keep their obligations on one model: rows stored before
/// it still load, and a view read later is counted again as the obligation itself would be.
/// </summary>
public sealed class CaseObligationTests
{
    [Fact]
    public void An_incident_obligation_stored_before_the_shared_model_still_loads_late_by_its_first_deadline()
    {
        // As the incident's own class wrote it, derived properties included.
        const string stored = """
            {"id":"reachScene","kind":"reachScene","dueAt":"2025-03-02T10:00:00+08:00","deadlineBasis":"level III: 2 h from discovery",
             "openedAt":null,"overdueSince":"2025-03-02T09:00:00+08:00","completedAt":"2025-03-02T09:30:00+08:00",
             "recordedAt":"2025-03-02T09:31:00+08:00","completedBy":"duty-1 (DutyCommander)","note":"on scene","notified":null,
             "shownFalse":[],"acknowledged":null,"isCompleted":true,"effectiveDeadline":"2025-03-02T09:00:00+08:00","lateBy":"00:30:00"}
            """;

        var obligation = JsonSerializer.Deserialize<Obligation>(stored, JsonShape.Options)!;

        Assert.Equal(ObligationKind.ReachScene, obligation.Kind);
        Assert.Equal(TimeSpan.FromMinutes(30), obligation.LateBy);
        Assert.Equal(ObligationStatus.CompletedLate, obligation.StatusAt(Moments.At(2025, 3, 3)));
        Assert.Equal("level III: 2 h from discovery", obligation.DeadlineBasis.En());
        Assert.Equal("on scene", obligation.Note!.En());
    }

    [Fact]
    public void A_petition_obligation_stored_before_the_shared_model_still_loads_withdrawn()
    {
        const string stored = """
            {"id":"acceptance","kind":"acceptance","openedAt":"2025-03-03T10:00:00+08:00","dueAt":"2025-03-18T23:59:59+08:00",
             "deadlineBasis":"15 days from receipt","unit":"county bureau","overdueSince":null,"completedAt":null,"recordedAt":null,
             "completedBy":null,"note":null,"withdrawnAt":"2025-03-05T10:00:00+08:00","withdrawnBecause":"sent back as wrongly assigned",
             "isCompleted":false,"isWithdrawn":true,"isOpen":false,"effectiveDeadline":"2025-03-18T23:59:59+08:00","lateBy":null}
            """;

        var obligation = JsonSerializer.Deserialize<DisputeObligation>(stored, JsonShape.Options)!;

        Assert.Equal("county bureau", obligation.Unit);
        Assert.False(obligation.IsOpen);
        Assert.Equal(ObligationStatus.Withdrawn, obligation.StatusAt(Moments.At(2025, 4, 1)));
        Assert.False(obligation.FellDueBy(Moments.At(2025, 4, 1)));
    }

    [Fact]
    public void An_obligation_seen_at_one_moment_and_counted_again_later_reads_as_if_seen_then()
    {
        var incident = Drive.Register();
        var scene = incident.Obligation(ObligationKind.ReachScene);
        var dispute = DisputeDrive.Accepted();
        var reply = dispute.Obligation(DisputeObligationKind.Reply);
        var later = scene.DueAt.AddHours(1);

        Assert.Equal(Json(ObligationView.Of(scene, later)), Json(ObligationView.Of(scene, scene.DueAt.AddHours(-1)).AsOf(later)));
        Assert.Equal(ObligationStatus.Overdue, ObligationView.Of(scene, scene.DueAt.AddHours(-1)).AsOf(later).Status);
        Assert.Equal(Json(DisputeObligationView.Of(reply, reply.DueAt.AddDays(3))), Json(DisputeObligationView.Of(reply, dispute.D(1)).AsOf(reply.DueAt.AddDays(3))));
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, JsonShape.Options);
}
