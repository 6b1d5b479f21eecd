using System.Text.Json;
using Emergency.Domain.Cases;
using Emergency.Domain.Disputes;
using Emergency.Testing;

namespace Emergency.Domain.Tests.Disputes;

/// <summary>A petition's moves as data: read by their name from JSON, listed from the machine, drawn from it.</summary>
public sealed class DisputeMoveTests
{
    [Theory]
    [InlineData("reply", typeof(ReplyToPetition))]
    [InlineData("review/answer", typeof(AnswerReview))]
    [InlineData("second-review/answer", typeof(AnswerSecondReview))]
    public void An_answer_is_read_as_the_record_of_its_move(string move, Type expected)
    {
        var command = JsonSerializer.Deserialize<DisputeCommand>($$"""{"content": "The plant stopped the discharge.", "move": "{{move}}"}""", JsonShape.Options);

        Assert.IsType(expected, command);
        Assert.Equal("The plant stopped the discharge.", ((PetitionAnswer)command!).Content);
        Assert.Equal(move, Moves.NameOf(command));
    }

    [Fact]
    public void The_result_of_handling_keeps_its_route_name_under_its_new_record()
    {
        var command = JsonSerializer.Deserialize<DisputeCommand>("""{"move": "handling", "result": "Sampled.", "finding": "noViolationFound"}""", JsonShape.Options);

        var handling = Assert.IsType<RecordHandling>(command);
        Assert.Equal(ViolationFinding.NoViolationFound, handling.Finding);
    }

    [Fact]
    public void An_unknown_move_is_refused_with_its_name()
    {
        var error = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<DisputeCommand>("""{"move": "handle", "result": "Sampled."}""", JsonShape.Options));

        Assert.Contains("handle", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_move_is_named_once_and_only_registration_creates_a_case()
    {
        var moves = Moves.Of<DisputeCommand>();

        Assert.Equal(
            ["register", "transfer", "acceptance", "return", "assign", "extension", "handling", "reply", "satisfaction", "review", "review/answer",
                "second-review", "second-review/answer", "earlier-cases", "close", "noteEscalation"],
            moves.Select(m => m.Name));
        Assert.Equal(["register"], moves.Where(m => m.Creates).Select(m => m.Name));
        Assert.All(moves.Where(m => m.Name != "noteEscalation"), m => Assert.Equal([Role.PetitionOfficer], m.Roles));
        Assert.Equal([Role.System], moves.Single(m => m.Name == "noteEscalation").Roles);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_allowed_moves_are_moves_a_person_may_make(int path)
    {
        var dispute = path switch
        {
            0 => DisputeDrive.Register(),
            1 => DisputeDrive.Assigned(),
            2 => DisputeDrive.Replied(),
            _ => DisputeDrive.Reviewed(),
        };
        var now = dispute.State.Timeline[^1].RecordedAt.AddHours(1);
        var allowed = dispute.AllowedMoves(now);

        Assert.NotEmpty(allowed);
        Assert.DoesNotContain("noteEscalation", allowed);
        Assert.All(allowed, move => Assert.Contains(Moves.Of<DisputeCommand>(), m => m.Name == move && !m.Creates));
    }

    [Fact]
    public void The_engine_notes_an_escalation_once_even_on_a_closed_case()
    {
        var dispute = DisputeDrive.Register();
        dispute.Handle(DisputeCmd.NotAccept(), DisputeDrive.Officer, dispute.D(1)).Accept();
        dispute.Handle(new ClosePetition(), DisputeDrive.Officer, dispute.D(2)).Accept();
        var note = new NoteEscalation { WarningId = "ew-1", IncidentId = "inc-1" };

        dispute.Handle(note, Actor.System, dispute.D(3)).Accept();
        var again = dispute.Handle(note, Actor.System, dispute.D(3));

        Assert.Equal(DecisionOutcome.NotAllowed, again.Outcome);
        Assert.Equal("the escalation into incident inc-1 is already noted", again.Reason.En());
        Assert.Equal(DisputePhase.Closed, dispute.State.Phase);
    }

    [Fact]
    public void The_graph_of_the_procedure_is_current()
    {
        MachineGraphs.AssertCurrent("dispute", "信访事项办理程序 — Petition and complaint procedure", Dispute.Graph());
    }
}
