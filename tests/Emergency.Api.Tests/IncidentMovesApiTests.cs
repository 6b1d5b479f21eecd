using System.Net;
using System.Text.Json.Nodes;
using Emergency.Api.Tests.Infrastructure;

namespace Emergency.Api.Tests;

/// <summary>The incident's moves mapped from their records, on a real port: each at its own route, the older route kept.</summary>
[Collection(SharedEngine.Name)]
public sealed class IncidentMovesApiTests(EngineFixture engine)
{
    private ApiClient Api => engine.Commander;

    [Fact]
    public async Task CompleteObligation_names_the_obligation_in_its_body_and_the_older_route_still_names_it_in_the_path()
    {
        var id = (await Api.Register(Bodies.Incident(EngineFixture.NewRegion("Moves"), engine.Now.AddMinutes(-30)))).Str("id");

        var scene = await Api.Command($"/api/incidents/{id}/completeObligation", new JsonObject { ["obligation"] = "reachScene", ["note"] = "on site" });
        var investigation = await Api.Command($"/api/incidents/{id}/obligations/organiseInvestigation/complete", new JsonObject { ["note"] = "team sent" });

        Assert.Equal("on site", scene.Obligation("reachScene").Str("note"));
        Assert.Equal(("on site", "team sent"), (investigation.Obligation("reachScene").Str("note"), investigation.Obligation("organiseInvestigation").Str("note")));
        Assert.Contains("completeObligation(startMonitoring)", investigation["allowedMoves"]!.AsArray().Select(m => (string)m!));
    }

    [Fact]
    public async Task The_older_route_refuses_an_obligation_in_the_body()
    {
        var id = (await Api.Register(Bodies.Incident(EngineFixture.NewRegion("Moves"), engine.Now.AddMinutes(-30)))).Str("id");

        var reply = await Api.Post($"/api/incidents/{id}/obligations/reachScene/complete", new JsonObject { ["obligation"] = "releaseInformation" });

        Problem.Assert(reply, HttpStatusCode.BadRequest, "obligation");
    }

    [Fact]
    public async Task A_live_registration_cannot_ask_for_a_what_if_rule_set()
    {
        var body = Bodies.Incident(EngineFixture.NewRegion("WhatIf"), engine.Now.AddMinutes(-30));
        body["judgedUnder"] = "cn-2014";

        var reply = await Api.Post("/api/incidents", body);

        Problem.Assert(reply, HttpStatusCode.BadRequest, "judgedUnder");
    }
}
