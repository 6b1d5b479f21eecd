using Emergency.Contracts;
using Emergency.Domain.Decisions;
using Emergency.Domain.Enforcement;
using static Emergency.Grains.Tests.DecisionSteps;
using Emergency.Testing;

namespace Emergency.Grains.Tests;

/// <summary>
/// Regional approval restrictions (区域限批) down the region tree on the grains: one set on a city reaches the open
/// matters of its counties before the registry answers, and a matter reads those on the regions it lies in before
/// each command.
/// </summary>
public sealed class RegionTreeGrainTests : IAsyncLifetime
{
    private EngineCluster _engine = null!;

    public async ValueTask InitializeAsync() => _engine = await EngineCluster.StartAsync();

    public ValueTask DisposeAsync() => _engine.DisposeAsync();

    [Fact]
    public async Task A_restriction_on_a_city_blocks_the_decisions_of_its_counties_at_once_and_lifting_it_frees_them()
    {
        await _engine.ReviewedAsync("dec-lucheng", region: "潞城区");
        await _engine.ReviewedAsync("dec-pingshun", region: "140425");
        await _engine.ReviewedAsync("dec-linzhou", region: "林州市");

        Assert.Equal(CommandStatus.Accepted, (await _engine.Registry().SetRestriction("rr-changzhi", Restriction("Changzhi"), By(Enforcer))).Status);

        // Pushed before the registry answered: the views show it without any command of their own.
        foreach (var county in new[] { "dec-lucheng", "dec-pingshun" })
        {
            var blocked = (await _engine.Decision(county).GetView())!;
            Assert.Equal("rr-changzhi", Assert.Single(blocked.RestrictionsInForce).Id);
            Assert.Contains(blocked.Timeline, e => e.Kind == MajorDecisionTimelineKind.RestrictionInForce);
            Assert.DoesNotContain("takeCollectiveDecision(implement)", blocked.AllowedMoves);
        }

        Assert.Empty((await _engine.Decision("dec-linzhou").GetView())!.RestrictionsInForce);
        var refused = await _engine.Decision("dec-lucheng").Execute(Implement(), By(Maker));
        Assert.Equal(CommandStatus.NotAllowed, refused.Status);
        Assert.Contains("regional approval restriction (区域限批) on Changzhi", refused.Decision!.Reason.En(), StringComparison.Ordinal);
        Assert.Equal(MajorDecisionStage.Decided, (await _engine.Decision("dec-linzhou").Execute(Implement(), By(Maker))).Accepted().Stage);

        Assert.Equal(CommandStatus.Accepted, (await _engine.Registry().LiftRestriction("rr-changzhi", new LiftRegionalRestriction { Reason = "Targets met." }, By(Enforcer))).Status);
        var freed = (await _engine.Decision("dec-pingshun").GetView())!;
        Assert.Empty(freed.RestrictionsInForce);
        Assert.Contains(freed.Timeline, e => e.Kind == MajorDecisionTimelineKind.RestrictionLifted);
        Assert.Equal(MajorDecisionStage.Decided, (await _engine.Decision("dec-lucheng").Execute(Implement(), By(Maker))).Accepted().Stage);
    }

    [Fact]
    public async Task A_matter_drafted_in_a_county_reads_a_restriction_on_its_province_and_a_region_outside_the_catalog_is_refused()
    {
        Assert.Equal(CommandStatus.Accepted, (await _engine.Registry().SetRestriction("rr-shanxi", Restriction("山西省"), By(Enforcer))).Status);

        var drafted = (await _engine.Decision("dec-county").Execute(Draft("潞城区"), By(Maker))).Accepted();
        var elsewhere = (await _engine.Decision("dec-hebei").Execute(Draft("涉县"), By(Maker))).Accepted();
        var unknown = await _engine.Decision("dec-nowhere").Execute(Draft("Springfield"), By(Maker));
        var unknownRestriction = await _engine.Registry().SetRestriction("rr-nowhere", Restriction("Springfield"), By(Enforcer));

        Assert.Equal("rr-shanxi", Assert.Single(drafted.RestrictionsInForce).Id);
        Assert.Empty(elsewhere.RestrictionsInForce);
        Assert.Equal(CommandStatus.Invalid, unknown.Status);
        Assert.Contains(unknown.Decision!.Errors, e => e.Field == "region" && e.Message.En().Contains("not in the region catalog", StringComparison.Ordinal));
        Assert.Null(await _engine.Decision("dec-nowhere").GetView());
        Assert.Equal(CommandStatus.Invalid, unknownRestriction.Status);
    }
}
