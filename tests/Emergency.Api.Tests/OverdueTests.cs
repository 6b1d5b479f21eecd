using Emergency.Testing;
using System.Globalization;
using System.Net;
using Emergency.Api.Tests.Infrastructure;

namespace Emergency.Api.Tests;

/// <summary>Deadlines passing on the engine's own clock. This class moves the clock, so it has an engine of its own.</summary>
public sealed class OverdueTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    private ApiClient Api => engine.Commander;

    [Fact]
    public async Task A_passing_deadline_makes_the_obligation_overdue_and_the_timer_writes_it_to_the_timeline()
    {
        var discovered = engine.Now.AddMinutes(-10);
        var region = EngineFixture.NewRegion("Overdue");
        var id = (await Api.Register(Bodies.Incident(region, discovered, Bodies.CrossProvince()))).Str("id");
        var before = await Api.Incident(id);
        var sceneDue = discovered.AddHours(1);

        engine.Clock.Advance(sceneDue - engine.Now + TimeSpan.FromSeconds(1));

        // Nobody sends a command: only the grain's timer on the engine clock can write this entry.
        var incident = await Eventually.Until(() => Api.Incident(id), i => i.Timeline().Any(e => e.Str("kind") == "obligationOverdue"), "the obligationOverdue entry");
        // The notice to neighbouring areas (1 h, the spill crosses a province) falls due at the same moment.
        var entries = incident.Timeline().Where(e => e.Str("kind") == "obligationOverdue").ToList();
        Assert.Equal(["reachScene", "notifyNeighbours"], entries.Select(e => e.Str("ref")));
        var entry = entries[0];
        Assert.Equal(sceneDue, entry.Time("at"));
        Assert.Equal(engine.Now, entry.Time("recordedAt"));
        Assert.Equal("system", entry.Str("actor"));
        Assert.Equal(before.Long("version") + 1, incident.Long("version"));
        var scene = incident.Obligation("reachScene");
        Assert.Equal("overdue", scene.Str("status"));
        Assert.Equal(sceneDue, scene.Time("overdueSince"));
        Assert.Equal(TimeSpan.FromSeconds(1), TimeSpan.Parse(scene.Str("overdueBy"), CultureInfo.InvariantCulture));
        Assert.All(incident["obligations"]!.AsArray().Where(o => o.Str("id") is not ("reachScene" or "notifyNeighbours")), o => Assert.Equal("pending", o.Str("status")));
        await Eventually.Until(() => Api.List($"?overdue=true&region={region}"), l => l.Ids().Contains(id), "the incident in ?overdue=true");

        // The timer is re-armed for the next deadline: report and monitoring both fall due 2 h after discovery.
        engine.Clock.Advance(discovered.AddHours(2) - engine.Now + TimeSpan.FromMinutes(1));
        incident = await Eventually.Until(() => Api.Incident(id), i => i.Timeline().Count(e => e.Str("kind") == "obligationOverdue") == 4, "four obligationOverdue entries");
        var overdue = incident.Timeline().Where(e => e.Str("kind") == "obligationOverdue").ToList();
        Assert.Equal(["reachScene", "notifyNeighbours", "report", "startMonitoring"], overdue.Select(e => e.Str("ref")));
        Assert.Equal([sceneDue, sceneDue, discovered.AddHours(2), discovered.AddHours(2)], overdue.Select(e => e.Time("at")));
        Assert.Equal("pending", incident.Obligation("releaseInformation").Str("status"));
    }

    [Fact]
    public async Task A_completion_after_the_deadline_is_completed_late_with_how_late()
    {
        var discovered = engine.Now.AddMinutes(-10);
        var id = (await Api.Register(Bodies.Incident(EngineFixture.NewRegion("Late"), discovered, Bodies.CrossProvince()))).Str("id");
        var sceneDue = discovered.AddHours(1);
        var reportDue = discovered.AddHours(2);
        engine.Clock.Advance(TimeSpan.FromHours(3));

        // Stated time 30 min after the deadline.
        var incident = await Api.Command($"/api/incidents/{id}/obligations/reachScene/complete", Bodies.Completion(sceneDue.AddMinutes(30), "arrived late"));
        var scene = incident.Obligation("reachScene");
        Assert.Equal("completedLate", scene.Str("status"));
        Assert.Equal(TimeSpan.FromMinutes(30), TimeSpan.Parse(scene.Str("lateBy"), CultureInfo.InvariantCulture));
        Assert.Equal(sceneDue.AddMinutes(30), scene.Time("completedAt"));
        Assert.Equal(engine.Now, scene.Time("recordedAt"));
        var completed = incident.Timeline().Last(e => e.Str("kind") == "obligationCompleted");
        Assert.Contains("LATE by 30 min", completed.Str("text"), StringComparison.Ordinal);

        // A report filed now (no stated time) is late by the time since its deadline: 迟报 stays visible.
        incident = await Api.Command($"/api/incidents/{id}/reports", Bodies.Report("initial"));
        var report = incident.Obligation("report");
        Assert.Equal("completedLate", report.Str("status"));
        Assert.Equal(engine.Now - reportDue, TimeSpan.Parse(report.Str("lateBy"), CultureInfo.InvariantCulture));

        // A step done before its deadline but recorded after it is on time.
        var investigation = (await Api.Command($"/api/incidents/{id}/obligations/organiseInvestigation/complete", Bodies.Completion(discovered.AddHours(2)))).Obligation("organiseInvestigation");
        Assert.Equal("completed", investigation.Str("status"));
        Assert.Null(investigation["lateBy"]);
    }

    [Fact]
    public async Task The_list_counts_remaining_time_against_the_clock_of_the_request()
    {
        var discovered = engine.Now;
        var region = EngineFixture.NewRegion("Remaining");
        var id = (await Api.Register(Bodies.Incident(region, discovered))).Str("id");
        var sceneDue = discovered.AddHours(2);
        await Procedure.ListShows(Api, $"?region={region}", id);

        engine.Clock.Advance(TimeSpan.FromMinutes(30));

        var summary = (await Api.List($"?region={region}")).Single()!;
        var scene = summary["obligations"]!.AsArray().Single(o => o.Str("id") == "reachScene")!;
        Assert.Equal("pending", scene.Str("status"));
        Assert.Equal(sceneDue - engine.Now, TimeSpan.Parse(scene.Str("remaining"), CultureInfo.InvariantCulture));
        Assert.False(summary["overdue"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Registering_an_incident_whose_deadlines_already_passed_records_them_as_overdue_at_once()
    {
        var discovered = engine.Now.AddHours(-5);
        var incident = await Api.Register(Bodies.Incident(EngineFixture.NewRegion("Old"), discovered));

        // Level IV: on scene within 2 h and report within 4 h had both passed when it was registered.
        var overdue = incident.Timeline().Where(e => e.Str("kind") == "obligationOverdue").ToList();
        Assert.Equal(["reachScene", "report", "startMonitoring"], overdue.Select(e => e.Str("ref")));
        Assert.Equal([discovered.AddHours(2), discovered.AddHours(4), discovered.AddHours(4)], overdue.Select(e => e.Time("at")));
        Assert.Equal("overdue", incident.Obligation("report").Str("status"));
        Assert.Equal(HttpStatusCode.OK, (await Api.Get($"/api/incidents/{incident.Str("id")}")).Status);
    }
}
