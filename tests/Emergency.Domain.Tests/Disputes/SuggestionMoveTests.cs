using System.Text.Json;
using Emergency.Domain.Cases;
using Emergency.Domain.Disputes;
using Emergency.Testing;

namespace Emergency.Domain.Tests.Disputes;

/// <summary>A suggestion's moves as data: read by their name from JSON, listed from the machine, drawn from it.</summary>
public sealed class SuggestionMoveTests
{
    [Fact]
    public void An_assignment_is_read_as_the_record_of_its_move_in_any_property_order()
    {
        var command = JsonSerializer.Deserialize<SuggestionCommand>(
            """{"leader": "Deputy director Li", "unit": "Water environment division", "requirement": "Answer.", "deadline": "2013-05-01T00:00:00+08:00", "complex": true, "complexBecause": "Two counties.", "move": "assign"}""",
            JsonShape.Options);

        var assign = Assert.IsType<AssignSuggestion>(command);
        Assert.True(assign.Complex);
        Assert.Equal("Two counties.", assign.ComplexBecause);
        Assert.Equal("assign", Moves.NameOf(assign));
    }

    [Theory]
    [InlineData("reply", typeof(ReplyToDeputy))]
    [InlineData("return", typeof(ReturnSuggestion))]
    [InlineData("close", typeof(CloseSuggestion))]
    public void Each_move_keeps_its_route_name(string move, Type expected)
    {
        var command = JsonSerializer.Deserialize<SuggestionCommand>($$"""{"move": "{{move}}", "content": "Planned for 2014.", "reason": "Not ours."}""", JsonShape.Options);

        Assert.IsType(expected, command);
    }

    [Fact]
    public void An_unknown_move_is_refused_with_its_name()
    {
        var error = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<SuggestionCommand>("""{"move": "returnWrongAssignment", "reason": "Not ours."}""", JsonShape.Options));

        Assert.Contains("returnWrongAssignment", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_move_is_named_once_and_only_registration_creates_an_item()
    {
        var moves = Moves.Of<SuggestionCommand>();

        Assert.Equal(["register", "assign", "return", "communication", "reply", "satisfaction", "close"], moves.Select(m => m.Name));
        Assert.Equal(["register"], moves.Where(m => m.Creates).Select(m => m.Name));
        Assert.Equal(["close"], moves.Where(m => m.BodyOptional).Select(m => m.Name));
        Assert.All(moves, m => Assert.Equal([Role.PetitionOfficer], m.Roles));
    }

    [Fact]
    public void A_move_of_another_kind_is_not_a_suggestion_move()
    {
        var error = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<SuggestionCommand>("""{"move": "acceptance", "outcome": "accepted"}""", JsonShape.Options));

        Assert.Contains("acceptance", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dissatisfaction_with_the_new_reply_stays_in_the_replied_phase_and_is_recorded_once()
    {
        var suggestion = SuggestionDrive.Replied();
        suggestion.Handle(SuggestionDrive.Satisfied(Satisfaction.Dissatisfied), SuggestionDrive.Office, suggestion.D(35)).Accept();
        suggestion.Handle(SuggestionDrive.Answer(), SuggestionDrive.Office, suggestion.D(40)).Accept();

        suggestion.Handle(SuggestionDrive.Satisfied(Satisfaction.Dissatisfied), SuggestionDrive.Office, suggestion.D(41)).Accept();
        var again = suggestion.Handle(SuggestionDrive.Satisfied(), SuggestionDrive.Office, suggestion.D(42));

        Assert.Equal(SuggestionPhase.Replied, suggestion.State.Phase);
        Assert.Equal([AnswerStage.Reply, AnswerStage.NewReply], suggestion.State.Satisfactions.Select(s => s.Stage));
        Assert.Equal(DecisionOutcome.NotAllowed, again.Outcome);
        Assert.StartsWith("the deputy's satisfaction with the new reply", again.Reason.En(), StringComparison.Ordinal);
        Assert.Equal(["communication", "close"], again.AllowedMoves);
    }

    [Fact]
    public void The_graph_of_the_procedure_is_current()
    {
        MachineGraphs.AssertCurrent("suggestion", "建议提案办理程序 — Deputies' suggestions and members' proposals", Suggestion.Graph());
    }
}
