using Emergency.Domain.Decisions;
using Emergency.Testing;

namespace Emergency.Domain.Tests.Decisions;

/// <summary>The stability office and the legal office both review the same report before the collective decision.</summary>
public sealed class PreliminaryReviewTests
{
    [Theory]
    [InlineData(ReviewOffice.StabilityOffice, "waiting for the review of the legal office (法制机构)")]
    [InlineData(ReviewOffice.LegalOffice, "waiting for the review of the stability office (维稳办)")]
    public void One_review_is_not_enough(ReviewOffice first, string waiting)
    {
        var c = new MatterCase().Reported(RiskLevel.Low).Step((m, now) => m.Handle(DecisionCmd.Review(first), People.Legal, now));

        var decision = c.Refused(m => m.Handle(DecisionCmd.Decide(CollectiveDecisionOutcome.DoNotImplement), People.Maker, c.Now));

        Assert.Equal(MajorDecisionStage.Reported, c.State.Stage);
        Assert.StartsWith("the collective decision needs the preliminary reviews of both offices: waiting for ", decision.Reason.En(), StringComparison.Ordinal);
        Assert.Equal(waiting, Assert.Single(c.Matter.Blockers(c.Now)).Text.En());
    }

    [Fact]
    public void An_office_reviews_a_report_once()
    {
        var c = new MatterCase().Reported(RiskLevel.Low).Step((m, now) => m.Handle(DecisionCmd.Review(ReviewOffice.LegalOffice), People.Legal, now));

        var decision = c.Refused(m => m.Handle(DecisionCmd.Review(ReviewOffice.LegalOffice, ReviewVerdict.Returned), People.Legal, c.Now));

        Assert.StartsWith("the legal office (法制机构) already reviewed report #1 at ", decision.Reason.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_returned_report_goes_back_to_the_assessors_and_both_offices_review_the_next_one()
    {
        var c = new MatterCase().Reported(RiskLevel.Low)
            .Step((m, now) => m.Handle(DecisionCmd.Review(ReviewOffice.StabilityOffice), People.Stability, now))
            .Step((m, now) => m.Handle(DecisionCmd.Review(ReviewOffice.LegalOffice, ReviewVerdict.Returned), People.Legal, now));

        Assert.Equal(MajorDecisionStage.RiskRated, c.State.Stage);
        Assert.Equal("report #1 was returned by the legal office (法制机构): waiting for the assessors", Assert.Single(c.Matter.Blockers(c.Now)).Text.En());
        var early = c.Refused(m => m.Handle(DecisionCmd.Review(ReviewOffice.LegalOffice), People.Legal, c.Now));
        Assert.Equal("report #1 was returned; the reviews resume on the next report (writeReport)", early.Reason.En());

        c.Step((m, now) => m.Handle(DecisionCmd.Mitigation("A second access road away from the school."), People.Assessor, now))
            .Step((m, now) => m.Handle(DecisionCmd.Report(), People.Assessor, now))
            .Step((m, now) => m.Handle(DecisionCmd.Review(ReviewOffice.LegalOffice), People.Legal, now));

        Assert.Equal(MajorDecisionStage.Reported, c.State.Stage);
        Assert.Equal(["recordReview(stabilityOffice)", "attachPublicOpinion", "changeProposal"], c.Matter.AllowedMoves(c.Now));
        c.Step((m, now) => m.Handle(DecisionCmd.Review(ReviewOffice.StabilityOffice), People.Stability, now));
        Assert.Equal(MajorDecisionStage.Reviewed, c.State.Stage);
        Assert.Equal([1, 1, 2, 2], c.State.Round!.Reviews.Select(r => r.ReportNumber));
    }

    [Fact]
    public void A_returned_high_risk_still_stands()
    {
        var c = new MatterCase().Reported(RiskLevel.High)
            .Step((m, now) => m.Handle(DecisionCmd.Review(ReviewOffice.StabilityOffice, ReviewVerdict.Returned), People.Stability, now));

        c.Refused(m => m.Handle(DecisionCmd.Rate(RiskLevel.Low), People.Assessor, c.Now));
    }
}
