using Emergency.Domain.Decisions;
using Emergency.Testing;

namespace Emergency.Domain.Tests.Decisions;

/// <summary>A material change to the proposal reopens the assessment; what was heard and concluded before stays in the history.</summary>
public sealed class ProposalChangeTests
{
    [Theory]
    [InlineData("Draft")]
    [InlineData("Submitted")]
    [InlineData("AssessmentPlanned")]
    public void Before_any_view_is_heard_a_change_needs_no_new_assessment(string stage)
    {
        var c = MatterCase.InStage(stage);
        var rounds = c.State.Rounds.Count;
        var before = c.State.Proposal;

        c.Step((m, now) => m.Handle(DecisionCmd.Change(), People.Maker, now));

        Assert.Equal(stage, c.State.Stage.ToString());
        Assert.Equal(rounds, c.State.Rounds.Count);
        Assert.Equal(DecisionCmd.Change().Proposal, c.State.Proposal);
        var change = Assert.Single(c.State.ProposalChanges);
        Assert.Equal((before, (int?)null), (change.Before, change.ReopenedRound));
        Assert.Equal(MajorDecisionTimelineKind.ProposalChanged, c.State.Timeline[^1].Kind);
    }

    [Theory]
    [InlineData("HearingViews")]
    [InlineData("ViewsHeard")]
    [InlineData("Analysed")]
    [InlineData("RiskRated")]
    [InlineData("Reported")]
    [InlineData("Reviewed")]
    [InlineData("Postponed")]
    public void Once_views_are_heard_a_change_reopens_the_assessment(string stage)
    {
        var c = MatterCase.InStage(stage);
        var old = c.State.Round!;
        var heard = old.Views.Count;

        c.Step((m, now) => m.Handle(DecisionCmd.Change(), People.Maker, now));

        Assert.Equal(MajorDecisionStage.AssessmentPlanned, c.State.Stage);
        Assert.Equal([1, 2], c.State.Rounds.Select(r => r.Number));
        Assert.Same(old, c.State.Rounds[0]);
        Assert.Equal(heard, old.Views.Count);
        Assert.NotNull(old.ClosedAt);
        Assert.Equal(2, c.State.ProposalChanges[0].ReopenedRound);
        Assert.Empty(c.State.Round!.Views);
        Assert.Equal(["planAssessment", "openPublicComment", "recordViews(questionnaire)", "recordViews(visit)", "recordViews(hearing)", "attachPublicOpinion", "changeProposal"], c.Matter.AllowedMoves(c.Now));
        Assert.StartsWith("assessment reopened (the proposal changed: site moved to Xishan)", Assert.Single(c.Matter.Blockers(c.Now)).Text.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_change_during_public_comment_ends_that_period_and_the_new_proposal_gets_its_own()
    {
        var c = new MatterCase().CommentOpen();
        var first = c.State.Round!.PublicComment!;

        c.Step((m, now) => m.Handle(DecisionCmd.Change(), People.Maker, now)).CommentOpenAgain();

        Assert.Equal(c.Now.AddHours(-1), first.SupersededAt);
        Assert.Null(first.ClosedAt);
        Assert.False(first.IsOpen);
        var second = c.State.Round!.PublicComment!;
        Assert.Equal(c.Now.AddDays(30), second.MayCloseAt);
        c.Refused(m => m.Handle(DecisionCmd.Close(), People.Assessor, first.MayCloseAt));
    }

    [Fact]
    public void Views_heard_on_the_old_proposal_do_not_count_for_the_new_one()
    {
        var c = new MatterCase().CommentOpen().Step((m, now) => m.Handle(DecisionCmd.Change(), People.Maker, now));
        var reopened = c.State.Round!.OpenedAt;

        var decision = c.Refused(m => m.Handle(DecisionCmd.Views(ViewMethod.Visit, reopened.AddHours(-3), reopened), People.Assessor, c.Now), DecisionOutcome.Invalid);

        Assert.Equal("from", Assert.Single(decision.Errors).Field);
    }

    [Fact]
    public void A_decided_matter_cannot_change()
    {
        var c = new MatterCase().Decided();

        c.Refused(m => m.Handle(DecisionCmd.Change(), People.Maker, c.Now));
    }

    [Fact]
    public void The_view_keeps_every_past_assessment()
    {
        var c = new MatterCase().Reviewed(RiskLevel.High).Step((m, now) => m.Handle(DecisionCmd.Change(), People.Maker, now));

        var view = c.Matter.View(c.Now);

        var past = Assert.Single(view.PastAssessments);
        Assert.Equal(RiskLevel.High, past.Rating!.Level);
        Assert.Equal(2, view.Assessment!.Number);
        Assert.Null(view.RiskLevel);
        Assert.Null(view.PublicComment);
        Assert.Equal(DecisionCmd.Draft().Proposal, Assert.Single(view.ProposalChanges).Before);
    }
}
