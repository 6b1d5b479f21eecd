using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Emergency.Api.Tests.Infrastructure;

namespace Emergency.Api.Tests;

/// <summary>Every refusal is RFC 7807 problem details, names what is wrong, and changes nothing.</summary>
[Collection(SharedEngine.Name)]
public sealed class ProblemDetailsTests(EngineFixture engine)
{
    private ApiClient Api => engine.Commander;

    [Theory]
    [InlineData("malformed", "region")]
    [InlineData("truncated", "facts")]
    [InlineData("notJson", "body")]
    [InlineData("emptyBody", "body")]
    [InlineData("jsonNull", "body")]
    [InlineData("jsonArray", "body")]
    [InlineData("trailingComma", "body")]
    [InlineData("unknownField", "actor")]
    [InlineData("unknownNestedField", "facts.foo")]
    [InlineData("unknownEnum", "sourceChannel")]
    [InlineData("unknownNestedEnum", "facts.crossBoundary")]
    [InlineData("twoEnumValuesInOne", "facts.crossBoundary")]
    [InlineData("enumAsNumber", "facts.crossBoundary")]
    [InlineData("enumAsNumericString", "facts.ecologicalImpact")]
    [InlineData("negativeDeaths", "facts.deaths")]
    [InlineData("negativeLoss", "facts.directLossCny")]
    [InlineData("countAsText", "facts.evacuated")]
    [InlineData("fractionalCount", "facts.poisoned")]
    [InlineData("discoveredInTheFuture", "discoveredAt")]
    [InlineData("discoveredBeforeAnyRuleSet", "discoveredAt")]
    [InlineData("discoveredWithoutOffset", "discoveredAt")]
    [InlineData("discoveredAsDateOnly", "discoveredAt")]
    [InlineData("megabyteTitle", "title")]
    [InlineData("blankRegion", "region")]
    [InlineData("nullTitle", "title")]
    [InlineData("missingFacts", "facts")]
    [InlineData("missingTitleAndRegion", "region")]
    public async Task A_bad_registration_is_400_naming_the_field_and_registers_nothing(string @case, string field)
    {
        var region = EngineFixture.NewRegion("Refused");
        var now = engine.Now;
        var body = Bodies.Incident(region, now.AddMinutes(-1));
        object sent = @case switch
        {
            "malformed" => """{"title": "Spill", "region": }""",
            "truncated" => """{"title": "Spill", "region": "R", "facts": {""",
            "notJson" => "spill at the river",
            "emptyBody" => "",
            "jsonNull" => "null",
            "jsonArray" => "[]",
            "trailingComma" => body.ToJsonString()[..^1] + ",}",
            "unknownField" => With(body, b => b["actor"] = "mallory"),
            "unknownNestedField" => With(body, b => b["facts"]!["foo"] = 1),
            "unknownEnum" => With(body, b => b["sourceChannel"] = "carrierPigeon"),
            "unknownNestedEnum" => With(body, b => b["facts"]!["crossBoundary"] = "crossGalaxy"),
            "twoEnumValuesInOne" => With(body, b => b["facts"]!["crossBoundary"] = "countyDispute, crossCity"),
            "enumAsNumber" => With(body, b => b["facts"]!["crossBoundary"] = 3),
            "enumAsNumericString" => With(body, b => b["facts"]!["ecologicalImpact"] = "4"),
            "negativeDeaths" => With(body, b => b["facts"]!["deaths"] = -1),
            "negativeLoss" => With(body, b => b["facts"]!["directLossCny"] = -0.5m),
            "countAsText" => With(body, b => b["facts"]!["evacuated"] = "many"),
            "fractionalCount" => With(body, b => b["facts"]!["poisoned"] = 1.5),
            "discoveredInTheFuture" => With(body, b => b["discoveredAt"] = Bodies.Time(now.AddMinutes(1))),
            "discoveredBeforeAnyRuleSet" => With(body, b => b["discoveredAt"] = "1999-12-31T00:00:00+08:00"),
            "discoveredWithoutOffset" => With(body, b => b["discoveredAt"] = now.UtcDateTime.AddMinutes(-30).ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)),
            "discoveredAsDateOnly" => With(body, b => b["discoveredAt"] = now.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            "megabyteTitle" => With(body, b => b["title"] = new string('x', 1024 * 1024)),
            "blankRegion" => With(body, b => b["region"] = "   "),
            "nullTitle" => With(body, b => b["title"] = null),
            "missingFacts" => With(body, b => b.Remove("facts")),
            "missingTitleAndRegion" => With(body, b =>
            {
                b.Remove("title");
                b.Remove("region");
            }),
            _ => throw new ArgumentOutOfRangeException(nameof(@case)),
        };
        var key = Guid.NewGuid().ToString();

        var reply = await Api.Post("/api/incidents", sent, key);

        var problem = Problem.Assert(reply, HttpStatusCode.BadRequest, field);
        Assert.Equal("urn:emergency:problem:invalid", problem["type"]!.GetValue<string>());
        Assert.DoesNotContain("Emergency.Domain", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", reply.Text, StringComparison.Ordinal);

        // Nothing was registered: the key was not used up, and the region has only the incident registered now.
        var good = await Api.Post("/api/incidents", Bodies.Incident(region, now), key);
        Assert.Equal(HttpStatusCode.Created, good.Status);
        Assert.Null(good.Header("Idempotent-Replayed"));
        await Procedure.ListShows(Api, $"?region={region}", good.Body.Str("id"));
    }

    [Fact]
    public async Task A_body_that_is_not_declared_as_JSON_is_415()
    {
        var (id, _) = await RespondingIncident();
        var before = await Api.Incident(id);

        Problem.Assert(await Api.Post("/api/incidents", Bodies.Incident("R", engine.Now).ToJsonString(), contentType: "text/plain"), HttpStatusCode.UnsupportedMediaType);
        Problem.Assert(await Api.Post($"/api/incidents/{id}/reports", Bodies.Report("followUp").ToJsonString(), contentType: "application/x-www-form-urlencoded"), HttpStatusCode.UnsupportedMediaType);
        await AssertUnchanged(before);
    }

    [Theory]
    [InlineData("atInTheFuture", "at")]
    [InlineData("atBeforeDiscovery", "at")]
    [InlineData("atWithoutOffset", "at")]
    [InlineData("unknownField", "by")]
    [InlineData("obligationInBody", "obligation")]
    [InlineData("unknownObligation", "obligation")]
    [InlineData("noteTooLong", "note")]
    [InlineData("reportKindUnknown", "kind")]
    [InlineData("reportMediumUnknown", "medium")]
    [InlineData("reportWithoutContent", "content")]
    [InlineData("reportContentTooLong", "content")]
    [InlineData("reportBlankSigner", "signedOffBy")]
    [InlineData("reportAtInTheFuture", "at")]
    [InlineData("factsNegative", "facts.deaths")]
    [InlineData("factsMalformed", "facts.deaths")]
    [InlineData("factsMissing", "facts")]
    [InlineData("closeNoteNotText", "note")]
    [InlineData("idempotencyKeyTooLong", "Idempotency-Key")]
    [InlineData("idempotencyKeyWithSpace", "Idempotency-Key")]
    [InlineData("idempotencyKeyEmpty", "Idempotency-Key")]
    public async Task A_bad_command_is_400_naming_the_field_and_changes_nothing(string @case, string field)
    {
        var (id, now) = await RespondingIncident();
        var before = await Api.Incident(id);
        var discovered = before.Time("discoveredAt");
        var complete = $"/api/incidents/{id}/obligations/releaseInformation/complete";
        var reports = $"/api/incidents/{id}/reports";
        var facts = $"/api/incidents/{id}/facts";
        (string Path, object Body, string? Key) request = @case switch
        {
            "atInTheFuture" => (complete, Bodies.Completion(now.AddSeconds(1)), null),
            "atBeforeDiscovery" => (complete, Bodies.Completion(discovered.AddSeconds(-1)), null),
            "atWithoutOffset" => (complete, new { at = now.UtcDateTime.AddMinutes(-5).ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) }, null),
            "unknownField" => (complete, new { by = "mallory" }, null),
            "obligationInBody" => (complete, new { obligation = "report" }, null),
            "unknownObligation" => ($"/api/incidents/{id}/obligations/flyToTheMoon/complete", Bodies.Completion(), null),
            "noteTooLong" => (complete, Bodies.Completion(note: new string('n', 20_001)), null),
            "reportKindUnknown" => (reports, With(Bodies.Report("followUp"), r => r["kind"] = "interim"), null),
            "reportMediumUnknown" => (reports, With(Bodies.Report("followUp"), r => r["medium"] = "fax"), null),
            "reportWithoutContent" => (reports, With(Bodies.Report("followUp"), r => r.Remove("content")), null),
            "reportContentTooLong" => (reports, With(Bodies.Report("followUp"), r => r["content"] = new string('c', 20_001)), null),
            "reportBlankSigner" => (reports, With(Bodies.Report("followUp"), r => r["signedOffBy"] = ""), null),
            "reportAtInTheFuture" => (reports, Bodies.Report("followUp", now.AddHours(1)), null),
            "factsNegative" => (facts, new { facts = new { deaths = -3 } }, null),
            "factsMalformed" => (facts, """{"facts": {"deaths": 3""" + "x}}", null),
            "factsMissing" => (facts, new { note = "nothing" }, null),
            "closeNoteNotText" => ($"/api/incidents/{id}/close", """{"note": 5}""", null),
            "idempotencyKeyTooLong" => (complete, Bodies.Completion(), new string('k', 101)),
            "idempotencyKeyWithSpace" => (complete, Bodies.Completion(), "my key"),
            "idempotencyKeyEmpty" => (complete, Bodies.Completion(), ""),
            _ => throw new ArgumentOutOfRangeException(nameof(@case)),
        };

        var (path, body, key) = request;
        var reply = await Api.Post(path, body, key);

        Problem.Assert(reply, HttpStatusCode.BadRequest, field);
        Assert.DoesNotContain("Emergency.Domain", reply.Text, StringComparison.Ordinal);
        await AssertUnchanged(before);
    }

    [Fact]
    public async Task Monitoring_or_investigation_before_anyone_is_on_scene_is_409_with_the_allowed_moves()
    {
        var (id, _) = await RespondingIncident();
        var before = await Api.Incident(id);

        var monitoring = await Api.Post($"/api/incidents/{id}/obligations/startMonitoring/complete", Bodies.Completion());
        var body = Problem.AssertNotAllowed(monitoring, "before someone is on scene");
        var moves = body["allowedMoves"]!.AsArray().Select(m => m!.GetValue<string>()).ToList();
        Assert.Contains("completeObligation(reachScene)", moves);
        Assert.DoesNotContain("completeObligation(startMonitoring)", moves);
        Assert.Equal(before.Long("version"), body["version"]!.GetValue<long>());
        Problem.AssertNotAllowed(await Api.Post($"/api/incidents/{id}/obligations/organiseInvestigation/complete", Bodies.Completion()), "before someone is on scene");

        await AssertUnchanged(before);
    }

    [Fact]
    public async Task Monitoring_dated_before_the_team_reached_the_scene_is_409()
    {
        var (id, now) = await RespondingIncident();
        await Api.Command($"/api/incidents/{id}/obligations/reachScene/complete", Bodies.Completion(now.AddMinutes(-1)));
        var before = await Api.Incident(id);

        var reply = await Api.Post($"/api/incidents/{id}/obligations/startMonitoring/complete", Bodies.Completion(now.AddMinutes(-2)));

        Problem.AssertNotAllowed(reply, "nobody was on scene before");
        await AssertUnchanged(before);
    }

    [Fact]
    public async Task Reports_out_of_order_are_409()
    {
        var id = (await Api.Register(Bodies.Incident(EngineFixture.NewRegion("Order"), engine.Now))).Str("id");
        var before = await Api.Incident(id);

        Problem.AssertNotAllowed(await Api.Post($"/api/incidents/{id}/reports", Bodies.Report("followUp")), "needs the initial report");
        Problem.AssertNotAllowed(await Api.Post($"/api/incidents/{id}/reports", Bodies.Report("final")), "needs the initial report");
        Problem.AssertNotAllowed(await Api.Post($"/api/incidents/{id}/obligations/report/complete", Bodies.Completion()), "completed by filing a report");
        await AssertUnchanged(before);

        await Api.Command($"/api/incidents/{id}/reports", Bodies.Report("initial"));
        before = await Api.Incident(id);
        Problem.AssertNotAllowed(await Api.Post($"/api/incidents/{id}/reports", Bodies.Report("initial")), "already filed");
        await AssertUnchanged(before);
    }

    [Fact]
    public async Task Completing_a_step_twice_is_409()
    {
        var (id, _) = await RespondingIncident();
        await Api.Command($"/api/incidents/{id}/obligations/reachScene/complete", Bodies.Completion());
        var before = await Api.Incident(id);

        var reply = await Api.Post($"/api/incidents/{id}/obligations/reachScene/complete", Bodies.Completion());

        Problem.AssertNotAllowed(reply, "already completed");
        await AssertUnchanged(before);
    }

    [Fact]
    public async Task Closing_with_open_obligations_after_the_final_report_is_409_naming_them()
    {
        var (id, _) = await RespondingIncident();
        await Api.Command($"/api/incidents/{id}/reports", Bodies.Report("final"));
        var before = await Api.Incident(id);

        var reply = await Api.Post($"/api/incidents/{id}/close", null);

        Problem.AssertNotAllowed(reply, "reach the scene");
        Problem.AssertNotAllowed(await Api.Post($"/api/incidents/{id}/facts", new { facts = new { deaths = 1 } }), "facts cannot change after the final report");
        await AssertUnchanged(before);
    }

    [Fact]
    public async Task Closing_before_the_final_report_is_409_not_500()
    {
        var (id, _) = await RespondingIncident();
        var before = await Api.Incident(id);

        var reply = await Api.Post($"/api/incidents/{id}/close", null);

        Problem.AssertNotAllowed(reply, "before the final report");
        await AssertUnchanged(before);
    }

    [Fact]
    public async Task Closing_a_closed_incident_is_409_not_500()
    {
        var id = (await Api.Register(Bodies.Incident(EngineFixture.NewRegion("Twice"), engine.Now))).Str("id");
        await Procedure.RunToClosed(Api, id);
        var before = await Api.Incident(id);

        var reply = await Api.Post($"/api/incidents/{id}/close", null);

        Assert.Equal(HttpStatusCode.Conflict, reply.Status);
        Assert.Contains("closed", Problem.Assert(reply, HttpStatusCode.Conflict)["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await AssertUnchanged(before);
    }

    [Theory]
    [InlineData("inc-00000000000000000000")]
    [InlineData("inc-doesnotexist")]
    public async Task An_unknown_id_is_404_on_every_endpoint(string id)
    {
        Problem.Assert(await engine.Observer.Get($"/api/incidents/{id}"), HttpStatusCode.NotFound);
        Problem.Assert(await Api.Post($"/api/incidents/{id}/facts", new { facts = new { } }), HttpStatusCode.NotFound);
        Problem.Assert(await Api.Post($"/api/incidents/{id}/obligations/reachScene/complete", Bodies.Completion()), HttpStatusCode.NotFound);
        Problem.Assert(await Api.Post($"/api/incidents/{id}/reports", Bodies.Report("initial")), HttpStatusCode.NotFound);
        Problem.Assert(await Api.Post($"/api/incidents/{id}/close", null), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("foo")]
    [InlineData("INC-1")]
    [InlineData("inc-")]
    [InlineData("inc-ABC")]
    [InlineData("inc-a.b")]
    [InlineData("inc-%E4%B8%AD")]
    [InlineData("inc-0123456789012345678901234567890123456789x")]
    public async Task A_malformed_id_is_404_on_every_endpoint(string id)
    {
        Problem.Assert(await engine.Observer.Get($"/api/incidents/{id}"), HttpStatusCode.NotFound);
        Problem.Assert(await Api.Post($"/api/incidents/{id}/facts", new { facts = new { } }), HttpStatusCode.NotFound);
        Problem.Assert(await Api.Post($"/api/incidents/{id}/obligations/reachScene/complete", Bodies.Completion()), HttpStatusCode.NotFound);
        Problem.Assert(await Api.Post($"/api/incidents/{id}/reports", Bodies.Report("initial")), HttpStatusCode.NotFound);
        Problem.Assert(await Api.Post($"/api/incidents/{id}/close", null), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_body_above_2_MiB_is_413_whether_its_length_is_declared_or_not()
    {
        var (id, _) = await RespondingIncident();
        var before = await Api.Incident(id);
        const int tooLarge = (2 * 1024 * 1024) + 16;

        // Declared length: refused before the body is read (the client waits for 100-continue, as it should for big bodies).
        foreach (var path in new[] { "/api/incidents", $"/api/incidents/{id}/reports" })
        {
            var declared = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(new string(' ', tooLarge), Encoding.UTF8, "application/json") };
            declared.Headers.ExpectContinue = true;
            var reply = await Api.Send(declared);
            var problem = Problem.Assert(reply, HttpStatusCode.RequestEntityTooLarge);
            Assert.Contains("2,097,152", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        // Chunked: refused when the reader passes the limit (leading whitespace is valid JSON, so it reads on).
        var chunked = new HttpRequestMessage(HttpMethod.Post, $"/api/incidents/{id}/reports")
        {
            Content = new ByteArrayContent(Encoding.ASCII.GetBytes(new string(' ', tooLarge))),
        };
        chunked.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        chunked.Headers.TransferEncodingChunked = true;
        Problem.Assert(await Api.Send(chunked), HttpStatusCode.RequestEntityTooLarge);

        await AssertUnchanged(before);
    }

    [Fact]
    public async Task A_body_just_under_2_MiB_is_read_and_judged_on_its_content()
    {
        var (id, _) = await RespondingIncident();
        var before = await Api.Incident(id);
        var padded = new string(' ', (2 * 1024 * 1024) - 1024) + Bodies.Report("followUp").ToJsonString();

        var reply = await Api.Post($"/api/incidents/{id}/reports", padded);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(before.Long("version") + 1, reply.Body.Long("version"));
    }

    /// <summary>An incident of level IV in the responding phase (initial report filed), discovered 10 minutes ago.</summary>
    private async Task<(string Id, DateTimeOffset Now)> RespondingIncident()
    {
        var now = engine.Now;
        var id = (await Api.Register(Bodies.Incident(EngineFixture.NewRegion("Problems"), now.AddMinutes(-10)))).Str("id");
        await Api.Command($"/api/incidents/{id}/reports", Bodies.Report("initial"));
        return (id, now);
    }

    private async Task AssertUnchanged(JsonNode before)
    {
        var after = await Api.Incident(before.Str("id"));
        Assert.Equal(before.Long("version"), after.Long("version"));
        Assert.Equal(before.Timeline().Count, after.Timeline().Count);
        Assert.Equal(before.Str("phase"), after.Str("phase"));
        Assert.Equal(before["obligations"]!.ToJsonString(), after["obligations"]!.ToJsonString());
        Assert.Equal(before["reports"]!.ToJsonString(), after["reports"]!.ToJsonString());
    }

    private static JsonObject With(JsonObject body, Action<JsonObject> change)
    {
        var copy = body.DeepClone().AsObject();
        change(copy);
        return copy;
    }
}
