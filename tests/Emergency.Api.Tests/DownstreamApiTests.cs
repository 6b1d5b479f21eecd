using System.Net;
using System.Text.Json.Nodes;
using Emergency.Api.Tests.Infrastructure;
using Emergency.Domain.Rules;
using Emergency.Host.Hosting;
using Emergency.Testing;

namespace Emergency.Api.Tests;

/// <summary>A spill into a river on a real port: the shipped rivers loaded at start, the countdown, warnings sent and acknowledged, bad input.</summary>
[Collection(SharedEngine.Name)]
public sealed class DownstreamApiTests(EngineFixture engine)
{
    /// <summary>The Longjiang velocities of the shipped data hold in January and February: the spill began on 28 February.</summary>
    private static readonly DateTimeOffset SpillAt = new(2026, 2, 28, 20, 0, 0, TimeSpan.FromHours(8));

    private ApiClient Api => engine.Commander;

    private static JsonObject Spill(string reach = "longjiang-hechi", double km = 0) => new()
    {
        ["reach"] = reach,
        ["positionKm"] = km,
        ["at"] = Bodies.Time(SpillAt),
        ["pollutant"] = "cadmium",
        ["massKg"] = 20_000,
    };

    private static JsonNode Point(JsonNode incident, string obligation) =>
        incident["downstream"]!["points"]!.AsArray().Single(p => p!["obligation"]?.GetValue<string>() == obligation)!;

    [Fact]
    public async Task A_spill_counts_down_to_each_party_downstream_whose_warning_is_sent_acknowledged_and_moved_by_a_new_velocity()
    {
        var id = (await Api.Register(Bodies.Incident(EngineFixture.NewRegion("River"), engine.Now.AddMinutes(-30)))).Str("id");

        var spilled = await Api.Command($"/api/incidents/{id}/recordSpill", Spill());

        // 157 km at 0.139 m/s = 1 129 496 s after the spill: 2026-03-13 09:44:56 Beijing time; the warning 24 h before.
        var intake = Point(spilled, "warnDownstream-liuzhou-hexi");
        var arrival = intake.Time("arrival");
        Assert.InRange((arrival - SpillAt).TotalSeconds, 1_129_495, 1_129_497);
        Assert.Equal(("intake", "pending", 157d), (intake.Str("kind"), intake.Str("warning"), intake["distanceKm"]!.GetValue<double>()));
        Assert.Equal(arrival.AddHours(-24), spilled.Obligation("warnDownstream-liuzhou-hexi").Time("dueAt"));
        Assert.Equal("boundary", Point(spilled, "warnDownstream-450200").Str("kind"));

        var sentAt = engine.Now.AddMinutes(-5);
        await Api.Command($"/api/incidents/{id}/sendWarning", new JsonObject
        {
            ["obligation"] = "warnDownstream-liuzhou-hexi", ["to"] = "Liuzhou water duty office", ["medium"] = "phone", ["at"] = Bodies.Time(sentAt),
        });
        var acknowledged = await Api.Command($"/api/incidents/{id}/acknowledgeWarning", new JsonObject { ["obligation"] = "warnDownstream-liuzhou-hexi", ["acknowledgedBy"] = "Ms Zhou" });
        var line = Point(acknowledged, "warnDownstream-liuzhou-hexi");
        Assert.Equal(("acknowledged", "Liuzhou water duty office", "Ms Zhou"), (line.Str("warning"), line.Str("warnedTo"), line.Str("acknowledgedBy")));
        Assert.Equal("completed", acknowledged.Obligation("warnDownstream-liuzhou-hexi").Str("status"));

        var boundaryDue = acknowledged.Obligation("warnDownstream-450200").Time("dueAt");
        var observed = await Api.Command($"/api/incidents/{id}/riverObservation", new JsonObject
        {
            ["velocities"] = new JsonArray(new JsonObject { ["reach"] = "longjiang-hechi", ["metresPerSecond"] = 0.1 }),
        });

        // 100 km at 0.1 m/s = 1 000 000 s to the boundary, 12 h lead.
        Assert.Equal(SpillAt.AddSeconds(1_000_000).AddHours(-12), observed.Obligation("warnDownstream-450200").Time("dueAt"));
        Assert.NotEqual(boundaryDue, observed.Obligation("warnDownstream-450200").Time("dueAt"));
        Assert.Contains(observed.Timeline(), e => e.Str("kind") == "deadlineChanged" && e["ref"]?.GetValue<string>() == "warnDownstream-450200");
        Assert.Contains(observed.Timeline(), e => e.Str("text").StartsWith("Arrival at", StringComparison.Ordinal));
        Assert.Equal(sentAt, observed.Obligation("warnDownstream-liuzhou-hexi").Time("completedAt"));
    }

    [Fact]
    public async Task Bad_river_input_gets_a_problem_naming_the_field_or_the_code_and_changes_nothing()
    {
        var id = (await Api.Register(Bodies.Incident(EngineFixture.NewRegion("River"), engine.Now.AddMinutes(-30)))).Str("id");

        Problem.Assert(await Api.Post($"/api/incidents/{id}/recordSpill", Spill(reach: "nowhere")), HttpStatusCode.BadRequest, "reach");
        Problem.Assert(await Api.Post($"/api/incidents/{id}/recordSpill", Spill(km: 101)), HttpStatusCode.BadRequest, "positionKm");
        var noSpill = Problem.AssertNotAllowed(await Api.Post($"/api/incidents/{id}/riverObservation", new JsonObject { ["massKg"] = 5 }), "no spill into a river");
        Assert.Equal("downstream.noSpill", noSpill["code"]!.GetValue<string>());

        await Api.Command($"/api/incidents/{id}/recordSpill", Spill());
        var zero = new JsonObject { ["velocities"] = new JsonArray(new JsonObject { ["reach"] = "longjiang-hechi", ["metresPerSecond"] = 0 }) };
        Problem.Assert(await Api.Post($"/api/incidents/{id}/riverObservation", zero), HttpStatusCode.BadRequest, "velocities[0].metresPerSecond");
        var generic = Problem.AssertNotAllowed(await Api.Post($"/api/incidents/{id}/completeObligation", new JsonObject { ["obligation"] = "warnDownstream" }), "sendWarning");
        Assert.Equal("downstream.doneBySendWarning", generic["code"]!.GetValue<string>());
        var future = new JsonObject { ["obligation"] = "warnDownstream-450200", ["to"] = "Liuzhou EPB", ["medium"] = "written", ["at"] = Bodies.Time(engine.Now.AddHours(1)) };
        Problem.Assert(await Api.Post($"/api/incidents/{id}/sendWarning", future), HttpStatusCode.BadRequest, "at");

        var incident = await Api.Incident(id);
        Assert.Equal("pending", Point(incident, "warnDownstream-450200").Str("warning"));
        Assert.Empty(incident["downstream"]!["velocities"]!.AsArray());
    }

    [Fact]
    public void A_broken_river_file_stops_the_start_naming_the_file_and_the_key()
    {
        using var directory = new TempDirectory("rivers");
        var file = directory.File("bad.json");
        File.WriteAllText(file, """
            {"id": "bad", "name": "bad", "source": "s", "reaches": [
              {"id": "r", "name": "r", "from": "a", "to": "b", "jurisdiction": "140400", "mouth": "sea",
               "lengthKm": {"value": 10, "source": "s", "date": "2020"},
               "velocity": {"default": {"value": 0, "source": "s", "date": "2020"}}}],
             "intakes": []}
            """);

        var error = Assert.Throws<RuleSetException>(() => EngineHost.Build([$"--Rivers:Directory={directory.Path}"]));

        Assert.Equal((file, "reaches[0].velocity.default.value"), (error.File, error.Key));
    }
}
