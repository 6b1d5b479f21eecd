using System.Net;
using System.Text.Json.Nodes;
using Emergency.Api.Tests.Infrastructure;

namespace Emergency.Api.Tests;

/// <summary>POST /api/incidents/{id}/corrections records 谎报/瞒报/漏报 on a real port; the neighbour notice is completed with who was told.</summary>
[Collection(SharedEngine.Name)]
public sealed class CorrectionApiTests(EngineFixture engine)
{
    private ApiClient Api => engine.Commander;

    private static JsonObject Correction(string concerns, string kind = "falsified") => new()
    {
        ["kind"] = kind,
        ["concerns"] = concerns,
        ["declared"] = "1–1.5 t of aniline, contained at the plant",
        ["actual"] = "8.68 t of aniline reached the Zhuozhang river",
    };

    [Fact]
    public async Task A_false_report_is_recorded_and_shows_in_the_incident_and_the_list()
    {
        var region = EngineFixture.NewRegion("Corrected");
        var id = (await Api.Register(Bodies.Incident(region, engine.Now.AddMinutes(-30)))).Str("id");
        await Api.Command($"/api/incidents/{id}/reports", Bodies.Report("initial"));

        var incident = await Api.Command($"/api/incidents/{id}/corrections", Correction("report 1"));

        var correction = incident["corrections"]!.AsArray().Single()!;
        Assert.Equal(("falsified", "report 1", 1), (correction.Str("kind"), correction.Str("concerns"), (int)correction.Long("report")));
        Assert.Equal("8.68 t of aniline reached the Zhuozhang river", correction.Str("actual"));
        Assert.Equal(Tokens.CommanderActor, correction.Str("recordedBy"));
        Assert.Contains(incident.Timeline(), e => e.Str("kind") == "correctionRecorded");
        Assert.Contains("corrections", incident["allowedMoves"]!.AsArray().Select(m => (string)m!));
        var listed = await Procedure.ListShows(Api, $"?region={region}", id);
        Assert.Equal(1, listed.Single()!.Long("corrections"));
    }

    [Theory]
    [InlineData("""{"kind": "lied", "concerns": "registration", "declared": "a", "actual": "b"}""", "kind")]
    [InlineData("""{"kind": "concealed", "concerns": "report 7", "declared": "a", "actual": "b"}""", "concerns")]
    [InlineData("""{"kind": "concealed", "concerns": "the press release", "declared": "a", "actual": "b"}""", "concerns")]
    [InlineData("""{"kind": "omitted", "concerns": "registration", "declared": "a", "actual": ""}""", "actual")]
    [InlineData("""{"kind": "omitted", "concerns": "registration", "declared": "a", "actual": "b", "knownAt": "2999-01-01T00:00:00+08:00"}""", "knownAt")]
    [InlineData("""{"kind": "omitted", "concerns": "registration", "declared": "a", "actual": "b", "by": "someone else"}""", "by")]
    public async Task A_bad_correction_is_400_naming_the_field_and_records_nothing(string body, string field)
    {
        var id = (await Api.Register(Bodies.Incident(EngineFixture.NewRegion("BadCorrection"), engine.Now.AddMinutes(-30)))).Str("id");
        var before = await Api.Incident(id);

        var reply = await Api.Post($"/api/incidents/{id}/corrections", body);

        Problem.Assert(reply, HttpStatusCode.BadRequest, field);
        var after = await Api.Incident(id);
        Assert.Equal(before.Long("version"), after.Long("version"));
        Assert.Empty(after["corrections"]!.AsArray());
    }

    [Fact]
    public async Task The_neighbour_notice_needs_who_was_told_and_blocks_closing_until_done()
    {
        var id = (await Api.Register(Bodies.Incident(EngineFixture.NewRegion("Neighbours"), engine.Now.AddMinutes(-30), Bodies.CrossProvince()))).Str("id");
        Assert.Equal("pending", (await Api.Incident(id)).Obligation("notifyNeighbours").Str("status"));

        var missing = await Api.Post($"/api/incidents/{id}/obligations/notifyNeighbours/complete", Bodies.Completion());
        Problem.Assert(missing, HttpStatusCode.BadRequest, "notified");

        var done = await Api.Command($"/api/incidents/{id}/obligations/notifyNeighbours/complete", new JsonObject { ["notified"] = "Hebei environmental protection department" });
        var notice = done.Obligation("notifyNeighbours");
        Assert.Equal(("completed", "Hebei environmental protection department"), (notice.Str("status"), notice.Str("notified")));
    }

    [Fact]
    public async Task An_incident_within_its_area_has_no_neighbour_notice_to_complete()
    {
        var id = (await Api.Register(Bodies.Incident(EngineFixture.NewRegion("Within"), engine.Now.AddMinutes(-30)))).Str("id");

        var reply = await Api.Post($"/api/incidents/{id}/obligations/notifyNeighbours/complete", new JsonObject { ["notified"] = "nobody" });

        Problem.AssertNotAllowed(reply, "no fact says it affects or may affect a neighbouring area");
    }
}
