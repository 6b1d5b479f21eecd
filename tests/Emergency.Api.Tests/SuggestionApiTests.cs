using System.Net;
using System.Text.Json.Nodes;
using Emergency.Api.Tests.Infrastructure;

namespace Emergency.Api.Tests;

/// <summary>Deputies' suggestions over real HTTP: the petition officer runs them, the deputy's contact is theirs to see.</summary>
[Collection(SharedEngine.Name)]
public sealed class SuggestionApiTests(EngineFixture engine)
{
    [Fact]
    public async Task A_suggestion_is_assigned_communicated_replied_and_counted_in_supervision()
    {
        using var officer = engine.As(DisputeApiTests.PetitionToken);
        var unit = EngineFixture.NewRegion("Atmosphere section");
        var body = new JsonObject
        {
            ["kind"] = "deputySuggestion",
            ["title"] = "Move the coking plant away from the school",
            ["deputy"] = new JsonObject { ["name"] = "Deputy Sun", ["contact"] = "139-0000-0000" },
            ["content"] = "The plant is 300 m from Nanguan primary school.",
            ["receivedAt"] = Bodies.Time(engine.Now.AddDays(-2)),
            ["unit"] = "EPB general office",
        };
        Problem.Assert(await engine.Commander.Post("/api/suggestions", body), HttpStatusCode.Forbidden);
        var created = await officer.Post("/api/suggestions", body);
        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
        var id = created.Body.Str("id");
        Assert.StartsWith("sug-", id, StringComparison.Ordinal);

        var assign = new { leader = "Deputy director Wang", unit, requirement = "Study relocation", deadline = Bodies.Time(engine.Now.AddDays(60)), complex = true };
        Problem.Assert(await officer.Post($"/api/suggestions/{id}/assign", assign), HttpStatusCode.BadRequest, "complexBecause");
        var assigned = await officer.Post($"/api/suggestions/{id}/assign", new
        {
            leader = "Deputy director Wang", unit, requirement = "Study relocation", deadline = Bodies.Time(engine.Now.AddDays(60)),
            complex = true, complexBecause = "Three departments and the county must agree",
        });
        Assert.True(assigned.Status == HttpStatusCode.OK, assigned.ToString());
        Assert.Equal(HttpStatusCode.OK, (await officer.Post($"/api/suggestions/{id}/communication", new { means = "phone", note = "agreed the plan" })).Status);
        var replied = await officer.Post($"/api/suggestions/{id}/reply", new { content = "Relocation is planned for 2027." });
        Assert.True(replied.Status == HttpStatusCode.OK, replied.ToString());

        var seen = (await engine.Observer.Get($"/api/suggestions/{id}")).Body;
        Assert.True(seen["personalDataRedacted"]!.GetValue<bool>());
        Assert.Null(seen["deputyContact"]);
        Assert.Equal("139-0000-0000", (await officer.Get($"/api/suggestions/{id}")).Body.Str("deputyContact"));
        Assert.Contains(id, (await engine.Observer.Get($"/api/suggestions?unit={Uri.EscapeDataString(unit)}")).Body.AsArray().Ids());
        var supervision = (await engine.Observer.Get($"/api/supervision?unit={Uri.EscapeDataString(unit)}")).Body;
        var three = Assert.Single(supervision["threeHundredPercent"]!.AsArray())!;
        Assert.Equal(1, three["replied"]!.GetValue<int>());
        Assert.Equal(1, three["communicatedBeforeReply"]!.GetValue<int>());
    }
}
