using Emergency.Domain.Decisions;
using Emergency.Domain.Enforcement;
using Emergency.Testing;

namespace Emergency.Domain.Tests.Decisions;

/// <summary>A regional approval restriction (区域限批) blocks approval in its region while it stands; lifting it frees the matter.</summary>
public sealed class RegionalRestrictionTests
{
    [Fact]
    public void Restriction_set_then_blocked_then_lifted_then_allowed()
    {
        var c = new MatterCase(MajorDecisionKind.Policy).Reviewed(RiskLevel.Low);
        var set = new DateTimeOffset(2026, 11, 1, 8, 0, 0, MatterCase.China);
        c.Registry.SetRestriction("rr-1", new SetRegionalRestriction { Region = "Handan", Reason = "steel capacity over the emission cap" }, People.Enforcer, set).Accept();

        var blocked = c.Refused(c.Now, m => m.Handle(DecisionCmd.Decide(CollectiveDecisionOutcome.Implement), People.Maker, c.Now));

        Assert.Equal(
            "cannot approve while the regional approval restriction (区域限批) on Handan (set 2026-11-01 08:00 Beijing time by enforcement.qian (DecisionMaker): steel capacity over the emission cap) stands; postpone, or decide once it is lifted",
            blocked.Reason.En());
        Assert.Equal(["takeCollectiveDecision(postpone)", "takeCollectiveDecision(doNotImplement)", "attachPublicOpinion", "changeProposal"], blocked.AllowedMoves);
        var blocker = Assert.Single(c.Matter.Blockers(c.Now), b => b.Kind == BlockerKind.RegionalRestriction);
        Assert.Equal("approval blocked by the regional approval restriction (区域限批) on Handan (set 2026-11-01 08:00 Beijing time by enforcement.qian (DecisionMaker): steel capacity over the emission cap)", blocker.Text.En());
        c.Refused(c.Now, m => m.Handle(DecisionCmd.Decide(CollectiveDecisionOutcome.ImplementAfterMitigation), People.Maker, c.Now));

        c.Registry.LiftRestriction("rr-1", new LiftRegionalRestriction { Reason = "capacity cut verified" }, People.Enforcer, c.Now.AddMinutes(30)).Accept();
        c.Step((m, now) => m.Handle(DecisionCmd.Decide(CollectiveDecisionOutcome.Implement), People.Maker, now));

        Assert.Equal(MajorDecisionStage.Decided, c.State.Stage);
    }

    [Fact]
    public void A_restriction_set_after_postponement_blocks_the_later_decision_too()
    {
        var c = new MatterCase(MajorDecisionKind.Policy).Postponed(RiskLevel.Low);
        c.Registry.SetRestriction("rr-2", new SetRegionalRestriction { Region = "handan ", Reason = "water quality target missed" }, People.Enforcer, c.Now.AddMinutes(5)).Accept();

        c.Later(TimeSpan.FromDays(10));
        c.Refused(c.Now, m => m.Handle(DecisionCmd.Decide(CollectiveDecisionOutcome.Implement), People.Maker, c.Now));
        c.Step((m, now) => m.Handle(DecisionCmd.Decide(CollectiveDecisionOutcome.DoNotImplement), People.Maker, now));

        Assert.Equal(CollectiveDecisionOutcome.DoNotImplement, c.State.CollectiveDecisions[^1].Outcome);
    }

    [Fact]
    public void A_restriction_on_another_region_does_not_block()
    {
        var c = new MatterCase(MajorDecisionKind.Policy).Reviewed(RiskLevel.Low);
        c.Registry.SetRestriction("rr-3", new SetRegionalRestriction { Region = "Anyang", Reason = "aniline spill" }, People.Enforcer, c.Now).Accept();

        c.Step((m, now) => m.Handle(DecisionCmd.Decide(CollectiveDecisionOutcome.Implement), People.Maker, now));
    }

    [Fact]
    public void The_matter_learns_of_restrictions_from_what_the_caller_passes()
    {
        var now = new DateTimeOffset(2026, 12, 1, 9, 0, 0, MatterCase.China);
        var standing = new RegionalRestriction { Id = "a", Region = "Handan", Reason = "r", SetAt = now.AddDays(-1), SetBy = "x" };
        var lifted = new RegionalRestriction { Id = "b", Region = "Handan", Reason = "r", SetAt = now.AddDays(-9), SetBy = "x", LiftedAt = now.AddDays(-2) };
        var future = new RegionalRestriction { Id = "c", Region = "Handan", Reason = "r", SetAt = now.AddDays(1), SetBy = "x" };
        var elsewhere = new RegionalRestriction { Id = "d", Region = "Anyang", Reason = "r", SetAt = now.AddDays(-1), SetBy = "x" };
        var state = new MatterCase(MajorDecisionKind.Policy).State;

        var withSnapshot = MajorDecision.Load(state, RealDecisionRules.Catalog, new RestrictionSnapshot([standing, lifted, future, elsewhere]));
        var careless = MajorDecision.Load(state, RealDecisionRules.Catalog, new EveryRestriction([lifted, future, elsewhere]));

        Assert.Equal(["a"], withSnapshot.RestrictionsInForce(now).Select(r => r.Id));
        Assert.Empty(careless.RestrictionsInForce(now));
        Assert.Empty(MajorDecision.Load(state, RealDecisionRules.Catalog, RestrictionSnapshot.None).RestrictionsInForce(now));
    }

    /// <summary>A source that ignores the region and the moment: the matter must still count only its own restrictions in force.</summary>
    private sealed class EveryRestriction(IReadOnlyList<RegionalRestriction> all) : IRegionalRestrictions
    {
        public IReadOnlyList<RegionalRestriction> InForce(string region, DateTimeOffset now) => all;
    }
}
