using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Emergency.Api.Tests.Infrastructure;

namespace Emergency.Api.Tests;

/// <summary>
/// The major decision and enforcement API on a real port: who may do what, every guard reachable through the API
/// refused with 409 and its reason, bad input refused with 400 and nothing changed, idempotent retries. The engine
/// is this class's own: the tests move its clock through comment periods.
/// </summary>
public sealed class DecisionApiTests(EngineFixture engine) : IClassFixture<EngineFixture>, IDisposable
{
    private const string AssessorToken = "assessor-dev-token";

    private readonly ApiClient _assessor = engine.As(AssessorToken);
    private JsonArray? _complaints;

    private ApiClient Maker => engine.DecisionMaker;

    public void Dispose() => _assessor.Dispose();

    [Fact]
    public async Task Decision_makers_draft_submit_and_decide_assessors_assess_observers_and_commanders_only_read()
    {
        var region = EngineFixture.NewRegion("Roles");
        foreach (var outsider in new[] { _assessor, engine.Observer, engine.Commander })
        {
            Problem.Assert(await outsider.Post("/api/decisions", Draft(region)), HttpStatusCode.Forbidden);
        }

        var id = await DraftAsync(region);
        foreach (var outsider in new[] { _assessor, engine.Observer, engine.Commander })
        {
            Problem.Assert(await outsider.Post($"/api/decisions/{id}/submit", new JsonObject()), HttpStatusCode.Forbidden);
        }

        await Ok(Maker, id, "submit", null);
        foreach (var outsider in new[] { Maker, engine.Observer, engine.Commander })
        {
            Problem.Assert(await outsider.Post($"/api/decisions/{id}/planAssessment", Plan()), HttpStatusCode.Forbidden);
        }

        await Ok(_assessor, id, "planAssessment", Plan());
        Problem.Assert(await engine.Observer.Post($"/api/decisions/{id}/attachPublicOpinion", await Opinion()), HttpStatusCode.Forbidden);
        await Ok(_assessor, id, "attachPublicOpinion", await Opinion());
        var attached = await Ok(Maker, id, "attachPublicOpinion", await Opinion());
        Assert.Equal(2, attached["publicOpinion"]!.AsArray().Count);
        Assert.Contains(attached["viewsHeard"]!.AsArray(), v => v!["publicOpinion"]?.GetValue<string>() == "complaints");

        Problem.Assert(await _assessor.Post("/api/enforcement/restrictions", Restriction(region)), HttpStatusCode.Forbidden);
        Problem.Assert(await engine.Observer.Post("/api/enforcement/restrictions", Restriction(region)), HttpStatusCode.Forbidden);

        foreach (var reader in new[] { engine.Observer, engine.Commander, _assessor, Maker })
        {
            Assert.Equal(HttpStatusCode.OK, (await reader.Get($"/api/decisions/{id}")).Status);
            Assert.Equal(HttpStatusCode.OK, (await reader.Get("/api/decisions")).Status);
            Assert.Equal(HttpStatusCode.OK, (await reader.Get("/api/enforcement")).Status);
        }

        var view = await Get(id);
        Assert.Equal("assessmentPlanned", view.Str("stage"));
        Assert.Equal("director.li (DecisionMaker)", view.Timeline()[0].Str("actor"));
        Assert.Contains(view.Timeline(), e => e.Str("actor") == "assessor.zhao (Assessor)");
    }

    [Fact]
    public async Task Every_guard_of_the_procedure_is_a_409_with_its_reason_and_changes_nothing()
    {
        var region = EngineFixture.NewRegion("Guards");
        var id = await DraftAsync(region);
        await Refused(_assessor, id, "planAssessment", Plan(), "submit it first");
        await Ok(Maker, id, "submit", null);
        await Refused(Maker, id, "submit", null, "already submitted");
        await Ok(_assessor, id, "planAssessment", Plan());
        await Refused(_assessor, id, "closePublicComment", Close(), "public comment has not been opened");
        await Refused(_assessor, id, "finishHearingViews", null, "no view has been heard yet");
        await Refused(_assessor, id, "recordFinding", Finding("legality"), "once views are heard");
        await Refused(_assessor, id, "rateRisk", Rate("low"), "every dimension is analysed");
        await Refused(_assessor, id, "writeReport", Report(), "needs a risk rating");
        await Refused(_assessor, id, "recordReview", Review("stabilityOffice"), "no report to review");
        await Refused(Maker, id, "takeCollectiveDecision", Decide("implement"), "the collective decision comes after");

        var opened = await Ok(_assessor, id, "openPublicComment", new JsonObject { ["channel"] = "the bureau's website" });
        await Ok(_assessor, id, "recordViews", Views(engine.Now));
        await Refused(_assessor, id, "openPublicComment", new JsonObject { ["channel"] = "a newspaper" }, "already opened");
        await Refused(_assessor, id, "closePublicComment", Close(), "the comment period cannot be cut short");
        await Refused(_assessor, id, "finishHearingViews", null, "cannot be cut short");

        // The minimum runs on the engine clock.
        engine.Clock.Advance(opened["publicComment"].Time("mayCloseAt") - engine.Clock.GetUtcNow());
        await Ok(_assessor, id, "closePublicComment", Close());
        await Ok(_assessor, id, "finishHearingViews", null);
        await Refused(_assessor, id, "recordViews", Views(engine.Now), "hearing views ended");
        foreach (var dimension in new[] { "legality", "reasonableness", "feasibility", "controllability" })
        {
            await Ok(_assessor, id, "recordFinding", Finding(dimension));
        }

        await Refused(_assessor, id, "recordFinding", Finding("legality"), "every dimension is already analysed");

        // Medium: measures and a second rating before it goes on.
        await Ok(_assessor, id, "rateRisk", Rate("medium"));
        await Refused(_assessor, id, "writeReport", Report(), "mitigation measures");
        await Refused(_assessor, id, "rateRisk", Rate("low"), "rated again only after mitigation measures");
        await Ok(_assessor, id, "recordMitigation", Mitigation());
        await Ok(_assessor, id, "rateRisk", Rate("high"));
        await Refused(_assessor, id, "rateRisk", Rate("low"), "stands until the proposal is redesigned");
        await Ok(_assessor, id, "writeReport", Report());
        await Refused(_assessor, id, "writeReport", Report(), "already written");
        await Refused(Maker, id, "takeCollectiveDecision", Decide("implement"), "waiting for");
        await Ok(_assessor, id, "recordReview", Review("stabilityOffice"));
        await Refused(_assessor, id, "recordReview", Review("stabilityOffice"), "already reviewed");
        await Ok(_assessor, id, "recordReview", Review("legalOffice"));

        // High: never implemented; redesign reopens the assessment.
        var high = await Refused(Maker, id, "takeCollectiveDecision", Decide("implement"), "cannot be implemented");
        Assert.DoesNotContain("takeCollectiveDecision(implement)", high["allowedMoves"]!.AsArray().Select(m => m!.GetValue<string>()));
        await Refused(Maker, id, "takeCollectiveDecision", Decide("implementAfterMitigation"), "cannot be implemented");
        var reopened = await Ok(Maker, id, "changeProposal", new JsonObject { ["proposal"] = "Moved to the Xishan industrial park.", ["whatChanged"] = "site moved" });
        Assert.Equal("assessmentPlanned", reopened.Str("stage"));
        Assert.Equal(2, reopened["assessment"]!["number"]!.GetValue<int>());
        Assert.Single(reopened["pastAssessments"]!.AsArray());
        await Refused(_assessor, id, "closePublicComment", Close(), "public comment has not been opened");
    }

    [Fact]
    public async Task A_regional_restriction_blocks_approval_at_once_and_lifting_it_frees_the_matter()
    {
        var region = EngineFixture.NewRegion("Restricted");
        var id = await ReviewedAtLowAsync(region);

        var set = await Maker.Post("/api/enforcement/restrictions", Restriction(region), "restrict-1");
        Assert.True(set.Status == HttpStatusCode.Created, set.ToString());
        var restrictionId = set.Body.Str("id");
        Assert.StartsWith("rr-", restrictionId, StringComparison.Ordinal);
        Assert.Contains(set.Body["registry"]!["restrictionsInForce"]!.AsArray(), r => r!.Str("id") == restrictionId);

        // Blocked by the time the answer came: the matter, the list and the board.
        var blocked = await Get(id);
        Assert.Contains(blocked["blockedBy"]!.AsArray(), b => b!.Str("kind") == "regionalRestriction");
        var listed = (await Maker.Get($"/api/decisions?region={region}")).Body.AsArray().Single()!;
        Assert.Contains(listed["blockedBy"]!.AsArray(), b => b!.Str("kind") == "regionalRestriction");
        var board = (await engine.Observer.Get("/api/board")).Body;
        Assert.Contains(board["decisions"]!.AsArray(), d => d!.Str("id") == id && d!["blockedBy"]!.AsArray().Any(b => b!.Str("kind") == "regionalRestriction"));
        Assert.Contains(board["enforcement"]!["restrictionsInForce"]!.AsArray(), r => r!.Str("id") == restrictionId);

        await Refused(Maker, id, "takeCollectiveDecision", Decide("implement"), "regional approval restriction");
        var postponed = await Ok(Maker, id, "takeCollectiveDecision", Decide("postpone"));
        Assert.Equal("postponed", postponed.Str("stage"));

        // A retried restriction is the same one, not a second.
        var retry = await Maker.Post("/api/enforcement/restrictions", Restriction(region), "restrict-1");
        Assert.Equal(HttpStatusCode.Created, retry.Status);
        Assert.Equal("true", retry.Header("Idempotent-Replayed"));
        Assert.Equal(restrictionId, retry.Body.Str("id"));

        await Refused(Maker, id, "takeCollectiveDecision", Decide("postpone"), "already postponed");
        var lifted = await Maker.Post($"/api/enforcement/restrictions/{restrictionId}/lift", new JsonObject { ["reason"] = "Targets met." });
        Assert.True(lifted.Status == HttpStatusCode.OK, lifted.ToString());
        Assert.DoesNotContain((await Get(id))["blockedBy"]!.AsArray(), b => b!.Str("kind") == "regionalRestriction");
        var again = await Maker.Post($"/api/enforcement/restrictions/{restrictionId}/lift", new JsonObject { ["reason"] = "Again." });
        Problem.AssertNotAllowed(again, "already lifted");

        var decided = await Ok(Maker, id, "takeCollectiveDecision", Decide("implement"));
        Assert.Equal("decided", decided.Str("stage"));
        var late = Problem.Assert(await Maker.Post($"/api/decisions/{id}/changeProposal", new JsonObject { ["proposal"] = "Other.", ["whatChanged"] = "late change" }), HttpStatusCode.Conflict);
        Assert.Contains("the matter was decided", late.Str("detail"), StringComparison.Ordinal);
        Assert.Empty(late["allowedMoves"]!.AsArray());
        Assert.Empty((await Maker.Get($"/api/decisions?region={region}")).Body.AsArray());
    }

    [Fact]
    public async Task A_restriction_on_a_city_blocks_approval_in_its_counties_and_lifting_it_frees_them()
    {
        var id = await ReviewedAtLowAsync("潞城区");
        var elsewhere = await DraftAsync("林州市");

        var set = await Maker.Post("/api/enforcement/restrictions", Restriction("长治市"));
        Assert.True(set.Status == HttpStatusCode.Created, set.ToString());
        var restrictionId = set.Body.Str("id");

        Assert.Contains((await Get(id))["blockedBy"]!.AsArray(), b => b!.Str("kind") == "regionalRestriction");
        Assert.DoesNotContain((await Get(elsewhere))["blockedBy"]!.AsArray(), b => b!.Str("kind") == "regionalRestriction");
        var inCity = (await Maker.Get($"/api/decisions?region={Uri.EscapeDataString("Changzhi")}")).Body.AsArray();
        Assert.Equal([id], inCity.Select(d => d!.Str("id")));
        await Refused(Maker, id, "takeCollectiveDecision", Decide("implement"), "regional approval restriction (区域限批) on 长治市");

        var lifted = await Maker.Post($"/api/enforcement/restrictions/{restrictionId}/lift", new JsonObject { ["reason"] = "Targets met." });
        Assert.True(lifted.Status == HttpStatusCode.OK, lifted.ToString());
        Assert.DoesNotContain((await Get(id))["blockedBy"]!.AsArray(), b => b!.Str("kind") == "regionalRestriction");
        Assert.Equal("decided", (await Ok(Maker, id, "takeCollectiveDecision", Decide("implement"))).Str("stage"));
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_the_field_and_changes_nothing()
    {
        var region = EngineFixture.NewRegion("BadInput");
        Problem.Assert(await Maker.Post("/api/decisions", new JsonObject { ["region"] = region, ["kind"] = "policy", ["proposal"] = "x" }), HttpStatusCode.BadRequest, "title");
        Problem.Assert(await Maker.Post("/api/decisions", Draft(region).With("kind", "bridge")), HttpStatusCode.BadRequest, "kind");
        Problem.Assert(await Maker.Post("/api/decisions", Draft(region).With("colour", "red")), HttpStatusCode.BadRequest, "colour");
        Problem.Assert(await Maker.Post("/api/decisions", Draft(region).With("title", "  ")), HttpStatusCode.BadRequest, "title");
        Problem.Assert(await Maker.Post("/api/decisions", "{\"title\":", contentType: "application/json"), HttpStatusCode.BadRequest);
        Assert.Empty((await Maker.Get($"/api/decisions?region={region}")).Body.AsArray());

        var id = await DraftAsync(region);
        await Ok(Maker, id, "submit", null);
        var before = await Get(id);
        Problem.Assert(await _assessor.Post($"/api/decisions/{id}/planAssessment", Plan().With("methods", new JsonArray("visit"))), HttpStatusCode.BadRequest, "methods");
        Problem.Assert(await _assessor.Post($"/api/decisions/{id}/planAssessment", Plan().With("methods", new JsonArray("rumour"))), HttpStatusCode.BadRequest, "methods[0]");
        Problem.Assert(await _assessor.Post($"/api/decisions/{id}/rateRisk", new JsonObject { ["level"] = "extreme", ["reasons"] = new JsonArray("x") }), HttpStatusCode.BadRequest, "level");
        Problem.Assert(await _assessor.Post($"/api/decisions/{id}/openPublicComment", new JsonObject { ["channel"] = "web", ["at"] = "2026-03-02T08:00:00" }), HttpStatusCode.BadRequest, "at");
        Problem.Assert(await _assessor.Post($"/api/decisions/{id}/attachPublicOpinion", (await Opinion()).With("ids", new JsonArray())), HttpStatusCode.BadRequest, "ids");
        Problem.Assert(await _assessor.Post($"/api/decisions/{id}/attachPublicOpinion", (await Opinion()).With("ids", new JsonArray((JsonNode?)null))), HttpStatusCode.BadRequest, "ids[0]");

        // Ids the petitions side does not know are refused by name; a warning id offered as complaints likewise.
        var unknown = await _assessor.Post($"/api/decisions/{id}/attachPublicOpinion", await Opinion(new JsonArray("pet-doesnotexist1", "wrn-0123456789abcdef")));
        Problem.Assert(unknown, HttpStatusCode.BadRequest, "ids");
        Assert.Contains("pet-doesnotexist1, wrn-0123456789abcdef", unknown.ToString(), StringComparison.Ordinal);
        Problem.Assert(await _assessor.Post($"/api/decisions/{id}/planAssessment", Plan(), idempotencyKey: new string('k', 101)), HttpStatusCode.BadRequest, "Idempotency-Key");
        Problem.Assert(await Maker.Post("/api/enforcement/restrictions", new JsonObject { ["region"] = "", ["reason"] = "x" }), HttpStatusCode.BadRequest, "region");
        Problem.Assert(await Maker.Post("/api/enforcement/supervisions", new JsonObject
        {
            ["targetKind"] = "enterprise", ["target"] = "Dongshan Chemical", ["matter"] = "discharge", ["issuedBy"] = "province",
            ["rectificationDeadline"] = Bodies.Time(engine.Now.AddDays(-1)),
        }), HttpStatusCode.BadRequest, "rectificationDeadline");
        Problem.Assert(await Maker.Get("/api/decisions?stage=finished"), HttpStatusCode.BadRequest, "stage");

        var after = await Get(id);
        Assert.Equal(before.Long("version"), after.Long("version"));
        Assert.Equal(before.Timeline().Count, after.Timeline().Count);

        Problem.Assert(await Maker.Get("/api/decisions/dec-nothere"), HttpStatusCode.NotFound);
        Problem.Assert(await Maker.Get("/api/decisions/inc-abc"), HttpStatusCode.NotFound);
        Problem.Assert(await Maker.Post("/api/decisions/dec-nothere/submit", null), HttpStatusCode.NotFound);
        Problem.Assert(await Maker.Post("/api/enforcement/restrictions/bl-1/lift", new JsonObject { ["reason"] = "x" }), HttpStatusCode.NotFound);
        Problem.AssertNotAllowed(await Maker.Post("/api/enforcement/restrictions/rr-nothere/lift", new JsonObject { ["reason"] = "x" }), "no regional approval restriction has the id");
    }

    [Fact]
    public async Task A_retried_command_is_answered_once_and_a_reused_key_for_another_command_is_refused()
    {
        var region = EngineFixture.NewRegion("Retry");
        var first = await Maker.Post("/api/decisions", Draft(region), "draft-1");
        Assert.Equal(HttpStatusCode.Created, first.Status);
        var retry = await Maker.Post("/api/decisions", Draft(region), "draft-1");
        Assert.Equal(HttpStatusCode.Created, retry.Status);
        Assert.Equal("true", retry.Header("Idempotent-Replayed"));
        Assert.Equal(first.Body.Str("id"), retry.Body.Str("id"));
        Assert.Equal(first.Header("Location"), retry.Header("Location"));
        Assert.Single((await Maker.Get($"/api/decisions?region={region}")).Body.AsArray());

        var id = first.Body.Str("id");
        var submitted = await Maker.Post($"/api/decisions/{id}/submit", null, "submit-1");
        var again = await Maker.Post($"/api/decisions/{id}/submit", null, "submit-1");
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal("true", again.Header("Idempotent-Replayed"));
        Assert.Equal(submitted.Body.Long("version"), again.Body.Long("version"));

        var reused = await Maker.Post($"/api/decisions/{id}/changeProposal", new JsonObject { ["proposal"] = "New.", ["whatChanged"] = "x" }, "submit-1");
        Assert.Equal("urn:emergency:problem:command-id-reused", Problem.Assert(reused, HttpStatusCode.Conflict).Str("type"));
        Assert.Equal(submitted.Body.Long("version"), (await Get(id)).Long("version"));
    }

    [Fact]
    public async Task Commands_answer_quickly()
    {
        var id = await DraftAsync(EngineFixture.NewRegion("Latency"));
        await Ok(Maker, id, "submit", null);
        await Ok(_assessor, id, "planAssessment", Plan());
        var times = new List<double>();
        for (var i = 0; i < 40; i++)
        {
            var watch = Stopwatch.StartNew();
            await Ok(_assessor, id, "attachPublicOpinion", await Opinion());
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        var median = times[times.Count / 2];
        TestContext.Current.TestOutputHelper?.WriteLine($"attachPublicOpinion over HTTP, durable on SQLite: median {median:0.0} ms, p95 {times[(int)(times.Count * 0.95)]:0.0} ms");
        Assert.True(median < 500, $"median {median:0.0} ms");
    }

    private async Task<string> DraftAsync(string region)
    {
        var reply = await Maker.Post("/api/decisions", Draft(region));
        Assert.True(reply.Status == HttpStatusCode.Created, reply.ToString());
        var id = reply.Body.Str("id");
        Assert.Equal($"/api/decisions/{id}", reply.Header("Location"));
        Assert.Equal("draft", reply.Body.Str("stage"));
        return id;
    }

    /// <summary>Drafted, assessed at a low risk over a full comment period, and agreed by both offices.</summary>
    private async Task<string> ReviewedAtLowAsync(string region)
    {
        var id = await DraftAsync(region);
        await Ok(Maker, id, "submit", null);
        await Ok(_assessor, id, "planAssessment", Plan());
        var opened = await Ok(_assessor, id, "openPublicComment", new JsonObject { ["channel"] = "the bureau's website" });
        engine.Clock.Advance(opened["publicComment"].Time("mayCloseAt") - engine.Clock.GetUtcNow());
        await Ok(_assessor, id, "closePublicComment", Close());
        await Ok(_assessor, id, "finishHearingViews", null);
        foreach (var dimension in new[] { "legality", "reasonableness", "feasibility", "controllability" })
        {
            await Ok(_assessor, id, "recordFinding", Finding(dimension));
        }

        await Ok(_assessor, id, "rateRisk", Rate("low"));
        await Ok(_assessor, id, "recordMitigation", Mitigation());
        await Ok(_assessor, id, "writeReport", Report());
        await Ok(_assessor, id, "recordReview", Review("stabilityOffice"));
        var reviewed = await Ok(_assessor, id, "recordReview", Review("legalOffice"));
        Assert.Equal("reviewed", reviewed.Str("stage"));
        return id;
    }

    private async Task<JsonNode> Get(string id)
    {
        var reply = await engine.Observer.Get($"/api/decisions/{id}");
        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        return reply.Body;
    }

    private static async Task<JsonNode> Ok(ApiClient api, string id, string move, JsonObject? body)
    {
        var reply = await api.Post($"/api/decisions/{id}/{move}", body);
        Assert.True(reply.Status == HttpStatusCode.OK, $"{move}: {reply}");
        return reply.Body;
    }

    /// <summary>A 409 with the reason, the moves possible now and the version, which has not moved.</summary>
    private async Task<JsonNode> Refused(ApiClient api, string id, string move, JsonObject? body, string reason)
    {
        var before = await Get(id);
        var problem = Problem.AssertNotAllowed(await api.Post($"/api/decisions/{id}/{move}", body), reason);
        Assert.Equal(before.Long("version"), problem.Long("version"));
        var after = await Get(id);
        Assert.Equal(before.Long("version"), after.Long("version"));
        Assert.Equal(before.Timeline().Count, after.Timeline().Count);
        return problem;
    }

    private static JsonObject Draft(string region) => new()
    {
        ["title"] = "Waste incinerator at Dongshan",
        ["region"] = region,
        ["kind"] = "policy",
        ["proposal"] = "A 1,500 t/day waste-to-energy plant 800 m from the Dongshan villages.",
    };

    private static JsonObject Plan() => new()
    {
        ["assessedBy"] = "stability assessment group",
        ["plan"] = "Hear the five villages; analyse the four dimensions.",
        ["methods"] = new JsonArray("publicComment", "visit"),
    };

    private static JsonObject Close() => new() { ["commentsReceived"] = 12, ["summary"] = "Few objections." };

    private static JsonObject Views(DateTimeOffset at) => new()
    {
        ["method"] = "visit", ["from"] = Bodies.Time(at), ["to"] = Bodies.Time(at), ["people"] = 40, ["opposed"] = 3, ["summary"] = "Most support it.",
    };

    /// <summary>Two real complaints about the site, registered once by a petition officer, attached as public opinion.</summary>
    private async Task<JsonObject> Opinion(JsonArray? ids = null)
    {
        if (_complaints is null)
        {
            using var officer = engine.As(DisputeApiTests.PetitionToken);
            var found = new JsonArray();
            for (var i = 0; i < 2; i++)
            {
                var created = await officer.Post("/api/disputes", DisputeApiTests.Complaint("Dongshan incinerator site", engine.Now.AddHours(-1)));
                Assert.Equal(HttpStatusCode.Created, created.Status);
                found.Add(created.Body.Str("id"));
            }

            _complaints = found;
        }

        return new()
        {
            ["kind"] = "complaints",
            ["ids"] = ids ?? _complaints.DeepClone(),
            ["summary"] = "Complaints about the site.",
            ["count"] = 2,
            ["from"] = Bodies.Time(engine.Now.AddDays(-3)),
            ["to"] = Bodies.Time(engine.Now),
        };
    }

    private static JsonObject Finding(string dimension) => new() { ["dimension"] = dimension, ["findings"] = "Sound." };

    private static JsonObject Rate(string level) => new() { ["level"] = level, ["reasons"] = new JsonArray($"rated {level}") };

    private static JsonObject Mitigation() => new() { ["measure"] = "Publish emission data live.", ["responsibleUnit"] = "project company" };

    private static JsonObject Report() => new() { ["summary"] = "As assessed.", ["emergencyPlan"] = "Dialogue team on call." };

    private static JsonObject Review(string office) => new() { ["office"] = office, ["verdict"] = "agreed", ["comments"] = "Agreed." };

    private static JsonObject Decide(string outcome) => new()
    {
        ["outcome"] = outcome, ["meeting"] = "bureau executive meeting", ["reasons"] = "As assessed.", ["explanation"] = "Village meetings will explain.",
    };

    private static JsonObject Restriction(string region) => new() { ["region"] = region, ["reason"] = "Air quality targets missed." };
}

internal static class JsonObjects
{
    /// <summary>A copy of <paramref name="body"/> with one property set.</summary>
    public static JsonObject With(this JsonObject body, string property, JsonNode? value)
    {
        var copy = body.DeepClone().AsObject();
        copy[property] = value;
        return copy;
    }
}
