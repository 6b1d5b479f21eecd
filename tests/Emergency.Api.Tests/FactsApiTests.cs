using System.Net;
using System.Text.Json.Nodes;
using Emergency.Api.Tests.Infrastructure;

namespace Emergency.Api.Tests;

/// <summary>POST /api/incidents/{id}/facts changes only the facts it names; the intake interruption names its intake.</summary>
[Collection(SharedEngine.Name)]
public sealed class FactsApiTests(EngineFixture engine)
{
    private ApiClient Api => engine.Commander;

    [Fact]
    public async Task A_facts_update_with_one_fact_keeps_the_others_and_the_timeline_names_the_change()
    {
        var discovered = engine.Now.AddMinutes(-10);
        var facts = new JsonObject { ["evacuated"] = 20_000, ["heavyMetals"] = true, ["drinkingWaterSource"] = true };
        var id = (await Api.Register(Bodies.Incident(EngineFixture.NewRegion("Merge"), discovered, facts))).Str("id");

        var after = await Api.Command($"/api/incidents/{id}/facts", new { facts = new { deaths = 0 } });

        Assert.Equal("II", after["grade"]!.Str("level"));
        Assert.True(after["sensitive"]!.GetValue<bool>());
        Assert.Equal(20_000, after["facts"]!.Long("evacuated"));
        Assert.True(after["facts"]!["heavyMetals"]!.GetValue<bool>());
        Assert.Equal(discovered.AddHours(2), after["obligations"]!.AsArray().Single(o => o.Str("id") == "report").Time("dueAt"));
        Assert.Contains(after["timeline"]!.AsArray(), e => e.Str("text") == "Facts updated: deaths unknown → 0");

        var unknown = await Api.Command($"/api/incidents/{id}/facts", JsonNode.Parse("""{"facts": {"evacuated": null}}""")!);

        Assert.Null(unknown["facts"]!["evacuated"]);
        Assert.True(unknown["grade"]!["unclear"]!.GetValue<bool>());
        Assert.Contains(unknown["timeline"]!.AsArray(), e => e.Str("text") == "Facts updated: evacuated 20,000 → unknown");
    }

    [Fact]
    public async Task An_intake_interruption_names_its_intake_in_the_grade()
    {
        var facts = new JsonObject { ["intakeInterruption"] = new JsonObject { ["intake"] = "Handan city drinking-water source intake", ["scale"] = "city" } };

        var view = await Api.Register(Bodies.Incident(EngineFixture.NewRegion("Intake"), engine.Now.AddMinutes(-10), facts));

        Assert.Equal("I", view["grade"]!.Str("level"));
        Assert.Contains(view["grade"]!["reasons"]!.AsArray(), r => r!.GetValue<string>().EndsWith("interrupted by pollution (intake: Handan city drinking-water source intake)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"facts": {"drinkingWaterIntakeCut": "county"}}""", "facts.intakeInterruption")]
    [InlineData("""{"facts": {"intakeInterruption": {"scale": "county"}}}""", "facts.intakeInterruption")]
    [InlineData("""{"facts": {"heavyMetals": null}}""", "facts.heavyMetals")]
    [InlineData("""{"facts": {"crossBoundary": "abroad"}}""", "facts.crossBoundary")]
    [InlineData("""{"facts": {"waterCut": true}}""", "facts.waterCut")]
    public async Task A_fact_that_cannot_be_taken_is_400_naming_it(string body, string field)
    {
        var id = (await Api.Register(Bodies.Incident(EngineFixture.NewRegion("BadFact"), engine.Now.AddMinutes(-10)))).Str("id");

        var reply = await Api.Post($"/api/incidents/{id}/facts", JsonNode.Parse(body)!);

        Problem.Assert(reply, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task A_registration_with_the_old_intake_field_must_name_the_intake()
    {
        var facts = new JsonObject { ["drinkingWaterIntakeCut"] = "city" };

        var reply = await Api.Post("/api/incidents", Bodies.Incident(EngineFixture.NewRegion("OldIntake"), engine.Now.AddMinutes(-10), facts));

        var problem = Problem.Assert(reply, HttpStatusCode.BadRequest, "facts.intakeInterruption");
        Assert.Contains("a precautionary supply cut (停水) is not an intake interruption", problem["errors"]!["facts.intakeInterruption"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
