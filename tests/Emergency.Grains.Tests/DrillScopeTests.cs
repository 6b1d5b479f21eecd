using Emergency.Contracts;
using Emergency.Domain.Cases;
using Emergency.Domain.Incidents;
using Emergency.Testing;
using static Emergency.Grains.Tests.Commands;

namespace Emergency.Grains.Tests;

/// <summary>Drill incidents run the same grain on the drill's virtual clock and stay apart from live work.</summary>
public sealed class DrillScopeTests : IAsyncLifetime
{
    private static readonly DateTimeOffset DrillStart = new(2012, 12, 31, 7, 40, 0, TimeSpan.FromHours(8));
    private static readonly string Drill = Scopes.Drill("changzhi-1");

    private EngineCluster _engine = null!;

    public async ValueTask InitializeAsync() => _engine = await EngineCluster.StartAsync();

    public ValueTask DisposeAsync() => _engine.DisposeAsync();

    [Fact]
    public async Task A_drill_incident_lives_on_the_drill_clock_and_only_the_drill_marks_its_deadlines()
    {
        var grain = _engine.Incident("inc-drill1");
        var registered = await grain.Execute(Minor(DrillStart), new CommandContext(Commander, null, DrillStart.AddMinutes(10), Drill));

        Assert.Equal(CommandStatus.Accepted, registered.Status);
        Assert.Equal("cn-2011", registered.View!.RuleSetId);
        Assert.Equal(DrillStart.AddMinutes(10), registered.View.RegisteredAt);

        // Years of engine time pass: nothing happens to a drill incident.
        _engine.Clock.Advance(TimeSpan.FromDays(3));
        var view = (await grain.GetView())!;
        Assert.DoesNotContain(view.Timeline, e => e.Kind == TimelineKind.ObligationOverdue);
        Assert.Equal(ObligationStatus.Pending, view.Obligations.Single(o => o.Kind == ObligationKind.ReachScene).Status);

        // The drill's clock passes the 2 h reach-scene deadline.
        var summary = await grain.Advance(DrillStart.AddHours(2).AddMinutes(1));
        Assert.True(summary!.Overdue);
        var overdue = (await grain.GetView())!.Timeline.Single(e => e.Kind == TimelineKind.ObligationOverdue);
        Assert.Equal(DrillStart.AddHours(2), overdue.At);
        Assert.Equal(DrillStart.AddHours(2).AddMinutes(1), overdue.RecordedAt);
    }

    [Fact]
    public async Task A_what_if_rule_set_judges_a_drill_incident_and_is_refused_live()
    {
        var whatIf = Minor(DrillStart) with { JudgedUnder = "cn-2014" };

        var drill = await _engine.Incident("inc-whatif1").Execute(whatIf, new CommandContext(Commander, null, DrillStart.AddMinutes(10), Drill));
        var live = await _engine.Incident("inc-whatif2").Execute(whatIf with { DiscoveredAt = _engine.Clock.GetUtcNow() }, As());

        Assert.Equal(CommandStatus.Accepted, drill.Status);
        Assert.Equal("cn-2014", drill.View!.RuleSetId);
        Assert.Contains("(a what-if: the rule set in force at discovery is cn-2011)", drill.View.Timeline[0].Text.En(), StringComparison.Ordinal);
        Assert.Equal(CommandStatus.Invalid, live.Status);
        var error = Assert.Single(live.Decision!.Errors);
        Assert.Equal(("judgedUnder", IncidentTexts.LiveWorkJudgedInForce.Code), (error.Field, error.Message.Code));
        Assert.Equal("is for drills only: live work is judged by the rule set in force at discovery", error.Message.En());
        Assert.Null(await _engine.Incident("inc-whatif2").GetView());
    }

    [Fact]
    public async Task A_drill_command_must_name_its_moment_and_a_live_one_must_not()
    {
        var drill = await _engine.Incident("inc-drill2").Execute(Minor(DrillStart), As() with { Scope = Drill });
        var live = await _engine.Incident("inc-live2").Execute(Minor(_engine.Clock.GetUtcNow()), new CommandContext(Commander, null, DrillStart));

        Assert.Equal(CommandStatus.Invalid, drill.Status);
        Assert.Equal("at", drill.Decision!.Errors.Single().Field);
        Assert.Equal(CommandStatus.Invalid, live.Status);
        Assert.Null(await _engine.Incident("inc-live2").GetView());
    }

    [Fact]
    public async Task Drill_incidents_never_appear_in_live_lists_and_a_purge_removes_them_all()
    {
        var at = new CommandContext(Commander, null, DrillStart.AddMinutes(5));
        await _engine.Incident("inc-drill3").Execute(Minor(DrillStart), at with { Scope = Drill });
        await _engine.Incident("inc-drill4").Execute(Minor(DrillStart, region: "Handan"), at with { Scope = Drill });
        await _engine.Incident("inc-live3").Execute(Minor(_engine.Clock.GetUtcNow()), As());

        var drillList = await Eventually.Until(() => ListAsync(Drill), l => l.Count == 2, "both drill incidents in the drill's list");
        Assert.All(drillList, s => Assert.Equal(Drill, s.Scope));
        var live = await Eventually.Until(() => ListAsync(Scopes.Live), l => l.Any(s => s.Id == "inc-live3"), "the live incident in the live list");
        Assert.DoesNotContain(live, s => s.Id.StartsWith("inc-drill", StringComparison.Ordinal));

        var purged = await _engine.Client.GetGrain<IIncidentDirectoryGrain>(Drill).Purge();

        Assert.Equal(2, purged);
        Assert.Null(await _engine.Incident("inc-drill3").GetView());
        Assert.Null(await _engine.Incident("inc-drill4").GetView());
        Assert.Empty(await ListAsync(Drill));
        Assert.NotNull(await _engine.Incident("inc-live3").GetView());
    }

    private async Task<IReadOnlyList<IncidentSummary>> ListAsync(string scope)
    {
        return await _engine.Client.GetGrain<IIncidentDirectoryGrain>(scope).List();
    }
}
