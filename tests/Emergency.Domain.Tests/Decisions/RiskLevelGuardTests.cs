using Emergency.Domain.Decisions;
using Emergency.Testing;

namespace Emergency.Domain.Tests.Decisions;

/// <summary>What each risk level allows: high is never implemented, medium goes on mitigated and rated again, low with an explanation.</summary>
public sealed class RiskLevelGuardTests
{
    [Theory]
    [InlineData(CollectiveDecisionOutcome.Implement)]
    [InlineData(CollectiveDecisionOutcome.ImplementAfterMitigation)]
    public void A_high_risk_cannot_be_implemented(CollectiveDecisionOutcome outcome)
    {
        var c = new MatterCase(MajorDecisionKind.Policy).Reviewed(RiskLevel.High);

        var decision = c.Refused(m => m.Handle(DecisionCmd.Decide(outcome), People.Maker, c.Now));

        Assert.Equal("a high risk (高风险) cannot be implemented (most of the people concerned strongly object; a large mass incident is possible); it may be redesigned and assessed again (changeProposal), postponed or not implemented", decision.Reason.En());
        Assert.Equal(["takeCollectiveDecision(postpone)", "takeCollectiveDecision(doNotImplement)", "attachPublicOpinion", "changeProposal"], decision.AllowedMoves);
    }

    [Theory]
    [InlineData(CollectiveDecisionOutcome.Postpone, MajorDecisionStage.Postponed)]
    [InlineData(CollectiveDecisionOutcome.DoNotImplement, MajorDecisionStage.Decided)]
    public void A_high_risk_may_be_postponed_or_not_implemented(CollectiveDecisionOutcome outcome, MajorDecisionStage stage)
    {
        var c = new MatterCase().Reviewed(RiskLevel.High);

        c.Step((m, now) => m.Handle(DecisionCmd.Decide(outcome), People.Maker, now));

        Assert.Equal(stage, c.State.Stage);
        var decided = Assert.Single(c.State.CollectiveDecisions);
        Assert.Equal(RiskLevel.High, decided.RiskLevel);
        Assert.Equal(1, decided.ReportNumber);
    }

    [Fact]
    public void A_postponed_high_risk_still_cannot_be_implemented()
    {
        var c = new MatterCase().Postponed(RiskLevel.High);

        c.Refused(m => m.Handle(DecisionCmd.Decide(CollectiveDecisionOutcome.Implement), People.Maker, c.Now));
        var again = c.Refused(m => m.Handle(DecisionCmd.Decide(CollectiveDecisionOutcome.Postpone), People.Maker, c.Now));

        Assert.StartsWith("the matter is already postponed (since ", again.Reason.En(), StringComparison.Ordinal);
        Assert.Equal(["takeCollectiveDecision(doNotImplement)", "attachPublicOpinion", "changeProposal"], c.Matter.AllowedMoves(c.Now));
    }

    [Fact]
    public void A_high_rating_stands_until_the_proposal_is_redesigned()
    {
        var c = new MatterCase().Analysed().Step((m, now) => m.Handle(DecisionCmd.Rate(RiskLevel.High), People.Assessor, now));

        var decision = c.Refused(m => m.Handle(DecisionCmd.Rate(RiskLevel.Low, "on second thoughts"), People.Assessor, c.Now));

        Assert.Equal("a high risk (高风险) stands until the proposal is redesigned: change the proposal (changeProposal) to assess it again", decision.Reason.En());
    }

    [Fact]
    public void Redesign_after_a_high_risk_assesses_the_new_proposal_from_the_start_and_keeps_the_old_assessment()
    {
        var c = new MatterCase(MajorDecisionKind.Policy).Reviewed(RiskLevel.High);

        c.Step((m, now) => m.Handle(DecisionCmd.Change(), People.Maker, now));

        Assert.Equal(MajorDecisionStage.AssessmentPlanned, c.State.Stage);
        Assert.Equal(2, c.State.Rounds.Count);
        var first = c.State.Rounds[0];
        Assert.Equal(RiskLevel.High, first.Rating!.Level);
        Assert.True(first.BothOfficesAgreed);
        Assert.Equal(c.Now, first.ClosedAt);
        Assert.Equal("the proposal changed: site moved to Xishan", first.ClosedBecause.En());
        var second = c.State.Round!;
        Assert.Null(second.Rating);
        Assert.Null(second.PublicComment);
        Assert.Equal(first.PlannedMethods, second.PlannedMethods);
        Assert.Equal([MajorDecisionTimelineKind.ProposalChanged, MajorDecisionTimelineKind.AssessmentReopened], c.State.Timeline.TakeLast(2).Select(e => e.Kind));
        Assert.Equal(2, c.State.Timeline[^1].Round);

        // The new proposal is heard again for the full period, rated low this time, and may be implemented.
        c.CommentOpenAgain();
        var reopened = c.State.Round!.PublicComment!;
        c.Refused(m => m.Handle(DecisionCmd.Close(), People.Assessor, reopened.MayCloseAt.AddHours(-1)));
        c.Now = reopened.MayCloseAt;
        c.Matter.Handle(DecisionCmd.Close(), People.Assessor, c.Now).Accept();
        c.Step((m, now) => m.Handle(DecisionCmd.Finish(), People.Assessor, now));
        foreach (var dimension in c.Matter.Rules!.Dimensions.Keys)
        {
            c.Step((m, now) => m.Handle(DecisionCmd.Finding(dimension), People.Assessor, now));
        }

        c.Step((m, now) => m.Handle(DecisionCmd.Rate(RiskLevel.Low), People.Assessor, now))
            .Step((m, now) => m.Handle(DecisionCmd.Mitigation(), People.Assessor, now))
            .Step((m, now) => m.Handle(DecisionCmd.Report(), People.Assessor, now))
            .Step((m, now) => m.Handle(DecisionCmd.Review(ReviewOffice.LegalOffice), People.Legal, now))
            .Step((m, now) => m.Handle(DecisionCmd.Review(ReviewOffice.StabilityOffice), People.Stability, now))
            .Step((m, now) => m.Handle(DecisionCmd.Decide(CollectiveDecisionOutcome.Implement), People.Maker, now));

        var decided = Assert.Single(c.State.CollectiveDecisions);
        Assert.Equal((CollectiveDecisionOutcome.Implement, RiskLevel.Low, 2), (decided.Outcome, decided.RiskLevel, decided.Round));
        Assert.Single(c.Matter.View(c.Now).PastAssessments);
    }

    [Fact]
    public void A_medium_risk_goes_on_only_after_its_measures_are_recorded_and_it_is_rated_again()
    {
        var c = new MatterCase(MajorDecisionKind.Policy).Analysed().Step((m, now) => m.Handle(DecisionCmd.Rate(RiskLevel.Medium), People.Assessor, now));

        var noMeasures = c.Refused(m => m.Handle(DecisionCmd.Report(), People.Assessor, c.Now));
        var noReRating = c.Refused(m => m.Handle(DecisionCmd.Rate(RiskLevel.Low), People.Assessor, c.Now));
        c.Step((m, now) => m.Handle(DecisionCmd.Mitigation(), People.Assessor, now));
        var notRatedAgain = c.Refused(m => m.Handle(DecisionCmd.Report(), People.Assessor, c.Now));
        c.Step((m, now) => m.Handle(DecisionCmd.Rate(RiskLevel.Medium, "measures lower the risk, some still object"), People.Assessor, now));
        c.Step((m, now) => m.Handle(DecisionCmd.Report(), People.Assessor, now));

        Assert.Equal("a medium risk (中风险) goes on only after its mitigation measures are recorded (recordMitigation) and the risk is rated again (rateRisk)", noMeasures.Reason.En());
        Assert.Equal("a medium risk (中风险) is rated again only after mitigation measures are recorded for it (recordMitigation)", noReRating.Reason.En());
        Assert.Equal("a medium risk (中风险) goes on only once it is rated again with its mitigation measures on record (rateRisk)", notRatedAgain.Reason.En());
        Assert.Equal(MajorDecisionStage.Reported, c.State.Stage);
        Assert.Equal((RiskLevel.Medium, 2, 1), (c.State.Round!.Report!.RiskLevel, c.State.Round.Report.RatingNumber, c.State.Round.Report.MeasuresOnRecord));
        Assert.Contains("Rated again: medium risk (中风险) → medium risk (中风险) with 1 mitigation measures on record", c.State.Timeline.Single(e => e.Text.En().StartsWith("Rated again", StringComparison.Ordinal)).Text.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_blocker_of_an_unmitigated_medium_risk_names_the_next_step()
    {
        var c = new MatterCase().Analysed().Step((m, now) => m.Handle(DecisionCmd.Rate(RiskLevel.Medium), People.Assessor, now));

        var blocker = Assert.Single(c.Matter.Blockers(c.Now));

        Assert.Equal(BlockerKind.Risk, blocker.Kind);
        Assert.Contains("recordMitigation", blocker.Text.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_medium_risk_rated_low_after_mitigation_goes_on_as_low()
    {
        var c = new MatterCase(MajorDecisionKind.InvestmentProject).Analysed()
            .Step((m, now) => m.Handle(DecisionCmd.Rate(RiskLevel.Medium), People.Assessor, now))
            .Step((m, now) => m.Handle(DecisionCmd.Mitigation(), People.Assessor, now))
            .Step((m, now) => m.Handle(DecisionCmd.Rate(RiskLevel.Low, "site moved further; villagers agree"), People.Assessor, now))
            .Step((m, now) => m.Handle(DecisionCmd.Report(), People.Assessor, now))
            .Step((m, now) => m.Handle(DecisionCmd.Review(ReviewOffice.StabilityOffice), People.Stability, now))
            .Step((m, now) => m.Handle(DecisionCmd.Review(ReviewOffice.LegalOffice), People.Legal, now));

        c.Step((m, now) => m.Handle(DecisionCmd.Decide(CollectiveDecisionOutcome.Implement), People.Maker, now));

        Assert.Equal(RiskLevel.Low, c.State.CollectiveDecisions[0].RiskLevel);
    }

    [Fact]
    public void A_rating_raised_to_medium_needs_its_own_measures_and_re_rating()
    {
        var c = new MatterCase().Analysed()
            .Step((m, now) => m.Handle(DecisionCmd.Rate(RiskLevel.Low), People.Assessor, now))
            .Step((m, now) => m.Handle(DecisionCmd.Mitigation(), People.Assessor, now))
            .Step((m, now) => m.Handle(DecisionCmd.Rate(RiskLevel.Medium, "a village petition came in"), People.Assessor, now));

        c.Refused(m => m.Handle(DecisionCmd.Report(), People.Assessor, c.Now));
        c.Step((m, now) => m.Handle(DecisionCmd.Mitigation("Compensation agreed with the petitioners."), People.Assessor, now))
            .Step((m, now) => m.Handle(DecisionCmd.Rate(RiskLevel.Medium), People.Assessor, now))
            .Step((m, now) => m.Handle(DecisionCmd.Report(), People.Assessor, now));
    }

    [Fact]
    public void A_medium_risk_is_implemented_only_with_its_measures()
    {
        var c = new MatterCase(MajorDecisionKind.Policy).Reviewed(RiskLevel.Medium);

        var plain = c.Refused(m => m.Handle(DecisionCmd.Decide(CollectiveDecisionOutcome.Implement), People.Maker, c.Now));
        c.Step((m, now) => m.Handle(DecisionCmd.Decide(CollectiveDecisionOutcome.ImplementAfterMitigation, explanation: null), People.Maker, now));

        Assert.StartsWith("at medium risk (中风险) the collective decision may only be implement after mitigation (落实措施后实施), postpone (暂缓), do not implement (不实施)", plain.Reason.En(), StringComparison.Ordinal);
        Assert.Equal(CollectiveDecisionOutcome.ImplementAfterMitigation, c.State.CollectiveDecisions[0].Outcome);
    }

    [Fact]
    public void An_investment_project_is_not_approved_at_medium_risk()
    {
        var c = new MatterCase(MajorDecisionKind.InvestmentProject).Reviewed(RiskLevel.Medium);

        var decision = c.Refused(m => m.Handle(DecisionCmd.Decide(CollectiveDecisionOutcome.ImplementAfterMitigation), People.Maker, c.Now));

        Assert.Equal($"an investment project cannot be approved at medium risk (中风险) ({RealDecisionRules.Cn2019.InvestmentProjects.Source}); it may be redesigned and assessed again (changeProposal), postponed or not implemented", decision.Reason.En());
        Assert.Equal(["takeCollectiveDecision(postpone)", "takeCollectiveDecision(doNotImplement)", "attachPublicOpinion", "changeProposal"], decision.AllowedMoves);
        Assert.Contains(c.Matter.Blockers(c.Now), b => b.Kind == BlockerKind.Risk && b.Text.En().StartsWith("an investment project is not approved at medium risk", StringComparison.Ordinal));
    }

    [Fact]
    public void Approving_at_low_risk_needs_the_explanation()
    {
        var c = new MatterCase().Reviewed(RiskLevel.Low);

        var decision = c.Refused(m => m.Handle(DecisionCmd.Decide(CollectiveDecisionOutcome.Implement, explanation: " "), People.Maker, c.Now), DecisionOutcome.Invalid);
        c.Step((m, now) => m.Handle(DecisionCmd.Decide(CollectiveDecisionOutcome.Implement), People.Maker, now));

        var error = Assert.Single(decision.Errors);
        Assert.Equal("explanation", error.Field);
        Assert.StartsWith("is required to approve at low risk (低风险): say how the remaining objections are answered", error.Message.En(), StringComparison.Ordinal);
        Assert.Equal(MajorDecisionStage.Decided, c.State.Stage);
        Assert.Equal("Village meetings will explain the emission limits and the monitoring.", c.State.CollectiveDecisions[0].Explanation);
    }

    [Fact]
    public void The_report_needs_a_mitigation_measure_at_any_level()
    {
        var c = new MatterCase().Analysed().Step((m, now) => m.Handle(DecisionCmd.Rate(RiskLevel.Low), People.Assessor, now));

        var decision = c.Refused(m => m.Handle(DecisionCmd.Report(), People.Assessor, c.Now));

        Assert.Equal("the report needs the mitigation measures: record at least one (recordMitigation)", decision.Reason.En());
    }
}
