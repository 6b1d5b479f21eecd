using Emergency.Domain.Decisions;
using Emergency.Domain.Enforcement;
using Emergency.Domain.Messages;
using Emergency.Testing;

namespace Emergency.Domain.Tests.Decisions;

/// <summary>What decision makers, assessors and the board's decisions lane see.</summary>
public sealed class MajorDecisionViewTests
{
    [Theory]
    [InlineData("Draft", "a draft: waiting to be submitted")]
    [InlineData("Submitted", "waiting for the assessment plan")]
    [InlineData("AssessmentPlanned", "no view heard yet: waiting for public comment to open")]
    [InlineData("HearingViews", "comment period open until 2026-12-27 11:00 Beijing time (at least 30 d)")]
    [InlineData("ViewsHeard", "waiting for the analysis of legality (合法性), reasonableness (合理性), feasibility (可行性), controllability (可控性)")]
    [InlineData("Analysed", "waiting for the risk rating")]
    [InlineData("RiskRated", "waiting for the report at low risk (低风险)")]
    [InlineData("Reviewed", "waiting for the collective decision")]
    public void Each_stage_says_what_it_waits_for(string stage, string blocker)
    {
        var c = MatterCase.InStage(stage);

        Assert.Equal(blocker, Assert.Single(c.Matter.Blockers(c.Now)).Text.En());
    }

    [Fact]
    public void A_reported_matter_waits_for_both_offices_and_a_decided_one_for_nothing()
    {
        Assert.Equal(
            ["waiting for the review of the stability office (维稳办)", "waiting for the review of the legal office (法制机构)"],
            MatterCase.InStage("Reported").Matter.Blockers(MatterCase.Start.AddDays(40)).Select(b => b.Text.En()));
        Assert.Empty(MatterCase.InStage("Decided").Matter.Blockers(MatterCase.Start.AddDays(40)));
    }

    [Fact]
    public void A_high_risk_and_a_restriction_both_show_as_blockers()
    {
        var c = new MatterCase().Reviewed(RiskLevel.High);
        c.Registry.SetRestriction("rr-1", new SetRegionalRestriction { Region = "Handan", Reason = "air quality" }, People.Enforcer, c.Now).Accept();

        var blockers = c.Matter.Blockers(c.Now);

        Assert.Equal([BlockerKind.Risk, BlockerKind.Procedure, BlockerKind.RegionalRestriction], blockers.Select(b => b.Kind));
        Assert.Equal("high risk (高风险): cannot be implemented; redesign it (changeProposal) and assess it again, or postpone or do not implement", blockers[0].Text.En());
    }

    [Fact]
    public void The_view_shows_the_assessors_the_questions_and_the_findings()
    {
        var c = new MatterCase().ViewsHeard().Step((m, now) => m.Handle(DecisionCmd.Finding(AnalysisDimension.Feasibility), People.Assessor, now));

        var view = c.Matter.View(c.Now);

        Assert.Equal([AnalysisDimension.Legality, AnalysisDimension.Reasonableness, AnalysisDimension.Feasibility, AnalysisDimension.Controllability], view.Analysis.Select(a => a.Dimension));
        var feasibility = view.Analysis[2];
        Assert.Equal(("Findings on feasibility.", "assessor.zhao (Assessor)"), (feasibility.Findings, feasibility.By));
        Assert.Equal(Message.Literal(RealDecisionRules.Cn2019.Dimensions[AnalysisDimension.Feasibility].Question), feasibility.Question);
        Assert.Null(view.Analysis[0].Findings);
        Assert.Equal([ViewMethod.PublicComment, ViewMethod.Questionnaire], view.ViewsHeard.Select(h => h.Method));
        Assert.Equal(412, view.ViewsHeard[0].Count);
        Assert.Equal("decisions-cn-2019", view.RuleSetId);
        Assert.Equal(c.Matter.AllowedMoves(c.Now), view.AllowedMoves);
        Assert.Equal(c.State.Timeline, view.Timeline);
    }

    [Fact]
    public void The_summary_gives_the_board_the_stage_the_risk_and_what_blocks()
    {
        var c = new MatterCase().CommentOpen();

        var open = c.Matter.Summary(c.Now);
        c = new MatterCase(MajorDecisionKind.Policy).Postponed(RiskLevel.Medium);
        var postponed = c.Matter.Summary(c.Now);

        Assert.Equal((MajorDecisionStage.HearingViews, (RiskLevel?)null, 1), (open.Stage, open.RiskLevel, open.Round));
        Assert.Equal(new DateTimeOffset(2026, 12, 27, 11, 0, 0, MatterCase.China), open.CommentMayCloseAt);
        Assert.Equal(BlockerKind.CommentPeriod, Assert.Single(open.BlockedBy).Kind);
        Assert.Equal((MajorDecisionStage.Postponed, (RiskLevel?)RiskLevel.Medium, (CollectiveDecisionOutcome?)CollectiveDecisionOutcome.Postpone), (postponed.Stage, postponed.RiskLevel, postponed.Outcome));
        Assert.StartsWith("postponed at ", Assert.Single(postponed.BlockedBy).Text.En(), StringComparison.Ordinal);
        Assert.Equal(c.State.Version, postponed.Version);
    }

    [Fact]
    public void A_stored_state_loads_back_to_the_same_view()
    {
        var c = new MatterCase().Reviewed(RiskLevel.Medium);
        var json = System.Text.Json.JsonSerializer.Serialize(c.State);

        var loaded = MajorDecision.Load(System.Text.Json.JsonSerializer.Deserialize<MajorDecisionState>(json)!, RealDecisionRules.Catalog, c.Registry);

        Assert.Equal(DecisionSnapshots.Of(c.Matter.View(c.Now)), DecisionSnapshots.Of(loaded.View(c.Now)));
        loaded.Handle(DecisionCmd.Decide(CollectiveDecisionOutcome.Postpone), People.Maker, c.Now).Accept();
    }
}
