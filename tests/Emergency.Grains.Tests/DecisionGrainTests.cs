using Emergency.Contracts;
using Emergency.Domain.Decisions;
using Emergency.Domain.Enforcement;
using Emergency.Testing;
using static Emergency.Grains.Tests.DecisionSteps;

namespace Emergency.Grains.Tests;

/// <summary>Major decisions on the grains: the comment period across a restart, and regional approval restrictions reaching them at once.</summary>
public sealed class DecisionGrainTests : IAsyncLifetime
{
    private EngineCluster _engine = null!;

    public async ValueTask InitializeAsync() => _engine = await EngineCluster.StartAsync();

    public ValueTask DisposeAsync() => _engine.DisposeAsync();

    [Fact]
    public async Task A_comment_period_cannot_be_cut_short_after_a_restart_and_closes_once_its_minimum_has_run_on_the_engine_clock()
    {
        var opened = await _engine.CommentOpenAsync("dec-restart");
        var mayCloseAt = opened.PublicComment!.MayCloseAt;
        Assert.Equal(TimeSpan.FromDays(30), mayCloseAt - opened.PublicComment.OpenedAt);

        // Ten days pass while the engine is down.
        await _engine.RestartAsync(whileDown: () => _engine.Clock.Advance(TimeSpan.FromDays(10)));

        var early = await _engine.Decision("dec-restart").Execute(new ClosePublicComment { CommentsReceived = 3, Summary = "early" }, By(Assessor));
        Assert.Equal(CommandStatus.NotAllowed, early.Status);
        Assert.Contains("cannot be cut short", early.Decision!.Reason.En());
        Assert.DoesNotContain("closePublicComment", early.Decision.AllowedMoves);
        var listed = (await Eventually.Until(_engine.OpenDecisionsAsync, l => l.Any(s => s.Id == "dec-restart"), "the matter listed after the restart")).Single(s => s.Id == "dec-restart");
        Assert.Equal(MajorDecisionStage.HearingViews, listed.Stage);
        Assert.Contains(listed.BlockedBy, b => b.Kind == BlockerKind.CommentPeriod);
        Assert.Equal(opened.Version, listed.Version);

        // The minimum runs out on the engine clock: the timer of the new activation marks it, and the board's blocker changes.
        _engine.Clock.Advance(mayCloseAt - _engine.Clock.GetUtcNow());
        var marked = await Eventually.Until(_engine.Decision("dec-restart").GetView,
            v => v!.Timeline.Any(e => e.Kind == MajorDecisionTimelineKind.CommentMinimumRun), "the end of the minimum comment period to be marked", TimeSpan.FromSeconds(5));
        var entry = marked!.Timeline.Single(e => e.Kind == MajorDecisionTimelineKind.CommentMinimumRun);
        Assert.Equal(mayCloseAt, entry.At);
        Assert.Equal(opened.Version + 1, marked.Version);
        Assert.DoesNotContain(marked.BlockedBy, b => b.Kind == BlockerKind.CommentPeriod);
        var republished = await Eventually.Until(_engine.OpenDecisionsAsync, l => l.Single(s => s.Id == "dec-restart").Version == marked.Version, "the new summary in the list");
        Assert.DoesNotContain(republished.Single(s => s.Id == "dec-restart").BlockedBy, b => b.Kind == BlockerKind.CommentPeriod);

        var closed = (await _engine.Decision("dec-restart").Execute(new ClosePublicComment { CommentsReceived = 30, Summary = "in time" }, By(Assessor))).Accepted();
        Assert.Equal(mayCloseAt, closed.PublicComment!.ClosedAt);
    }

    [Fact]
    public async Task A_restriction_blocks_the_matters_of_its_region_at_once_across_a_restart_and_lifting_it_frees_them()
    {
        var reviewed = await _engine.ReviewedAsync("dec-handan");
        await _engine.ReviewedAsync("dec-xingtai", region: "Xingtai");
        Assert.Contains("takeCollectiveDecision(implement)", reviewed.AllowedMoves);

        var set = await _engine.Registry().SetRestriction("rr-handan", Restriction("  handan "), By(Enforcer));
        Assert.Equal(CommandStatus.Accepted, set.Status);

        // Blocked by the time the registry answered: the matter's view, its timeline and the list the board reads.
        var blocked = (await _engine.Decision("dec-handan").GetView())!;
        Assert.Contains(blocked.BlockedBy, b => b.Kind == BlockerKind.RegionalRestriction && b.Text.En().Contains("handan", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("rr-handan", Assert.Single(blocked.RestrictionsInForce).Id);
        Assert.Contains(blocked.Timeline, e => e.Kind == MajorDecisionTimelineKind.RestrictionInForce);
        Assert.DoesNotContain("takeCollectiveDecision(implement)", blocked.AllowedMoves);
        Assert.Contains("takeCollectiveDecision(postpone)", blocked.AllowedMoves);
        var listed = await _engine.OpenDecisionsAsync();
        Assert.Contains(listed.Single(s => s.Id == "dec-handan").BlockedBy, b => b.Kind == BlockerKind.RegionalRestriction);
        Assert.DoesNotContain(listed.Single(s => s.Id == "dec-xingtai").BlockedBy, b => b.Kind == BlockerKind.RegionalRestriction);

        // The matter, activated afresh after a restart, reads the restriction from the registry.
        await _engine.RestartAsync();
        var refused = await _engine.Decision("dec-handan").Execute(Implement(), By(Maker));
        Assert.Equal(CommandStatus.NotAllowed, refused.Status);
        Assert.Contains("regional approval restriction", refused.Decision!.Reason.En());
        Assert.Equal(MajorDecisionStage.Reviewed, refused.View!.Stage);
        Assert.Equal(blocked.Version, refused.View.Version);

        // Another region is not blocked.
        Assert.Equal(MajorDecisionStage.Decided, (await _engine.Decision("dec-xingtai").Execute(Implement(), By(Maker))).Accepted().Stage);

        var lifted = await _engine.Registry().LiftRestriction("rr-handan", new LiftRegionalRestriction { Reason = "Targets met." }, By(Enforcer));
        Assert.Equal(CommandStatus.Accepted, lifted.Status);
        var freed = (await _engine.Decision("dec-handan").GetView())!;
        Assert.DoesNotContain(freed.BlockedBy, b => b.Kind == BlockerKind.RegionalRestriction);
        Assert.Contains(freed.Timeline, e => e.Kind == MajorDecisionTimelineKind.RestrictionLifted);
        Assert.Contains("takeCollectiveDecision(implement)", freed.AllowedMoves);

        var decided = (await _engine.Decision("dec-handan").Execute(Implement(), By(Maker))).Accepted();
        Assert.Equal(MajorDecisionStage.Decided, decided.Stage);
        await Eventually.Until(_engine.OpenDecisionsAsync, l => l.All(s => s.Id is not ("dec-handan" or "dec-xingtai")), "decided matters to leave the open list");
    }

    [Fact]
    public async Task A_matter_drafted_in_a_restricted_region_reads_the_restriction_before_its_first_command()
    {
        Assert.Equal(CommandStatus.Accepted, (await _engine.Registry().SetRestriction("rr-first", Restriction(), By(Enforcer))).Status);

        var drafted = (await _engine.Decision("dec-later").Execute(Draft(), By(Maker))).Accepted();
        Assert.Equal("rr-first", Assert.Single(drafted.RestrictionsInForce).Id);
        Assert.Contains(drafted.BlockedBy, b => b.Kind == BlockerKind.RegionalRestriction);
        var elsewhere = (await _engine.Decision("dec-elsewhere").Execute(Draft("Xingtai"), By(Maker))).Accepted();
        Assert.Empty(elsewhere.RestrictionsInForce);
    }

    [Fact]
    public async Task Enforcement_commands_are_durable_replayed_by_command_id_and_mark_a_missed_rectification_deadline()
    {
        var deadline = _engine.Clock.GetUtcNow().AddDays(30);
        var listSupervision = new ListSupervision { TargetKind = SupervisionTarget.Enterprise, Target = "Dongshan Chemical", Matter = "Untreated discharge.", IssuedBy = "Provincial department", RectificationDeadline = deadline };
        var first = await _engine.Registry().ListSupervision("sup-1", listSupervision, By(Enforcer, "key-1"));
        Assert.Equal(CommandStatus.Accepted, first.Status);
        var again = await _engine.Registry().ListSupervision("sup-1", listSupervision, By(Enforcer, "key-1"));
        Assert.Equal(CommandStatus.Replayed, again.Status);
        Assert.Single((await _engine.Registry().GetView()).Supervisions);

        var duplicate = await _engine.Registry().ListSupervision("sup-1", listSupervision, By(Enforcer, "key-2"));
        Assert.Equal(CommandStatus.NotAllowed, duplicate.Status);
        Assert.Contains("already used", duplicate.Decision!.Reason.En());

        await _engine.RestartAsync(whileDown: () => _engine.Clock.Advance(TimeSpan.FromDays(31)));

        // The start-up warm-up marks the deadline that passed while the engine was down.
        var view = await Eventually.Until(_engine.Registry().GetView,
            v => v.Supervisions.Single().Supervision.OverdueSince is not null, "the missed rectification deadline to be marked");
        Assert.Equal(deadline, view.Supervisions.Single().Supervision.OverdueSince);
        Assert.Equal(SupervisionStatus.Overdue, view.Supervisions.Single().Status);
    }
}
