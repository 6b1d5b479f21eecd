using System.Text.Json;
using Emergency.Domain.Cases;
using Emergency.Domain.Decisions;
using Emergency.Testing;

namespace Emergency.Domain.Tests.Decisions;

/// <summary>A major decision's moves as data: one record per move, read by its name, judged by one handler and a machine whose graph is the procedure.</summary>
public sealed class MajorDecisionMovesTests
{
    [Fact]
    public void The_graph_page_shows_the_machine()
    {
        MachineGraphs.AssertCurrent("decision", "重大决策 — Major decision", MajorDecision.Graph());
    }

    [Fact]
    public void Every_move_is_named_as_its_route_with_the_roles_of_its_policy()
    {
        var moves = Moves.Of<MajorDecisionCommand>();

        Assert.Equal(
            ["draft", "submit", "planAssessment", "openPublicComment", "closePublicComment", "recordViews", "finishHearingViews", "recordFinding",
             "rateRisk", "recordMitigation", "writeReport", "recordReview", "takeCollectiveDecision", "attachPublicOpinion", "changeProposal"],
            moves.Select(m => m.Name));
        Assert.Equal("draft", Assert.Single(moves, m => m.Creates).Name);
        Assert.Equal([Role.DecisionMaker, Role.Assessor], moves.Single(m => m.Name == "attachPublicOpinion").Roles);
        Assert.All(moves.Where(m => m.Name is "draft" or "submit" or "changeProposal" or "takeCollectiveDecision"), m => Assert.Equal([Role.DecisionMaker], m.Roles));
        Assert.All(moves.Where(m => m.Name is "planAssessment" or "rateRisk" or "recordReview"), m => Assert.Equal([Role.Assessor], m.Roles));
        Assert.All(moves, m => Assert.NotEmpty(m.Summary));
    }

    [Fact]
    public void A_move_named_in_json_reads_as_its_record_whatever_the_order_of_its_fields()
    {
        var command = JsonSerializer.Deserialize<MajorDecisionCommand>(
            """{"level": "medium", "reasons": ["villagers fear the smell"], "move": "rateRisk"}""", JsonShape.Options);

        var rate = Assert.IsType<RateRisk>(command);
        Assert.Equal((RiskLevel.Medium, "villagers fear the smell"), (rate.Level, Assert.Single(rate.Reasons)));
        Assert.Equal("rateRisk", Moves.NameOf(rate));
        var again = JsonSerializer.Deserialize<MajorDecisionCommand>(JsonSerializer.Serialize<MajorDecisionCommand>(rate, JsonShape.Options), JsonShape.Options);
        Assert.Equal(RiskLevel.Medium, Assert.IsType<RateRisk>(again).Level);
    }

    [Fact]
    public void An_unknown_move_is_refused_by_name()
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<MajorDecisionCommand>("""{"move": "approve", "outcome": "implement"}""", JsonShape.Options));

        Assert.Contains("approve", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_allowed_moves_are_the_moves_the_machine_permits_at_every_stage()
    {
        var now = MatterCase.Start;
        foreach (var matter in new[]
        {
            new MatterCase(), new MatterCase().Submit(), new MatterCase().Plan(), new MatterCase().CommentOpen(), new MatterCase().ViewsHeard(),
            new MatterCase().Analysed(), new MatterCase().Rated(RiskLevel.Medium), new MatterCase().Reported(RiskLevel.Low),
            new MatterCase().Reviewed(RiskLevel.Low), new MatterCase().Postponed(RiskLevel.High), new MatterCase().Decided(),
        })
        {
            var allowed = matter.Matter.AllowedMoves(matter.Now).Select(m => m.Split('(')[0]).Distinct().Order(StringComparer.Ordinal);

            Assert.Equal(matter.Matter.PermittedMoves(matter.Now), allowed);
        }

        Assert.Empty(new MatterCase().Decided().Matter.AllowedMoves(now.AddDays(400)));
    }

    [Fact]
    public void Public_opinion_and_a_change_to_the_proposal_are_allowed_in_every_stage_that_is_not_decided()
    {
        Assert.Equal(["changeProposal"], new MatterCase().Matter.AllowedMoves(MatterCase.Start).Where(m => m is "attachPublicOpinion" or "changeProposal"));
        foreach (var matter in new[] { new MatterCase().Submit(), new MatterCase().ViewsHeard(), new MatterCase().Reviewed(RiskLevel.Low), new MatterCase().Postponed(RiskLevel.High) })
        {
            Assert.Equal(["attachPublicOpinion", "changeProposal"], matter.Matter.AllowedMoves(matter.Now).Where(m => m is "attachPublicOpinion" or "changeProposal"));
        }
    }

    [Fact]
    public void The_draft_that_created_the_matter_is_not_a_move_on_it()
    {
        var matter = new MatterCase();

        var refused = matter.Matter.Handle(DecisionCmd.Draft(), People.Maker, matter.Now);

        Assert.Equal((DecisionOutcome.NotAllowed, DecisionRefusals.OutOfOrder), (refused.Outcome, DecisionRefusals.CodeOf(refused.Reason)));
        Assert.Equal(1, matter.State.Version);
    }
}
