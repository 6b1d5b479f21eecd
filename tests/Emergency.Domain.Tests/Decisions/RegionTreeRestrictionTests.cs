using Emergency.Domain.Decisions;
using Emergency.Domain.Enforcement;
using Emergency.Domain.Tests.Regions;
using Emergency.Testing;

namespace Emergency.Domain.Tests.Decisions;

/// <summary>
/// A regional approval restriction (区域限批) reaches down the region tree: one on a city blocks every decision in its
/// counties, one on a province the whole province; never upwards or sideways.
/// </summary>
public sealed class RegionTreeRestrictionTests
{
    [Fact]
    public void A_restriction_on_a_city_blocks_approval_in_its_county_until_lifted()
    {
        var c = new MatterCase(MajorDecisionKind.Policy, region: "潞城区", regions: RealRegions.Catalog).Reviewed(RiskLevel.Low);
        c.Registry.SetRestriction("rr-changzhi", new SetRegionalRestriction { Region = "Changzhi", Reason = "aniline spill into the Zhuozhang" }, People.Enforcer, c.Now).Accept();

        var blocked = c.Refused(c.Now, m => m.Handle(DecisionCmd.Decide(CollectiveDecisionOutcome.Implement), People.Maker, c.Now));

        Assert.Contains("regional approval restriction (区域限批) on Changzhi", blocked.Reason.En(), StringComparison.Ordinal);
        Assert.Contains(c.Matter.Blockers(c.Now), b => b.Kind == BlockerKind.RegionalRestriction);
        c.Registry.LiftRestriction("rr-changzhi", new LiftRegionalRestriction { Reason = "river clean again" }, People.Enforcer, c.Now.AddMinutes(30)).Accept();
        c.Step((m, now) => m.Handle(DecisionCmd.Decide(CollectiveDecisionOutcome.Implement), People.Maker, now));
        Assert.Equal(MajorDecisionStage.Decided, c.State.Stage);
    }

    [Theory]
    [InlineData("山西省", true)]
    [InlineData("140400", true)]
    [InlineData("长治", true)]
    [InlineData("潞城区", true)]
    [InlineData("Handan", false)]
    [InlineData("河北省", false)]
    [InlineData("平顺县", false)]
    public void A_county_matter_is_blocked_by_restrictions_on_itself_and_the_regions_it_lies_in_only(string restricted, bool blocks)
    {
        var c = new MatterCase(MajorDecisionKind.Policy, region: "潞城区", regions: RealRegions.Catalog).Reviewed(RiskLevel.Low);
        c.Registry.SetRestriction("rr-1", new SetRegionalRestriction { Region = restricted, Reason = "targets missed" }, People.Enforcer, c.Now).Accept();

        Assert.Equal(blocks, c.Matter.RestrictionsInForce(c.Now).Count == 1);
    }

    [Fact]
    public void A_restriction_on_a_county_does_not_block_its_city()
    {
        var c = new MatterCase(MajorDecisionKind.Policy, region: "长治市", regions: RealRegions.Catalog).Reviewed(RiskLevel.Low);
        c.Registry.SetRestriction("rr-1", new SetRegionalRestriction { Region = "潞城区", Reason = "targets missed" }, People.Enforcer, c.Now).Accept();

        c.Step((m, now) => m.Handle(DecisionCmd.Decide(CollectiveDecisionOutcome.Implement), People.Maker, now));
    }

    [Fact]
    public void A_region_outside_the_catalog_is_refused_for_a_new_matter_and_a_new_restriction()
    {
        var registry = EnforcementRegistry.Open("enf-live", "live", RealRegions.Catalog, MatterCase.Start);

        var (matter, drafted) = MajorDecision.Draft("md-x", "live", DecisionCmd.Draft(MajorDecisionKind.Policy, "Springfield"), People.Maker, RealDecisionRules.Catalog, registry, MatterCase.Start);
        var restricted = registry.SetRestriction("rr-x", new SetRegionalRestriction { Region = "吉林", Reason = "r" }, People.Enforcer, MatterCase.Start);

        Assert.Null(matter);
        Assert.Equal(DecisionOutcome.Invalid, drafted.Outcome);
        Assert.Contains(drafted.Errors, e => e.Field == "region" && e.Message.En().Contains("not in the region catalog", StringComparison.Ordinal));
        Assert.Equal(DecisionOutcome.Invalid, restricted.Outcome);
        Assert.Contains(restricted.Errors, e => e.Field == "region" && e.Message.En().Contains("吉林省 (220000) or 吉林市 (220200)", StringComparison.Ordinal));
        Assert.Empty(registry.State.Restrictions);
    }
}
