using Emergency.Domain.Cases;
using Emergency.Domain.Decisions;
using Emergency.Domain.Enforcement;
using Emergency.Testing;

namespace Emergency.Domain.Tests.Decisions;

/// <summary>A major decision as a case of the engine: its one deadline and the restrictions it notes when ticked.</summary>
public sealed class MajorDecisionCaseTests
{
    [Fact]
    public void The_earliest_close_of_the_comment_period_is_the_deadline_and_is_marked_once_at_its_moment()
    {
        var c = new MatterCase().CommentOpen();
        ICase matter = c.Matter;
        var mayCloseAt = c.State.Round!.PublicComment!.MayCloseAt;
        Assert.Equal(mayCloseAt, matter.NextDueAt);
        var version = matter.Version;

        Assert.False(matter.Tick(mayCloseAt.AddTicks(-1)));
        Assert.Equal(version, matter.Version);

        Assert.True(matter.Tick(mayCloseAt.AddDays(2)));
        var entry = Assert.Single(c.State.Timeline, e => e.Kind == MajorDecisionTimelineKind.CommentMinimumRun);
        Assert.Equal(mayCloseAt, entry.At);
        Assert.Equal(mayCloseAt.AddDays(2), entry.RecordedAt);
        Assert.Equal(version + 1, matter.Version);
        Assert.Null(matter.NextDueAt);
        Assert.False(matter.Tick(mayCloseAt.AddDays(3)));
    }

    [Fact]
    public void A_tick_notes_a_restriction_on_the_region_coming_into_force_and_its_lifting_once_each()
    {
        var c = new MatterCase().Reviewed(RiskLevel.Low);
        ICase matter = c.Matter;
        var version = matter.Version;
        Assert.False(matter.Tick(c.Now));

        c.Registry.SetRestriction("rr-1", new SetRegionalRestriction { Region = "HANDAN", Reason = "targets missed" }, People.Enforcer, c.Now).Accept();
        c.Registry.SetRestriction("rr-2", new SetRegionalRestriction { Region = "Xingtai", Reason = "elsewhere" }, People.Enforcer, c.Now).Accept();
        Assert.True(matter.Tick(c.Now));
        Assert.False(matter.Tick(c.Now));
        Assert.Equal(version + 1, matter.Version);
        Assert.Equal(["rr-1"], c.State.RestrictionsNoted);
        Assert.Contains("rr-1", Assert.Single(c.State.Timeline, e => e.Kind == MajorDecisionTimelineKind.RestrictionInForce).Text.En());

        c.Later(TimeSpan.FromDays(1));
        c.Registry.LiftRestriction("rr-1", new LiftRegionalRestriction { Reason = "targets met" }, People.Enforcer, c.Now).Accept();
        Assert.True(matter.Tick(c.Now));
        Assert.Empty(c.State.RestrictionsNoted);
        Assert.Single(c.State.Timeline, e => e.Kind == MajorDecisionTimelineKind.RestrictionLifted);
        Assert.Equal(version + 2, matter.Version);
    }

    [Fact]
    public void A_decided_matter_notes_no_restriction_and_its_summary_is_closed()
    {
        var c = new MatterCase().Decided();
        c.Registry.SetRestriction("rr-1", new SetRegionalRestriction { Region = "Handan", Reason = "targets missed" }, People.Enforcer, c.Now).Accept();
        Assert.False(((ICase)c.Matter).Tick(c.Now));
        Assert.True(c.Matter.Summary(c.Now).IsClosed);
        Assert.False(new MatterCase().Matter.Summary(c.Now).IsClosed);
    }

    [Fact]
    public void The_registry_is_due_just_after_the_earliest_rectification_deadline_still_open()
    {
        var now = MatterCase.Start;
        ICase registry = EnforcementRegistry.Open("enf-live", "live", now);
        var deadline = now.AddDays(10);
        var enforcement = (EnforcementRegistry)registry;
        enforcement.ListSupervision("sup-1", new ListSupervision { TargetKind = SupervisionTarget.Enterprise, Target = "Dongshan Chemical", Matter = "discharge", IssuedBy = "province", RectificationDeadline = deadline }, People.Enforcer, now).Accept();
        Assert.Equal(deadline.AddTicks(1), registry.NextDueAt);
        Assert.False(registry.Tick(deadline));
        Assert.True(registry.Tick(deadline.AddTicks(1)));
        Assert.Null(registry.NextDueAt);
        Assert.Equal(1, enforcement.Summary(deadline.AddTicks(1)).SupervisionsOverdue);
    }
}
