using System.Net;
using Emergency.Api.Tests.Infrastructure;

namespace Emergency.Api.Tests;

[Collection(SharedEngine.Name)]
public sealed class IdempotencyTests(EngineFixture engine)
{
    private ApiClient Api => engine.Commander;

    [Fact]
    public async Task Registering_twice_with_one_key_creates_one_incident_and_marks_the_replay()
    {
        var region = EngineFixture.NewRegion("Retry");
        var body = Bodies.Incident(region, engine.Now.AddMinutes(-3), Bodies.CrossProvince());
        var key = $"register-{Guid.NewGuid()}";

        var first = await Api.Post("/api/incidents", body, key);
        var second = await Api.Post("/api/incidents", body, key);

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Null(first.Header("Idempotent-Replayed"));
        Assert.Equal(HttpStatusCode.Created, second.Status);
        Assert.Equal("true", second.Header("Idempotent-Replayed"));
        var id = first.Body.Str("id");
        Assert.Equal(id, second.Body.Str("id"));
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(first.Body.Long("version"), second.Body.Long("version"));
        Assert.Equal(first.Body.Timeline().Count, second.Body.Timeline().Count);
        await Procedure.ListShows(Api, $"?region={region}", id);
    }

    [Fact]
    public async Task The_same_key_with_a_different_registration_is_409()
    {
        var region = EngineFixture.NewRegion("Reuse");
        var key = $"register-{Guid.NewGuid()}";
        var id = (await Api.Register(Bodies.Incident(region, engine.Now), key)).Str("id");
        var before = await Api.Incident(id);

        var reply = await Api.Post("/api/incidents", Bodies.Incident(region, engine.Now, title: "Another spill"), key);

        var problem = Problem.Assert(reply, HttpStatusCode.Conflict);
        Assert.Equal("urn:emergency:problem:command-id-reused", problem["type"]!.GetValue<string>());
        var after = await Api.Incident(id);
        Assert.Equal(before.Long("version"), after.Long("version"));
        Assert.Equal(before.Str("title"), after.Str("title"));
        await Procedure.ListShows(Api, $"?region={region}", id);
    }

    [Fact]
    public async Task Completing_an_obligation_twice_with_one_key_is_a_replay_not_a_409()
    {
        var id = (await Api.Register(Bodies.Incident(EngineFixture.NewRegion("Retry"), engine.Now.AddMinutes(-3)))).Str("id");
        var key = $"scene-{Guid.NewGuid()}";
        var body = Bodies.Completion(note: "team on site");

        var first = await Api.Post($"/api/incidents/{id}/obligations/reachScene/complete", body, key);
        var second = await Api.Post($"/api/incidents/{id}/obligations/reachScene/complete", body, key);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Null(first.Header("Idempotent-Replayed"));
        Assert.True(second.Status == HttpStatusCode.OK, second.ToString());
        Assert.Equal("true", second.Header("Idempotent-Replayed"));
        Assert.Equal(first.Body.Long("version"), second.Body.Long("version"));
        var incident = await Api.Incident(id);
        Assert.Equal(first.Body.Long("version"), incident.Long("version"));
        Assert.Single(incident.Timeline(), e => e.Str("kind") == "obligationCompleted");

        // Without the key, the same command is a new one, and the procedure refuses it.
        Problem.AssertNotAllowed(await Api.Post($"/api/incidents/{id}/obligations/reachScene/complete", body), "already completed");
    }

    [Fact]
    public async Task The_same_key_with_a_different_command_is_409_and_changes_nothing()
    {
        var id = (await Api.Register(Bodies.Incident(EngineFixture.NewRegion("Reuse"), engine.Now.AddMinutes(-3)))).Str("id");
        var key = $"step-{Guid.NewGuid()}";
        await Api.Command($"/api/incidents/{id}/obligations/reachScene/complete", Bodies.Completion(note: "on site"), key);
        var before = await Api.Incident(id);

        var otherNote = await Api.Post($"/api/incidents/{id}/obligations/reachScene/complete", Bodies.Completion(note: "on site!"), key);
        var otherStep = await Api.Post($"/api/incidents/{id}/obligations/releaseInformation/complete", Bodies.Completion(note: "on site"), key);
        var otherCommand = await Api.Post($"/api/incidents/{id}/reports", Bodies.Report("initial"), key);

        foreach (var reply in new[] { otherNote, otherStep, otherCommand })
        {
            var problem = Problem.Assert(reply, HttpStatusCode.Conflict);
            Assert.Equal("urn:emergency:problem:command-id-reused", problem["type"]!.GetValue<string>());
        }

        var after = await Api.Incident(id);
        Assert.Equal(before.Long("version"), after.Long("version"));
        Assert.Equal(before.Timeline().Count, after.Timeline().Count);
        Assert.Equal("pending", after.Obligation("releaseInformation").Str("status"));
        Assert.Empty(after["reports"]!.AsArray());
    }

    [Fact]
    public async Task A_refused_command_does_not_use_up_its_key()
    {
        var id = (await Api.Register(Bodies.Incident(EngineFixture.NewRegion("Refused"), engine.Now.AddMinutes(-3)))).Str("id");
        var key = $"monitor-{Guid.NewGuid()}";
        var body = Bodies.Completion();

        Problem.AssertNotAllowed(await Api.Post($"/api/incidents/{id}/obligations/startMonitoring/complete", body, key), "before someone is on scene");
        await Api.Command($"/api/incidents/{id}/obligations/reachScene/complete", Bodies.Completion());
        var retried = await Api.Post($"/api/incidents/{id}/obligations/startMonitoring/complete", body, key);

        Assert.Equal(HttpStatusCode.OK, retried.Status);
        Assert.Null(retried.Header("Idempotent-Replayed"));
        Assert.Equal("completed", retried.Body.Obligation("startMonitoring").Str("status"));
    }

    [Fact]
    public async Task Concurrent_retries_of_one_registration_create_one_incident()
    {
        var region = EngineFixture.NewRegion("Burst");
        var body = Bodies.Incident(region, engine.Now);
        var key = $"burst-{Guid.NewGuid()}";

        var replies = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Api.Post("/api/incidents", body, key)));

        Assert.All(replies, r => Assert.Equal(HttpStatusCode.Created, r.Status));
        var id = Assert.Single(replies.Select(r => r.Body.Str("id")).Distinct());
        Assert.Single(replies, r => r.Header("Idempotent-Replayed") is null);
        await Procedure.ListShows(Api, $"?region={region}", id);
    }

    [Fact]
    public async Task Concurrent_commands_on_one_incident_are_applied_one_at_a_time()
    {
        var id = (await Api.Register(Bodies.Incident(EngineFixture.NewRegion("Burst"), engine.Now.AddMinutes(-3)))).Str("id");
        await Api.Command($"/api/incidents/{id}/reports", Bodies.Report("initial"));
        var before = await Api.Incident(id);

        var replies = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Api.Post($"/api/incidents/{id}/reports", Bodies.Report("followUp"), $"follow-{id}-{i}")));

        Assert.All(replies, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        var after = await Api.Incident(id);
        Assert.Equal(before.Long("version") + 6, after.Long("version"));
        Assert.Equal(Enumerable.Range(1, 7), after["reports"]!.AsArray().Select(r => (int)r.Long("number")));
        Assert.Equal(Enumerable.Range(1, after.Timeline().Count), after.Timeline().Select(e => (int)e.Long("seq")));
        Assert.Equal(replies.Select(r => r.Body.Long("version")).Order(), Enumerable.Range((int)before.Long("version") + 1, 6).Select(v => (long)v));
    }
}
