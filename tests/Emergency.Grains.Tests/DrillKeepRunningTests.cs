using Emergency.Contracts;
using Emergency.Domain;
using Emergency.Testing;

namespace Emergency.Grains.Tests;

/// <summary>A running drill whose activation went away (a restart, a node lost) carries on by itself.</summary>
public sealed class DrillKeepRunningTests : IAsyncLifetime
{
    private const string Scenario = """
        version: 1
        title: Keep running
        region: Changzhi
        ruleSetDate: 2013-01-01
        start: 2013-01-01T08:00:00+08:00
        injects:
          - at: +10m
            kind: incidentReported
            incident: spill
            title: Aniline leak
            region: Changzhi
            source: enterprise
            facts:
              deaths: 0
        expectations:
          - obligationOnTime: {incident: spill, obligation: report}
        """;

    private EngineCluster _engine = null!;

    public async ValueTask InitializeAsync() => _engine = await EngineCluster.StartAsync();

    public ValueTask DisposeAsync() => _engine.DisposeAsync();

    [Fact]
    public async Task A_paced_drill_resumes_after_a_restart_without_anyone_calling_it()
    {
        var organiser = new Actor("organiser", Role.DrillOrganiser);
        var started = await _engine.Client.GetGrain<IDrillGrain>("keep").Start(new DrillStart
        {
            Text = Scenario, File = "keep.yaml", Mode = DrillMode.Paced, Speed = 60, StartedBy = organiser,
        });
        Assert.True(started.Outcome == DrillOutcome.Done, string.Join("; ", started.Errors) + started.Reason);

        // Down before the drill reached its first inject; after the restart nothing calls the drill grain.
        await _engine.RestartAsync();

        // Only the engine clock moves (a minute of the drill per second at speed 60) and the drill's incident list is read.
        var listed = await Eventually.Until(
            async () =>
            {
                _engine.Clock.Advance(TimeSpan.FromSeconds(1));
                return await _engine.Client.GetGrain<IIncidentDirectoryGrain>(Scopes.Drill("keep")).List();
            },
            found => found.Count > 0,
            "the drill's first inject to register its incident after the restart",
            TimeSpan.FromSeconds(30));

        Assert.Equal("Aniline leak", Assert.Single(listed).Title);
        var status = await _engine.Client.GetGrain<IDrillGrain>("keep").GetStatus();
        Assert.Contains(status!.Phase, new[] { DrillPhase.Running, DrillPhase.Finished });
        Assert.True(status.VirtualNow >= new DateTimeOffset(2013, 1, 1, 8, 10, 0, TimeSpan.FromHours(8)));
    }
}
