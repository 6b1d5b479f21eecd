using System.Net;
using System.Text.Json.Nodes;
using Emergency.Api.Tests.Infrastructure;

namespace Emergency.Api.Tests;

/// <summary>
/// Warning the neighbouring areas of an incident crossing a boundary off a river, on a real port: one warning per area of
/// the shipped catalog's neighbours in the view, sent and acknowledged with the downstream warning's moves, by the level
/// the incident lies in and by no other.
/// </summary>
[Collection(SharedEngine.Name)]
public sealed class NeighbourApiTests(EngineFixture engine)
{
    private static JsonNode Line(JsonNode incident, string jurisdiction) =>
        incident["neighbours"]!.AsArray().Single(n => n!.Str("jurisdiction") == jurisdiction)!;

    [Fact]
    public async Task A_county_crossing_a_province_boundary_warns_the_cities_and_provinces_beside_and_each_acknowledges()
    {
        using var county = engine.As("county-dev-token");
        var id = (await county.Register(Bodies.Incident("潞城区", engine.Now.AddMinutes(-30), Bodies.CrossProvince()))).Str("id");

        var incident = await county.Incident(id);
        Assert.Equal(["130400", "410500", "130000", "410000"], incident["neighbours"]!.AsArray().Select(n => n!.Str("jurisdiction")));
        var handan = Line(incident, "130400");
        Assert.Equal(("warnNeighbour-130400", "邯郸市", "city", "140400", "pending"), (handan.Str("obligation"), handan.Str("party"), handan.Str("level"), handan.Str("beside"), handan.Str("warning")));
        Assert.Equal(incident.Obligation("notifyNeighbours").Time("dueAt"), handan.Time("warnBy"));
        Assert.Equal("warnNeighbour", incident.Obligation("warnNeighbour-130400").Str("kind"));

        var generic = Problem.AssertNotAllowed(await county.Post($"/api/incidents/{id}/completeObligation", new JsonObject { ["obligation"] = "warnNeighbour" }), "sendWarning");
        Assert.Equal("neighbour.doneBySendWarning", generic.Str("code"));
        var sentAt = engine.Now.AddMinutes(-10);
        var sent = await county.Command($"/api/incidents/{id}/sendWarning", new JsonObject
        {
            ["obligation"] = "warnNeighbour-130400", ["to"] = "Handan EPB duty office", ["medium"] = "phone", ["at"] = Bodies.Time(sentAt),
        });
        Assert.Equal(("sent", "Handan EPB duty office"), (Line(sent, "130400").Str("warning"), Line(sent, "130400").Str("warnedTo")));
        Assert.Equal(sentAt, sent.Obligation("warnNeighbour-130400").Time("completedAt"));
        Problem.Assert(await county.Post($"/api/incidents/{id}/sendWarning", new JsonObject
        {
            ["obligation"] = "warnNeighbour-130400", ["to"] = "again", ["medium"] = "phone",
        }), HttpStatusCode.Conflict);

        var acknowledged = await county.Command($"/api/incidents/{id}/acknowledgeWarning", new JsonObject { ["obligation"] = "warnNeighbour-130400", ["acknowledgedBy"] = "Ms Zhao" });
        Assert.Equal(("acknowledged", "Ms Zhao"), (Line(acknowledged, "130400").Str("warning"), Line(acknowledged, "130400").Str("acknowledgedBy")));
        Assert.Equal("pending", Line(acknowledged, "410500").Str("warning"));
    }

    [Fact]
    public async Task Another_county_may_not_warn_for_an_incident_outside_it()
    {
        using var county = engine.As("county-dev-token");
        var id = (await engine.Commander.Register(Bodies.Incident("平顺县", engine.Now.AddMinutes(-30), Bodies.CrossProvince()))).Str("id");

        var refused = Problem.Assert(await county.Post($"/api/incidents/{id}/sendWarning", new JsonObject
        {
            ["obligation"] = "warnNeighbour-130400", ["to"] = "Handan EPB", ["medium"] = "phone",
        }), HttpStatusCode.Forbidden);

        Assert.Equal("jurisdiction.incidentOutside", refused.Str("code"));
        Assert.Equal("pending", Line(await engine.Commander.Incident(id), "130400").Str("warning"));
    }
}
