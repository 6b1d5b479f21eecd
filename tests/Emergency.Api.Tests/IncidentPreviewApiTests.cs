using System.Net;
using Emergency.Api.Tests.Infrastructure;

namespace Emergency.Api.Tests;

/// <summary>POST /api/incidents/preview: the incident as registering it now would make it, stored nowhere.</summary>
[Collection(SharedEngine.Name)]
public sealed class IncidentPreviewApiTests(EngineFixture engine)
{
    [Fact]
    public async Task A_preview_answers_the_grade_and_deadlines_a_registration_would_give_and_stores_nothing()
    {
        var region = EngineFixture.NewRegion("Preview");
        var discovered = engine.Now.AddMinutes(-10);
        var body = Bodies.Incident(region, discovered, Bodies.CrossProvince());

        var reply = await engine.Commander.Post("/api/incidents/preview", body);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("II", reply.Body["grade"]!.Str("level"));
        Assert.Equal(discovered.AddHours(1), reply.Body["obligations"]!.AsArray().Single(o => o.Str("id") == "reachScene").Time("dueAt"));
        Assert.Empty(await engine.Commander.List($"?region={region}"));

        var registered = await engine.Commander.Register(body);
        Assert.Equal(reply.Body["grade"]!.ToJsonString(), registered["grade"]!.ToJsonString());
        Assert.Equal(
            reply.Body["obligations"]!.AsArray().Select(o => $"{o.Str("id")} {o.Time("dueAt"):O}"),
            registered["obligations"]!.AsArray().Select(o => $"{o.Str("id")} {o.Time("dueAt"):O}"));
    }

    [Fact]
    public async Task A_preview_of_a_discovery_in_the_future_is_400_naming_it()
    {
        var reply = await engine.Commander.Post("/api/incidents/preview", Bodies.Incident(EngineFixture.NewRegion("Future"), engine.Now.AddHours(1)));

        Problem.Assert(reply, HttpStatusCode.BadRequest, "discoveredAt");
    }

    [Fact]
    public async Task An_observer_may_not_preview_a_registration()
    {
        var reply = await engine.Observer.Post("/api/incidents/preview", Bodies.Incident(EngineFixture.NewRegion("Observer"), engine.Now));

        Assert.Equal(HttpStatusCode.Forbidden, reply.Status);
    }

    [Fact]
    public async Task A_preview_with_a_what_if_rule_set_is_refused_for_live_work()
    {
        var body = Bodies.Incident(EngineFixture.NewRegion("WhatIf"), engine.Now.AddMinutes(-5));
        body["judgedUnder"] = "cn-2011";

        Problem.Assert(await engine.Commander.Post("/api/incidents/preview", body), HttpStatusCode.BadRequest, "judgedUnder");
    }
}
