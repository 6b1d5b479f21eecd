using Emergency.Domain.Decisions;

namespace Emergency.Domain.Tests.Decisions;

/// <summary>
/// A contested incinerator siting replayed end to end: the first site is rated high and cannot be implemented; the
/// proposal is redesigned, assessed again, rated medium, mitigated and rated low, and approved with an explanation.
/// </summary>
public sealed class IncineratorSitingScenarioTests
{
    [Fact]
    public void High_risk_redesign_and_reassessment()
    {
        var c = new MatterCase(MajorDecisionKind.InvestmentProject).CommentOpen();
        var round1 = c.State.Round!;

        // Round 1: 1,800 comments, a hearing where most oppose, and an early warning from the petitions side.
        c.Step((m, now) => m.Handle(DecisionCmd.Views(ViewMethod.Hearing, now.AddHours(-3), now, people: 80, opposed: 61), People.Assessor, now))
            .Step((m, now) => m.Handle(DecisionCmd.Opinion(now.AddDays(-1), now, PublicOpinionKind.EarlyWarning, 140), People.Assessor, now));
        c.Now = round1.PublicComment!.MayCloseAt;
        c.Matter.Handle(DecisionCmd.Close(received: 1_800), People.Assessor, c.Now).Accept();
        c.Step((m, now) => m.Handle(DecisionCmd.Finish(), People.Assessor, now));
        AnalyseAll(c);
        c.Step((m, now) => m.Handle(DecisionCmd.Rate(RiskLevel.High, "61 of 80 at the hearing oppose", "early warning: 140 complaints in a week"), People.Assessor, now))
            .Step((m, now) => m.Handle(DecisionCmd.Mitigation(), People.Assessor, now))
            .Step((m, now) => m.Handle(DecisionCmd.Report(), People.Assessor, now));
        ReviewBoth(c);

        c.Refused(m => m.Handle(DecisionCmd.Decide(CollectiveDecisionOutcome.Implement), People.Maker, c.Now));
        c.Step((m, now) => m.Handle(DecisionCmd.Decide(CollectiveDecisionOutcome.Postpone), People.Maker, now))
            .Step((m, now) => m.Handle(DecisionCmd.Change(), People.Maker, now));

        // Round 2: the Xishan site. Heard again for the full 30 days, rated medium, mitigated, rated low.
        c.CommentOpenAgain();
        c.Now = c.State.Round!.PublicComment!.MayCloseAt;
        c.Matter.Handle(DecisionCmd.Close(received: 260), People.Assessor, c.Now).Accept();
        c.Step((m, now) => m.Handle(DecisionCmd.Finish(), People.Assessor, now));
        AnalyseAll(c);
        c.Step((m, now) => m.Handle(DecisionCmd.Rate(RiskLevel.Medium, "the nearest village asks for compensation"), People.Assessor, now));
        c.Refused(m => m.Handle(DecisionCmd.Report(), People.Assessor, c.Now));
        c.Step((m, now) => m.Handle(DecisionCmd.Mitigation("Compensation and jobs agreed with Xishan village."), People.Assessor, now))
            .Step((m, now) => m.Handle(DecisionCmd.Rate(RiskLevel.Low, "the agreement was signed"), People.Assessor, now))
            .Step((m, now) => m.Handle(DecisionCmd.Report(), People.Assessor, now));
        ReviewBoth(c);
        c.Step((m, now) => m.Handle(DecisionCmd.Decide(CollectiveDecisionOutcome.Implement), People.Maker, now));

        Assert.Equal(MajorDecisionStage.Decided, c.State.Stage);
        Assert.Equal(
            [(CollectiveDecisionOutcome.Postpone, RiskLevel.High, 1), (CollectiveDecisionOutcome.Implement, RiskLevel.Low, 2)],
            c.State.CollectiveDecisions.Select(d => (d.Outcome, d.RiskLevel, d.Round)));
        Assert.Equal([RiskLevel.High], c.State.Rounds[0].Ratings.Select(r => r.Level));
        Assert.Equal([RiskLevel.Medium, RiskLevel.Low], c.State.Rounds[1].Ratings.Select(r => r.Level));
        Assert.All(c.State.Rounds.Select(r => r.PublicComment!), p => Assert.True(p.ClosedAt - p.OpenedAt >= TimeSpan.FromDays(30)));
        Assert.Equal(2, c.State.Timeline.Count(e => e.Kind == MajorDecisionTimelineKind.CollectiveDecisionTaken));
        Assert.Equal(1, c.State.Timeline.Count(e => e.Kind == MajorDecisionTimelineKind.AssessmentReopened));
        Assert.Equal(Enumerable.Range(1, c.State.Timeline.Count), c.State.Timeline.Select(e => e.Seq));
    }

    private static void AnalyseAll(MatterCase c)
    {
        foreach (var dimension in c.Matter.Rules!.Dimensions.Keys)
        {
            c.Step((m, now) => m.Handle(DecisionCmd.Finding(dimension), People.Assessor, now));
        }
    }

    private static void ReviewBoth(MatterCase c) =>
        c.Step((m, now) => m.Handle(DecisionCmd.Review(ReviewOffice.StabilityOffice), People.Stability, now))
            .Step((m, now) => m.Handle(DecisionCmd.Review(ReviewOffice.LegalOffice), People.Legal, now));
}
