using Emergency.Testing;
using Emergency.Testing.Engine;
using System.Net;
using System.Text.Json.Nodes;
using Emergency.Api.Tests.Infrastructure;

namespace Emergency.Api.Tests;

/// <summary>Stop the engine, start a new one on the same SQLite file: what was acknowledged is still there.</summary>
public sealed class DurabilityTests
{
    private static readonly DateTimeOffset T0 = EngineFixture.Start;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Everything_acknowledged_and_every_command_key_survive_a_restart()
    {
        using var directory = new TempDirectory("api");
        var registerKey = $"register-{Guid.NewGuid()}";
        var sceneKey = $"scene-{Guid.NewGuid()}";
        var openBody = Bodies.Incident("Changzhi", T0.AddMinutes(-10), Bodies.CrossProvince());
        string open, closed, regraded;
        JsonNode openBefore, closedBefore, regradedBefore;

        await using (var first = await EngineInstance.StartAsync(directory.File("emergency.db"), T0, Ct))
        {
            using var api = new ApiClient(first.Client(Tokens.Commander));
            open = (await api.Register(openBody, registerKey)).Str("id");
            await api.Command($"/api/incidents/{open}/reports", Bodies.Report("initial"));
            await api.Command($"/api/incidents/{open}/obligations/reachScene/complete", Bodies.Completion(note: "on site"), sceneKey);

            closed = (await api.Register(Bodies.Incident("Handan", T0.AddMinutes(-5)))).Str("id");
            await Procedure.RunToClosed(api, closed);

            regraded = (await api.Register(Bodies.Incident("Liuzhou", T0.AddMinutes(-1)))).Str("id");
            await api.Command($"/api/incidents/{regraded}/facts", new { facts = new { deaths = 31 }, note = "more bodies found" });

            openBefore = await api.Incident(open);
            closedBefore = await api.Incident(closed);
            regradedBefore = await api.Incident(regraded);
            await first.StopAsync();
        }

        await using var second = await EngineInstance.StartAsync(directory.File("emergency.db"), T0.AddMinutes(1), Ct);
        using var after = new ApiClient(second.Client(Tokens.Commander));

        foreach (var before in new[] { openBefore, closedBefore, regradedBefore })
        {
            AssertSameStoredState(before, await after.Incident(before.Str("id")));
        }

        Assert.Equal("II", (await after.Incident(open))["grade"].Str("level"));
        Assert.Equal("I", (await after.Incident(regraded))["grade"].Str("level"));
        Assert.Equal("closed", (await after.Incident(closed)).Str("phase"));

        // The directory was rebuilt at start: open incidents listed, the closed one not.
        var listed = (await after.List()).Ids();
        Assert.Contains(open, listed);
        Assert.Contains(regraded, listed);
        Assert.DoesNotContain(closed, listed);

        // Retries across the restart are recognised as replays.
        var register = await after.Post("/api/incidents", openBody, registerKey);
        Assert.Equal(HttpStatusCode.Created, register.Status);
        Assert.Equal("true", register.Header("Idempotent-Replayed"));
        Assert.Equal(open, register.Body.Str("id"));
        var scene = await after.Post($"/api/incidents/{open}/obligations/reachScene/complete", Bodies.Completion(note: "on site"), sceneKey);
        Assert.True(scene.Status == HttpStatusCode.OK, scene.ToString());
        Assert.Equal("true", scene.Header("Idempotent-Replayed"));
        var reused = await after.Post("/api/incidents", Bodies.Incident("Elsewhere", T0), registerKey);
        Problem.Assert(reused, HttpStatusCode.Conflict);
        Assert.Equal(openBefore.Long("version"), (await after.Incident(open)).Long("version"));

        var health = await after.Get("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.Status);
        Assert.Equal("ready", health.Body.Str("status"));
    }

    [Fact]
    public async Task A_deadline_that_fell_due_while_the_engine_was_down_is_overdue_right_after_the_start()
    {
        using var directory = new TempDirectory("api");
        string levelTwo, levelFour;
        JsonNode levelTwoBefore;
        var discovered = T0.AddMinutes(-10);

        await using (var first = await EngineInstance.StartAsync(directory.File("emergency.db"), T0, Ct))
        {
            using var api = new ApiClient(first.Client(Tokens.Commander));
            levelTwo = (await api.Register(Bodies.Incident("Changzhi", discovered, Bodies.CrossProvince()))).Str("id");
            await api.Command($"/api/incidents/{levelTwo}/reports", Bodies.Report("initial"));
            levelFour = (await api.Register(Bodies.Incident("Handan", T0))).Str("id");
            levelTwoBefore = await api.Incident(levelTwo);
            await first.StopAsync();
        }

        // Down for three hours: on scene (T0+50 min) and monitoring (T0+1 h 50) of the level II incident fell due,
        // and on scene (T0+2 h) of the level IV one.
        var restart = T0.AddHours(3);
        await using var second = await EngineInstance.StartAsync(directory.File("emergency.db"), restart, Ct);
        using var after = new ApiClient(second.Client(Tokens.Commander));

        // Right after the start, before anyone asked for these incidents, the list knows they are overdue.
        var overdue = await after.List("?overdue=true");
        Assert.Contains(levelTwo, overdue.Ids());
        Assert.Contains(levelFour, overdue.Ids());

        var two = await after.Incident(levelTwo);
        var entries = two.Timeline().Where(e => e.Str("kind") == "obligationOverdue").ToList();
        // The hops of the reporting chain of Changzhi (140400), 2 h for a level II, fell due too.
        Assert.Equal(
            ["reachScene", "notifyNeighbours", "warnNeighbour-130400", "warnNeighbour-410500", "warnNeighbour-130000", "warnNeighbour-410000",
                "startMonitoring", "reportUp-140400-140400.gov", "reportUp-140400-140000", "reportUp-140400-ministry"],
            entries.Select(e => e.Str("ref")));
        Assert.Equal([.. Enumerable.Repeat(discovered.AddHours(1), 6), .. Enumerable.Repeat(discovered.AddHours(2), 4)], entries.Select(e => e.Time("at")));
        Assert.All(entries, e => Assert.Equal(restart, e.Time("recordedAt")));
        Assert.All(entries, e => Assert.Equal("system", e.Str("actor")));
        Assert.Equal(levelTwoBefore.Long("version") + 1, two.Long("version"));
        Assert.Equal(levelTwoBefore.Timeline().Select(e => e.ToJsonString()), two.Timeline().Take(levelTwoBefore.Timeline().Count).Select(e => e.ToJsonString()));
        Assert.Equal("completed", two.Obligation("report").Str("status"));
        Assert.Equal("overdue", two.Obligation("startMonitoring").Str("status"));
        Assert.Equal("pending", two.Obligation("releaseInformation").Str("status"));

        var four = await after.Incident(levelFour);
        var scene = Assert.Single(four.Timeline(), e => e.Str("kind") == "obligationOverdue");
        Assert.Equal("reachScene", scene.Str("ref"));
        Assert.Equal(T0.AddHours(2), scene.Time("at"));
        Assert.Equal("pending", four.Obligation("report").Str("status"));

        // The deadlines still ahead were re-armed: information release of the level II incident (discovery + 5 h).
        second.Clock.Advance(discovered.AddHours(5) - restart + TimeSpan.FromSeconds(1));
        two = await Eventually.Until(() => after.Incident(levelTwo), i => i.Timeline().Any(e => e.Str("kind") == "obligationOverdue" && e.Str("ref") == "releaseInformation"), "the releaseInformation overdue entry");
        Assert.Equal(discovered.AddHours(5), two.Timeline()[^1].Time("at"));
    }

    /// <summary>Everything stored is the same; only what is counted against "now" may differ.</summary>
    private static void AssertSameStoredState(JsonNode before, JsonNode after)
    {
        foreach (var property in new[] { "id", "title", "region", "phase", "discoveredAt", "registeredAt", "registeredBy", "ruleSetId", "version" })
        {
            Assert.Equal(before[property]!.ToJsonString(), after[property]!.ToJsonString());
        }

        foreach (var property in new[] { "facts", "grade", "reports", "timeline" })
        {
            Assert.Equal(before[property]!.ToJsonString(), after[property]!.ToJsonString());
        }

        static string Stored(JsonNode o) => string.Join("|", new[] { "id", "dueAt", "overdueSince", "completedAt", "recordedAt", "completedBy", "note", "lateBy" }.Select(p => o[p]?.ToJsonString()));
        Assert.Equal(before["obligations"]!.AsArray().Select(o => Stored(o!)), after["obligations"]!.AsArray().Select(o => Stored(o!)));
    }
}
