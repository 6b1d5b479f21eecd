using Emergency.Domain.Decisions;
using Emergency.Testing;

namespace Emergency.Domain.Tests.Decisions;

/// <summary>Complaints and early warnings attached to a matter count as views heard and are shown to the assessors.</summary>
public sealed class PublicOpinionTests
{
    [Fact]
    public void Attached_complaints_are_views_heard_with_their_dates_and_counts()
    {
        var c = new MatterCase().CommentOpen();
        var from = c.Now.AddDays(-20);

        c.Step((m, now) => m.Handle(DecisionCmd.Opinion(from, now.AddDays(-2)), People.Assessor, now));

        var link = Assert.Single(c.State.PublicOpinion);
        Assert.Equal((1, 37, from), (link.Number, link.Count, link.From));
        Assert.Equal(["12369-2026-0411", "12369-2026-0417"], link.Ids);
        var heard = c.Matter.View(c.Now).ViewsHeard;
        Assert.Equal([PublicOpinionKind.Complaints, null, null], heard.Select(h => h.PublicOpinion));
        Assert.Equal("complaints (信访投诉): 12369-2026-0411, 12369-2026-0417", heard[0].Title.En());
        Assert.Equal(37, heard[0].Count);
        Assert.StartsWith("37 complaints from 2026-11-07", c.State.Timeline[^1].Text.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void Public_opinion_stays_in_view_when_the_assessment_reopens_and_counts_in_the_summary_of_views()
    {
        var c = new MatterCase().CommentOpen()
            .Step((m, now) => m.Handle(DecisionCmd.Opinion(now.AddDays(-3), now, PublicOpinionKind.EarlyWarning, 120), People.Assessor, now))
            .Step((m, now) => m.Handle(DecisionCmd.Change(), People.Maker, now))
            .CommentOpenAgain();

        Assert.Single(c.Matter.View(c.Now).ViewsHeard, h => h.PublicOpinion == PublicOpinionKind.EarlyWarning);
        c.Now = c.State.Round!.PublicComment!.MayCloseAt;
        c.Matter.Handle(DecisionCmd.Close(), People.Assessor, c.Now).Accept();
        c.Step((m, now) => m.Handle(DecisionCmd.Finish(), People.Assessor, now));

        Assert.Contains("public opinion ×1 (120 complaints)", c.State.Timeline[^1].Text.En(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Reviewed")]
    [InlineData("Postponed")]
    public void Public_opinion_may_arrive_until_the_decision(string stage)
    {
        var c = MatterCase.InStage(stage);

        c.Step((m, now) => m.Handle(DecisionCmd.Opinion(now.AddDays(-1), now), People.Assessor, now));

        Assert.Equal(stage, c.State.Stage.ToString());
    }

    [Fact]
    public void Dates_in_the_future_are_invalid()
    {
        var c = MatterCase.InStage("Submitted");

        var decision = c.Refused(m => m.Handle(DecisionCmd.Opinion(c.Now, c.Now.AddDays(1)), People.Assessor, c.Now), DecisionOutcome.Invalid);

        Assert.Equal("to", Assert.Single(decision.Errors).Field);
    }
}
