using System.Net;
using System.Text.Json.Nodes;
using Emergency.Api.Tests.Infrastructure;

namespace Emergency.Api.Tests;

/// <summary>
/// The reporting chain over HTTP on a real port: a level II spill in 潞城区 (140406) owes hops to its government, the
/// Shanxi bureau and the ministry; recordHop records one; bad hops are 400 naming the field and change nothing.
/// </summary>
[Collection(SharedEngine.Name)]
public sealed class ReportingChainApiTests(EngineFixture engine)
{
    private const string ToProvince = "reportUp-140406-140000";

    private ApiClient Api => engine.Commander;

    private JsonObject Hop(string hop, DateTimeOffset sent, DateTimeOffset? received, string medium = "phone") => new()
    {
        ["hop"] = hop,
        ["sentAt"] = Bodies.Time(sent),
        ["receivedAt"] = received is { } r ? Bodies.Time(r) : null,
        ["medium"] = medium,
        ["sentBy"] = "Duty officer Li",
        ["receivedBy"] = "Duty officer Zhao",
    };

    private static JsonNode HopOf(JsonNode incident, string id) => incident["chain"]!.AsArray().Single(h => h!.Str("id") == id)!;

    [Fact]
    public async Task A_hop_is_listed_in_the_chain_recorded_by_recordHop_and_bad_hops_are_400_changing_nothing()
    {
        var discovered = engine.Now.AddMinutes(-50);
        var id = (await Api.Register(Bodies.Incident("140406", discovered, Bodies.CrossProvince()))).Str("id");
        var registered = await Api.Incident(id);
        Assert.Equal(
            ["reportUp-140406-140406.gov", ToProvince, "reportUp-140406-ministry", "reportUp-140000-ministry", "reportUp-ministry-stateCouncil"],
            registered["chain"]!.AsArray().Ids());
        Assert.Equal(("pending", discovered.AddHours(2)), (HopOf(registered, ToProvince).Str("status"), HopOf(registered, ToProvince).Time("dueAt")));
        Assert.Equal("awaiting", HopOf(registered, "reportUp-140000-ministry").Str("status"));
        Assert.Equal("reportUp", registered.Obligation(ToProvince).Str("kind"));
        Assert.Contains("recordHop", registered["allowedMoves"]!.AsArray().Select(m => (string)m!));

        var recorded = await Api.Command($"/api/incidents/{id}/recordHop", Hop(ToProvince, engine.Now.AddMinutes(-30), engine.Now.AddMinutes(-25)));

        var hop = HopOf(recorded, ToProvince);
        Assert.Equal(("received", "phone", true), (hop.Str("status"), hop.Str("medium"), (bool)hop["writtenOwed"]!));
        Assert.Equal(engine.Now.AddMinutes(35), HopOf(recorded, "reportUp-140000-ministry").Time("dueAt"));
        Assert.Contains(recorded.Timeline(), e => (string?)e["ref"] == ToProvince && e.Str("kind") == "obligationCompleted" && e.Str("text").Contains("a written report is owed", StringComparison.Ordinal));

        foreach (var (body, field) in new[]
        {
            (Hop("reportUp-140406-nowhere", engine.Now.AddMinutes(-10), null), "hop"),
            (Hop("reportUp-140406-ministry", engine.Now.AddMinutes(-10), engine.Now.AddMinutes(-20)), "receivedAt"),
            (Hop("reportUp-140406-ministry", engine.Now.AddMinutes(-10), engine.Now.AddHours(1)), "receivedAt"),
        })
        {
            Problem.Assert(await Api.Post($"/api/incidents/{id}/recordHop", body), HttpStatusCode.BadRequest, field);
        }

        Problem.AssertNotAllowed(await Api.Post($"/api/incidents/{id}/obligations/reportUp/complete", Bodies.Completion()), "recordHop");
        Assert.Equal(recorded.Long("version"), (await Api.Incident(id)).Long("version"));
    }
}
