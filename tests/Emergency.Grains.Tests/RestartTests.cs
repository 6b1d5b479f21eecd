using System.Text.Json;
using Emergency.Contracts;
using Emergency.Domain.Incidents;
using Emergency.Testing;
using static Emergency.Grains.Tests.Commands;

namespace Emergency.Grains.Tests;

/// <summary>Everything acknowledged survives a restart; deadlines that fell due meanwhile are marked at start, the rest still fire.</summary>
public sealed class RestartTests : IAsyncLifetime
{
    private EngineCluster _engine = null!;

    public async ValueTask InitializeAsync() => _engine = await EngineCluster.StartAsync();

    public ValueTask DisposeAsync() => _engine.DisposeAsync();

    [Fact]
    public async Task Acknowledged_commands_survive_a_restart_and_deadlines_are_caught_up_and_rearmed()
    {
        var discovered = _engine.Clock.GetUtcNow();
        var first = (await _engine.Incident("inc-restart").Execute(Minor(discovered), As("register-1"))).View!;
        await _engine.Incident("inc-restart").Execute(Report(ReportKind.Initial), As());
        var reachSceneDue = first.Obligations.Single(o => o.Kind == ObligationKind.ReachScene).DueAt;
        var monitoringDue = first.Obligations.Single(o => o.Kind == ObligationKind.StartMonitoring).DueAt;

        // Reach-scene (2 h) falls due while the engine is down; monitoring (4 h) does not.
        await _engine.RestartAsync(whileDown: () => _engine.Clock.Advance(TimeSpan.FromHours(3)));
        var restartedAt = _engine.Clock.GetUtcNow();

        // The start-up warm-up, not a request to the incident, marks the deadline that passed.
        var listed = await _engine.OpenIncidentsAsync();
        var summary = listed.Single(s => s.Id == "inc-restart");
        Assert.True(summary.Overdue);
        var view = (await _engine.Incident("inc-restart").GetView())!;
        Assert.Equal(ReportKind.Initial, Assert.Single(view.Reports).Kind);
        var caughtUp = view.Timeline.Single(e => e.Kind == TimelineKind.ObligationOverdue);
        Assert.Equal("reachScene", caughtUp.Ref);
        Assert.Equal(reachSceneDue, caughtUp.At);
        Assert.Equal(restartedAt, caughtUp.RecordedAt);

        // The deadline still ahead fires on the new activation's timer.
        _engine.Clock.Advance(monitoringDue - restartedAt + TimeSpan.FromSeconds(1));
        var fired = await Eventually.Until(_engine.Incident("inc-restart").GetView,
            v => v!.Timeline.Any(e => e.Kind == TimelineKind.ObligationOverdue && e.Ref == "startMonitoring"),
            "the monitoring deadline to fire after the restart", TimeSpan.FromSeconds(2));
        Assert.Equal(monitoringDue, fired!.Timeline.Single(e => e.Ref == "startMonitoring" && e.Kind == TimelineKind.ObligationOverdue).At);

        // A retry of the registration after the restart is recognised, not applied again, and gets the first answer.
        var retry = await _engine.Incident("inc-restart").Execute(Minor(discovered), As("register-1"));
        Assert.Equal(CommandStatus.Replayed, retry.Status);
        Assert.Equal(first.Version, retry.View!.Version);
        Assert.Equal(JsonSerializer.Serialize(first, DomainJson.Options), JsonSerializer.Serialize(retry.View, DomainJson.Options));
        Assert.True(fired.Version > first.Version);
    }

    [Fact]
    public async Task Many_incidents_written_concurrently_are_all_there_after_a_restart()
    {
        var ids = Enumerable.Range(0, 40).Select(i => $"inc-many{i}").ToList();
        var results = await Task.WhenAll(ids.Select(id => _engine.Incident(id).Execute(Minor(_engine.Clock.GetUtcNow(), region: id), As())));
        Assert.All(results, r => Assert.Equal(CommandStatus.Accepted, r.Status));

        await _engine.RestartAsync();

        var listed = await _engine.OpenIncidentsAsync();
        Assert.Equal(ids.Order(), listed.Select(s => s.Id).Where(id => id.StartsWith("inc-many", StringComparison.Ordinal)).Order());
        foreach (var id in ids)
        {
            Assert.Equal(id, (await _engine.Incident(id).GetView())!.Region);
        }
    }
}
