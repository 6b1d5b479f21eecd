using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Emergency.Api.Tests.Infrastructure;

namespace Emergency.Api.Tests;

/// <summary>The petition and complaint API over real HTTP: roles, redaction, the procedure, bad input, retries, supervision.</summary>
[Collection(SharedEngine.Name)]
public sealed class DisputeApiTests(EngineFixture engine)
{
    public const string PetitionToken = "petition-dev-token";

    public static JsonObject Complaint(string enterprise, DateTimeOffset receivedAt, string channel = "hotline12369", string? idNumber = null) => new()
    {
        ["channel"] = channel,
        ["receivedBy"] = "department",
        ["receivedAt"] = Bodies.Time(receivedAt),
        ["unit"] = "Changzhi EPB petition office",
        ["complainant"] = new JsonObject { ["name"] = "Li Hua", ["contact"] = null, ["idNumber"] = idNumber },
        ["subject"] = new JsonObject { ["enterprise"] = enterprise, ["place"] = null, ["region"] = "Changzhi" },
        ["content"] = "A sharp smell every night; I live at 12 River Road.",
    };

    [Fact]
    public async Task A_petition_officer_registers_and_sees_the_complainant_others_see_it_redacted_and_may_not_act()
    {
        using var officer = engine.As(PetitionToken);
        var enterprise = EngineFixture.NewRegion("Redact Works");
        var created = await officer.Post("/api/disputes", Complaint(enterprise, engine.Now.AddHours(-1), idNumber: "11010519491231002X"));
        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
        var id = created.Body.Str("id");
        Assert.StartsWith("pet-", id, StringComparison.Ordinal);
        Assert.EndsWith($"/api/disputes/{id}", created.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal("Li Hua", created.Body["complainant"].Str("name"));

        foreach (var other in new[] { engine.Commander, engine.Observer, engine.DecisionMaker })
        {
            var seen = await other.Get($"/api/disputes/{id}");
            Assert.Equal(HttpStatusCode.OK, seen.Status);
            Assert.True(seen.Body["personalDataRedacted"]!.GetValue<bool>());
            Assert.Null(seen.Body["complainant"]);
            Assert.DoesNotContain("River Road", seen.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("11010519491231002X", seen.Text, StringComparison.Ordinal);

            Problem.Assert(await other.Post($"/api/disputes/{id}/acceptance", new { outcome = "accepted" }), HttpStatusCode.Forbidden);
            Problem.Assert(await other.Post("/api/disputes", Complaint(enterprise, engine.Now)), HttpStatusCode.Forbidden);
        }

        var publicView = await engine.Observer.Get($"/api/disputes/{id}/public");
        Assert.Equal(HttpStatusCode.OK, publicView.Status);
        Assert.DoesNotContain("Li Hua", publicView.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("registeredBy", publicView.Text, StringComparison.Ordinal);

        // Nothing the others tried was applied; the list shows the one case, without personal data.
        var list = await engine.Observer.Get($"/api/disputes?enterprise={Uri.EscapeDataString(enterprise)}");
        Assert.Equal([id], list.Body.AsArray().Ids());
        Assert.DoesNotContain("Li Hua", list.Text, StringComparison.Ordinal);
        Assert.Equal(created.Body.Long("version"), (await officer.Get($"/api/disputes/{id}")).Body.Long("version"));
    }

    [Fact]
    public async Task A_refusal_speaks_Chinese_by_default_with_its_code_and_the_timeline_too()
    {
        using var officer = engine.As(PetitionToken);
        officer.Http.DefaultRequestHeaders.AcceptLanguage.Clear();
        var id = (await officer.Post("/api/disputes", Complaint(EngineFixture.NewRegion("Words Paper"), engine.Now.AddDays(-1)))).Body.Str("id");

        var early = await officer.Post($"/api/disputes/{id}/reply", new { content = "We looked into it." });

        var refusal = Problem.Assert(early, HttpStatusCode.Conflict);
        Assert.Equal("dispute.refused.replyAfterHandling", refusal["code"]!.GetValue<string>());
        Assert.Equal("答复应在办理之后：请先登记办理结果", refusal["detail"]!.GetValue<string>());
        var view = (await officer.Get($"/api/disputes/{id}")).Body;
        Assert.StartsWith("登记：12369热线举报，由本部门直接收件，收件时间", view["timeline"]![0]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("次日起算", view["obligations"]![0]!["deadlineBasis"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_procedure_runs_through_the_api_and_a_move_out_of_order_is_a_409_with_the_allowed_moves()
    {
        using var officer = engine.As(PetitionToken);
        var received = engine.Now.AddDays(-3);
        var id = (await officer.Post("/api/disputes", Complaint(EngineFixture.NewRegion("Procedure Paper"), received))).Body.Str("id");
        var early = await officer.Post($"/api/disputes/{id}/reply", new { content = "We looked into it." });
        var refusal = Problem.Assert(early, HttpStatusCode.Conflict);
        // Allowed moves are named as their routes: "acceptance" is posted to /api/disputes/{id}/acceptance.
        Assert.Contains("acceptance", refusal["allowedMoves"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.Post($"/api/disputes/{id}/noteEscalation", new { warningId = "ew-1", incidentId = "inc-1" })).Status);

        await Ok(officer, $"/api/disputes/{id}/acceptance", new { outcome = "accepted" });
        var assigned = await Ok(officer, $"/api/disputes/{id}/assign", new
        {
            leader = "Deputy director Wang",
            unit = "Pollution control section",
            requirement = "Inspect the night-time emissions",
            deadline = Bodies.Time(engine.Now.AddDays(20)),
        });
        var reply = assigned["obligations"]!.AsArray().Single(o => o.Str("kind") == "reply");

        // The extension lengthens the period counted from acceptance, so it runs from the last day as counted, before a
        // last day on a rest day moved to the next working day (民法典 art. 203).
        static DateTimeOffset Counted(JsonNode? obligation) =>
            Regex.Match(obligation.Str("deadlineBasis"), @"moved from the rest day \w{3} (\d{4}-\d{2}-\d{2})") is { Success: true } moved
                ? new DateTimeOffset(DateOnly.Parse(moved.Groups[1].Value, CultureInfo.InvariantCulture).AddDays(1).ToDateTime(TimeOnly.MinValue), obligation.Time("dueAt").Offset)
                : obligation.Time("dueAt");
        var extended = await Ok(officer, $"/api/disputes/{id}/extension", new
        {
            approvedBy = "Director Li",
            approvedAt = Bodies.Time(engine.Now),
            reason = "Monitoring over a month is needed",
        });
        Assert.Equal(Counted(reply).AddDays(30), Counted(extended["obligations"]!.AsArray().Single(o => o.Str("kind") == "reply")!));

        // A 12369 report must say whether a violation was found (违法必查).
        Problem.Assert(await officer.Post($"/api/disputes/{id}/handling", new { result = "Inspected" }), HttpStatusCode.BadRequest, "finding");
        await Ok(officer, $"/api/disputes/{id}/handling", new { result = "Inspected; the scrubber was off at night", finding = "violationFound" });
        await Ok(officer, $"/api/disputes/{id}/reply", new { content = "The plant was fined and the scrubber repaired." });
        var satisfied = await Ok(officer, $"/api/disputes/{id}/satisfaction", new { satisfaction = "basicallySatisfied" });
        Assert.Equal("replied", satisfied.Str("phase"));

        // The petitioner's 30 days to ask for a review are still running.
        Problem.Assert(await officer.Post($"/api/disputes/{id}/close", null), HttpStatusCode.Conflict);
        await Ok(officer, $"/api/disputes/{id}/review", null);
        Assert.Equal("underReview", (await officer.Get($"/api/disputes/{id}")).Body.Str("phase"));
    }

    [Fact]
    public async Task Bad_input_is_a_clear_400_and_changes_nothing()
    {
        using var officer = engine.As(PetitionToken);
        var enterprise = EngineFixture.NewRegion("Bad Input Cement");
        var bad = Complaint(enterprise, engine.Now);
        bad["channel"] = "carrierPigeon";
        Problem.Assert(await officer.Post("/api/disputes", bad), HttpStatusCode.BadRequest, "channel");
        var unknown = Complaint(enterprise, engine.Now);
        unknown["mood"] = "angry";
        Problem.Assert(await officer.Post("/api/disputes", unknown), HttpStatusCode.BadRequest, "mood");
        var future = Complaint(enterprise, engine.Now.AddDays(1));
        Problem.Assert(await officer.Post("/api/disputes", future), HttpStatusCode.BadRequest, "receivedAt");
        var badId = Complaint(enterprise, engine.Now, idNumber: "123");
        Problem.Assert(await officer.Post("/api/disputes", badId), HttpStatusCode.BadRequest, "complainant.idNumber");
        Assert.Empty((await engine.Observer.Get($"/api/disputes?enterprise={Uri.EscapeDataString(enterprise)}")).Body.AsArray());

        var id = (await officer.Post("/api/disputes", Complaint(enterprise, engine.Now))).Body.Str("id");
        var before = (await officer.Get($"/api/disputes/{id}")).Body;
        Problem.Assert(await officer.Post($"/api/disputes/{id}/acceptance", new { outcome = "notAccepted" }), HttpStatusCode.BadRequest, "ground");
        Problem.Assert(await officer.Post($"/api/disputes/{id}/acceptance", "{\"outcome\":", null), HttpStatusCode.BadRequest);
        Problem.Assert(await officer.Post("/api/disputes/pet-nosuchcase/acceptance", new { outcome = "accepted" }), HttpStatusCode.NotFound);
        Problem.Assert(await engine.Observer.Get("/api/disputes?channel=fax"), HttpStatusCode.BadRequest, "channel");
        Problem.Assert(await engine.Observer.Get("/api/supervision?period=week"), HttpStatusCode.BadRequest, "period");
        var after = (await officer.Get($"/api/disputes/{id}")).Body;
        Assert.Equal(before.Long("version"), after.Long("version"));
        Assert.Equal(before.Timeline().Count, after.Timeline().Count);
    }

    [Fact]
    public async Task A_retried_registration_or_command_with_its_idempotency_key_is_answered_once()
    {
        using var officer = engine.As(PetitionToken);
        var enterprise = EngineFixture.NewRegion("Retry Steel");
        var key = Guid.NewGuid().ToString("N");
        var first = await officer.Post("/api/disputes", Complaint(enterprise, engine.Now), key);
        var second = await officer.Post("/api/disputes", Complaint(enterprise, engine.Now), key);
        Assert.Equal(HttpStatusCode.Created, second.Status);
        Assert.Equal("true", second.Header("Idempotent-Replayed"));
        Assert.Equal(first.Body.Str("id"), second.Body.Str("id"));
        var id = first.Body.Str("id");

        var accepted = await officer.Post($"/api/disputes/{id}/acceptance", new { outcome = "accepted" }, key + "-a");
        var again = await officer.Post($"/api/disputes/{id}/acceptance", new { outcome = "accepted" }, key + "-a");
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal("true", again.Header("Idempotent-Replayed"));
        Assert.Equal(accepted.Body.Long("version"), again.Body.Long("version"));
        Assert.Single((await engine.Observer.Get($"/api/disputes?enterprise={Uri.EscapeDataString(enterprise)}")).Body.AsArray());
        Problem.Assert(await officer.Post($"/api/disputes/{id}/acceptance", new { outcome = "transferredOut", reason = "x", transferredTo = "y" }, key + "-a"), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Five_complaints_raise_a_warning_that_a_duty_commander_escalates_into_an_incident()
    {
        using var officer = engine.As(PetitionToken);
        var enterprise = EngineFixture.NewRegion("Warning Chemical");
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await officer.Post("/api/disputes", Complaint(enterprise, engine.Now.AddDays(-5 + i)))).Body.Str("id"));
        }

        var warnings = (await engine.Observer.Get("/api/warnings")).Body.AsArray();
        var warning = Assert.Single(warnings, w => w.Str("subject") == enterprise)!;
        Assert.Equal(ids, warning["evidence"]!.AsArray().Select(e => e.Str("caseId")));
        var id = warning.Str("id");
        Assert.Equal(HttpStatusCode.OK, (await engine.Observer.Get($"/api/warnings/{id}")).Status);
        Problem.Assert(await engine.Observer.Get("/api/warnings/wrn-00000000000000000000"), HttpStatusCode.NotFound);

        Problem.Assert(await officer.Post($"/api/warnings/{id}/escalate", null), HttpStatusCode.Forbidden);
        Problem.Assert(await engine.Commander.Post($"/api/warnings/{id}/escalate", new { title = new string('x', 500) }), HttpStatusCode.BadRequest, "title");
        var escalated = await engine.Commander.Post($"/api/warnings/{id}/escalate", new { note = "Night-time releases suspected" });
        Assert.True(escalated.Status == HttpStatusCode.OK, escalated.ToString());
        var incidentId = escalated.Body["escalation"].Str("incidentId");
        var incident = await engine.Commander.Incident(incidentId);
        Assert.Contains(ids[0], incident.Str("description"), StringComparison.Ordinal);
        var dispute = (await officer.Get($"/api/disputes/{ids[2]}")).Body;
        Assert.Contains(dispute.Timeline(), e => e.Str("kind") == "escalatedToIncident" && e.Str("ref") == incidentId);
        Problem.Assert(await engine.Commander.Post($"/api/warnings/{id}/escalate", null), HttpStatusCode.Conflict);
        Assert.Single((await engine.Observer.Get("/api/warnings?escalated=true")).Body.AsArray(), w => w.Str("id") == id);
    }

    [Fact]
    public async Task Supervision_and_the_overdue_list_answer_any_reader()
    {
        foreach (var path in new[] { "/api/supervision", "/api/supervision?period=quarter", "/api/supervision/overdue", "/api/suggestions", "/api/board" })
        {
            var reply = await engine.Observer.Get(path);
            Assert.True(reply.Status == HttpStatusCode.OK, $"{path}: {reply}");
        }

        var board = (await engine.Observer.Get("/api/board")).Body;
        Assert.NotNull(board["disputes"]);
        Assert.NotNull(board["warnings"]);

        // What a partial lane's count says it holds at most: the server's number, not one written again in the page.
        Assert.Equal(Emergency.Host.Board.BoardEndpoints.LaneLimit, board["laneLimit"]!.GetValue<int>());
    }

    private static async Task<JsonNode> Ok(ApiClient api, string path, object? body)
    {
        var reply = await api.Post(path, body);
        Assert.True(reply.Status == HttpStatusCode.OK, $"POST {path}: {reply}");
        return reply.Body;
    }
}
