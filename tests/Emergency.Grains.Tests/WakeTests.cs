using Emergency.Domain.Incidents;
using Emergency.Testing;
using static Emergency.Grains.Tests.Commands;

namespace Emergency.Grains.Tests;

/// <summary>
/// A restart touches only the cases whose deadline fell due while the engine was down; every other case stays
/// unactivated and is woken by its directory at its own deadline, with no request to it.
/// </summary>
public sealed class WakeTests : IAsyncLifetime
{
    private const int Cases = 12;

    /// <summary>A deadline has passed once its moment is behind: the clock is moved just past each one.</summary>
    private static readonly TimeSpan Passed = TimeSpan.FromMilliseconds(1);

    private EngineCluster _engine = null!;

    public async ValueTask InitializeAsync() => _engine = await EngineCluster.StartAsync();

    public ValueTask DisposeAsync() => _engine.DisposeAsync();

    [Fact]
    public async Task A_restart_touches_only_the_due_cases_and_the_rest_are_woken_at_their_own_deadlines()
    {
        // Twelve incidents discovered 5 minutes apart and registered now: their earliest deadlines are 5 minutes apart.
        var now = _engine.Clock.GetUtcNow();
        var firstDue = new Dictionary<string, DateTimeOffset>();
        for (var i = 0; i < Cases; i++)
        {
            var id = $"inc-wake{i:00}";
            var view = (await _engine.Incident(id).Execute(Minor(now - TimeSpan.FromMinutes(5 * (Cases - 1 - i))), As())).View!;
            firstDue[id] = view.Obligations.Where(o => o.CompletedAt is null).Min(o => o.DueAt);
        }

        Assert.All(firstDue.Values, due => Assert.True(due > now));
        var ordered = firstDue.OrderBy(d => d.Value).ToList();
        var downUntil = ordered[4].Value + TimeSpan.FromMinutes(2);
        await _engine.RestartAsync(whileDown: () => _engine.Clock.SetUtcNow(downUntil));

        // The start touched the five cases whose deadline passed while down, and activated no other.
        var dueAtStart = ordered.Take(5).Select(d => d.Key).ToHashSet();
        Assert.Equal(5, await ActiveIncidentsAsync());
        var listed = await _engine.OpenIncidentsAsync();
        Assert.Equal(Cases, listed.Count(s => s.Id.StartsWith("inc-wake", StringComparison.Ordinal)));

        // Each of the rest is woken when the clock reaches its deadline: marked at its own moment, recorded then.
        foreach (var (id, due) in ordered.Skip(5))
        {
            Assert.False((await _engine.OpenIncidentsAsync()).Single(s => s.Id == id).Overdue);
            _engine.Clock.SetUtcNow(due + Passed);
            await Eventually.Until(_engine.OpenIncidentsAsync, list => list.Single(s => s.Id == id).Overdue,
                $"{id} to be woken at {due:O}");
        }

        Assert.Equal(Cases, await ActiveIncidentsAsync());
        foreach (var (id, due) in ordered)
        {
            var view = (await _engine.Incident(id).GetView())!;
            var marked = view.Timeline.Where(e => e.Kind == TimelineKind.ObligationOverdue && e.At == due).ToList();
            Assert.NotEmpty(marked);
            Assert.All(marked, e => Assert.Equal(dueAtStart.Contains(id) ? downUntil : due + Passed, e.RecordedAt));
        }
    }

    private async Task<int> ActiveIncidentsAsync()
    {
        var statistics = await _engine.Client.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return statistics.Where(s => s.GrainType.StartsWith("Emergency.Grains.Incidents.IncidentGrain,", StringComparison.Ordinal)).Sum(s => s.ActivationCount);
    }
}
