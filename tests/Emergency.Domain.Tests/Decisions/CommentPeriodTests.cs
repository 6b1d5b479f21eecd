using Emergency.Domain.Decisions;
using Emergency.Testing;

namespace Emergency.Domain.Tests.Decisions;

/// <summary>The public comment period runs at least the rule set's minimum; nobody can cut it short.</summary>
public sealed class CommentPeriodTests
{
    [Fact]
    public void Exactly_thirty_days_is_enough()
    {
        var c = new MatterCase().CommentOpen();
        var opened = c.State.Round!.PublicComment!.OpenedAt;

        c.Matter.Handle(DecisionCmd.Close(), People.Assessor, opened.AddDays(30)).Accept();

        var comment = c.State.Round!.PublicComment!;
        Assert.Equal(opened.AddDays(30), comment.ClosedAt);
        Assert.Equal(412, comment.CommentsReceived);
        Assert.StartsWith("Public comment closed after 30 d: 412 comments received", c.State.Timeline[^1].Text.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void Twenty_nine_days_and_twenty_three_hours_is_not_and_the_refusal_gives_the_date_it_may_close()
    {
        var c = new MatterCase().CommentOpen();
        var opened = c.State.Round!.PublicComment!.OpenedAt;
        var now = opened.AddDays(29).AddHours(23);

        var decision = c.Refused(m => m.Handle(DecisionCmd.Close(), People.Assessor, now));

        Assert.Equal(
            "the comment period cannot be cut short: opened 2026-11-27 11:00 Beijing time, it runs at least 30 d (" + RealDecisionRules.Cn2019.PublicComment.Source + "); it may close from 2026-12-27 11:00 Beijing time",
            decision.Reason.En());
        Assert.DoesNotContain("closePublicComment", decision.AllowedMoves);
        Assert.Contains("closePublicComment", c.Matter.AllowedMoves(opened.AddDays(30)));
    }

    [Fact]
    public void A_closing_date_stated_before_the_minimum_is_refused_even_when_recorded_later()
    {
        var c = new MatterCase().CommentOpen();
        var opened = c.State.Round!.PublicComment!.OpenedAt;

        var decision = c.Refused(opened.AddDays(35), m => m.Handle(DecisionCmd.Close(at: opened.AddDays(29)), People.Assessor, opened.AddDays(35)));

        Assert.StartsWith("the comment period cannot be cut short", decision.Reason.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_period_opened_earlier_than_recorded_runs_from_the_stated_day()
    {
        var c = new MatterCase().Plan();
        var planned = c.State.Round!.OpenedAt;

        c.Matter.Handle(DecisionCmd.Open(at: planned.AddHours(2)), People.Assessor, planned.AddDays(3)).Accept();

        var comment = c.State.Round!.PublicComment!;
        Assert.Equal(planned.AddHours(2).AddDays(30), comment.MayCloseAt);
        Assert.EndsWith("recorded 2 d 22 h later", c.State.Timeline[^1].Text.En(), StringComparison.Ordinal);
        Assert.Equal(planned.AddHours(2), c.State.Timeline[^1].At);
    }

    [Fact]
    public void Hearing_views_cannot_end_while_the_period_runs()
    {
        var c = new MatterCase().CommentOpen();
        var mayClose = c.State.Round!.PublicComment!.MayCloseAt;

        var early = c.Refused(m => m.Handle(DecisionCmd.Finish(), People.Assessor, mayClose.AddMinutes(-1)));
        var notClosed = c.Refused(mayClose.AddDays(1), m => m.Handle(DecisionCmd.Finish(), People.Assessor, mayClose.AddDays(1)));

        Assert.Equal("the comment period is open until 2026-12-27 11:00 Beijing time and cannot be cut short", early.Reason.En());
        Assert.Equal("close the comment period first (it may close since 2026-12-27 11:00 Beijing time)", notClosed.Reason.En());
    }

    [Fact]
    public void Public_comment_is_required_before_the_analysis()
    {
        var c = new MatterCase().Plan()
            .Step((m, now) => m.Handle(DecisionCmd.Views(ViewMethod.Visit, now.AddHours(-1), now), People.Assessor, now));

        var decision = c.Refused(m => m.Handle(DecisionCmd.Finish(), People.Assessor, c.Now));

        Assert.StartsWith("views have not been heard by public comment (公开征求意见) yet, which rule set decisions-cn-2019 requires", decision.Reason.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_period_cannot_be_opened_twice_in_one_assessment()
    {
        var c = new MatterCase().ViewsHeard();

        var decision = c.Refused(m => m.Handle(DecisionCmd.Open(), People.Assessor, c.Now));

        Assert.StartsWith("cannot open public comment: hearing views ended", decision.Reason.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void Matters_submitted_before_the_2019_regulation_need_the_local_twenty_days()
    {
        var c = new MatterCase(start: new DateTimeOffset(2015, 3, 2, 8, 0, 0, MatterCase.China)).CommentOpen();
        var comment = c.State.Round!.PublicComment!;

        Assert.Equal("decisions-local-2012", c.State.RuleSetId);
        Assert.Equal(TimeSpan.FromDays(20), comment.MinimumPeriod);
        c.Refused(m => m.Handle(DecisionCmd.Close(), People.Assessor, comment.OpenedAt.AddDays(20).AddSeconds(-1)));
        c.Matter.Handle(DecisionCmd.Close(), People.Assessor, comment.OpenedAt.AddDays(20)).Accept();
    }

    [Fact]
    public void A_close_recorded_after_the_minimum_notes_the_minimum_run_first_as_every_kind_ticks_before_a_move()
    {
        // Before, a major decision judged its moves without the tick other cases do first: closed before any timer
        // fired, the comment period never noted that its minimum had run.
        var c = new MatterCase().CommentOpen();
        var comment = c.State.Round!.PublicComment!;
        var versionBefore = c.State.Version;

        c.Matter.Handle(DecisionCmd.Close(), People.Assessor, comment.MayCloseAt.AddDays(2)).Accept();

        Assert.Equal(comment.MayCloseAt, comment.MinimumRunAt);
        var kinds = c.State.Timeline.Select(e => e.Kind).ToList();
        Assert.Equal(kinds.IndexOf(MajorDecisionTimelineKind.CommentMinimumRun) + 1, kinds.IndexOf(MajorDecisionTimelineKind.PublicCommentClosed));
        Assert.Equal(versionBefore + 2, c.State.Version);
    }

    [Fact]
    public void The_view_counts_the_period_against_now()
    {
        var c = new MatterCase().CommentOpen();
        var now = c.State.Round!.PublicComment!.OpenedAt.AddDays(10);

        var view = c.Matter.View(now);

        Assert.Equal(TimeSpan.FromDays(20), view.PublicComment!.Remaining);
        Assert.True(view.PublicComment.IsOpen);
        var blocker = Assert.Single(view.BlockedBy);
        Assert.Equal((BlockerKind.CommentPeriod, "comment period open until 2026-12-27 11:00 Beijing time (at least 30 d)"), (blocker.Kind, blocker.Text.En()));
        var later = c.Matter.View(now.AddDays(25));
        Assert.Null(later.PublicComment!.Remaining);
        Assert.Equal("comment period may close since 2026-12-27 11:00 Beijing time: waiting for it to be closed", Assert.Single(later.BlockedBy).Text.En());
    }
}
