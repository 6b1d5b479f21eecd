using System.Net;
using System.Text.Json.Nodes;
using Emergency.Api.Tests.Infrastructure;

namespace Emergency.Api.Tests;

/// <summary>Who may call what. The endpoints are read from the running engine, so a new endpoint is covered too.</summary>
[Collection(SharedEngine.Name)]
public sealed class RoleTests(EngineFixture engine)
{
    [Fact]
    public async Task Every_api_endpoint_refuses_a_missing_or_wrong_token_with_401()
    {
        var id = (await engine.Commander.Register(Bodies.Incident(EngineFixture.NewRegion("Auth"), engine.Now))).Str("id");
        var before = await engine.Commander.Incident(id);
        using var wrong = engine.As("not-a-token");
        using var almost = engine.As(Tokens.Commander + "x");
        var endpoints = SignedIn(engine.Engine.ApiEndpoints());
        Assert.True(endpoints.Count >= 9, $"only {endpoints.Count} /api endpoints found");

        foreach (var (method, pattern) in endpoints)
        {
            foreach (var (client, who) in new[] { (engine.Anonymous, "no token"), (wrong, "a wrong token"), (almost, "a near-miss token") })
            {
                var reply = await Call(client, method, pattern, before);
                Assert.True(reply.Status == HttpStatusCode.Unauthorized, $"{method} {pattern} with {who}: {reply}");
                Problem.Assert(reply, HttpStatusCode.Unauthorized);

                // RFC 9110 15.5.2: a 401 must say how to authenticate.
                Assert.StartsWith("Bearer", reply.Header("WWW-Authenticate") ?? "", StringComparison.Ordinal);
            }

            foreach (var header in new[] { $"Basic {Tokens.Commander}", "Bearer", "Bearer ", Tokens.Commander })
            {
                var request = Request(method, pattern, before);
                request.Headers.TryAddWithoutValidation("Authorization", header);
                var reply = await engine.Anonymous.Send(request);
                Assert.True(reply.Status == HttpStatusCode.Unauthorized, $"{method} {pattern} with Authorization '{header}': {reply}");
            }
        }

        await AssertUnchanged(before);
        await Procedure.ListShows(engine.Commander, $"?region={before.Str("region")}", id);
    }

    [Fact]
    public async Task Observers_decision_makers_and_drill_organisers_may_read_but_every_command_is_403()
    {
        var id = (await engine.Commander.Register(Bodies.Incident(EngineFixture.NewRegion("Roles"), engine.Now))).Str("id");
        var before = await engine.Commander.Incident(id);
        var endpoints = SignedIn(engine.Engine.ApiEndpoints());
        Assert.Contains(endpoints, e => e.Method == "POST");
        Assert.Contains(endpoints, e => e.Method == "GET");

        foreach (var (api, role) in new[] { (engine.Observer, "observer"), (engine.DecisionMaker, "decisionMaker"), (engine.DrillOrganiser, "drillOrganiser") })
        {
            foreach (var (method, pattern) in endpoints)
            {
                // Drills are the drill organiser's alone (their own tests are in tests/Emergency.Drills.Tests).
                var drill = pattern.StartsWith("/api/drills", StringComparison.Ordinal);
                if (drill && role == "drillOrganiser")
                {
                    continue;
                }

                // But a drill's report is read by every reader, those who played it among them: {run} names no drill here.
                if (drill && method == "GET" && DrillReports.Any(r => pattern.EndsWith(r, StringComparison.Ordinal)))
                {
                    var report = await Call(api, method, pattern, before);
                    Assert.True(report.Status == HttpStatusCode.NotFound, $"{role}: {method} {pattern}: {report}");
                    continue;
                }

                // Decision makers draft and decide major decisions and keep the enforcement registry (DecisionApiTests).
                var decisionMakers = pattern.StartsWith("/api/decisions", StringComparison.Ordinal) || pattern.StartsWith("/api/enforcement", StringComparison.Ordinal);
                // A leader approves a release for publication (审核签发; ReleaseApiTests).
                var approval = pattern.EndsWith("/approveRelease", StringComparison.Ordinal);
                if ((decisionMakers || approval) && method == "POST" && role == "decisionMaker")
                {
                    continue;
                }

                var reply = await Call(api, method, pattern, before);
                if (method == "GET" && pattern == "/api/decisions/{id}")
                {
                    // Allowed to read; the id is the incident's, so there is no such major decision.
                    Assert.True(reply.Status == HttpStatusCode.NotFound, $"{role}: {method} {pattern}: {reply}");
                    continue;
                }

                if (method == "GET" && pattern == "/api/incidents/{id}/releases/{number}/cap")
                {
                    // Allowed to read; the incident has no release 1, so there is no alert.
                    Assert.True(reply.Status == HttpStatusCode.NotFound, $"{role}: {method} {pattern}: {reply}");
                    continue;
                }

                // The people who sign in are the administrators' to read and change (SignInTests); the audit trail is the auditors' (AuditApiTests).
                var users = pattern.StartsWith("/api/users", StringComparison.Ordinal) || pattern.StartsWith("/api/audit", StringComparison.Ordinal);
                var expected = method == "GET" && !drill && !users ? HttpStatusCode.OK : HttpStatusCode.Forbidden;

                // Another kind's resource named by an incident's id is simply not found: read, not refused.
                var foreignId = pattern.Contains("{id}", StringComparison.Ordinal) && !pattern.StartsWith("/api/incidents", StringComparison.Ordinal);
                Assert.True(reply.Status == expected || (foreignId && expected == HttpStatusCode.OK && reply.Status == HttpStatusCode.NotFound),
                    $"{role}: {method} {pattern}: expected {(int)expected}, got {reply}");
                if (expected == HttpStatusCode.Forbidden)
                {
                    Problem.Assert(reply, HttpStatusCode.Forbidden);
                }
            }
        }

        await AssertUnchanged(before);
        await Procedure.ListShows(engine.Commander, $"?region={before.Str("region")}", id);
    }

    [Fact]
    public async Task A_duty_commander_may_call_every_endpoint()
    {
        var api = engine.Commander;
        var region = EngineFixture.NewRegion("Commander");
        var register = await api.Post("/api/incidents", Bodies.Incident(region, engine.Now));
        Assert.Equal(HttpStatusCode.Created, register.Status);
        var id = register.Body.Str("id");

        var facts = await api.Post($"/api/incidents/{id}/facts", new { facts = new { evacuated = 12_000 }, note = "evacuation widened" });
        Assert.Equal(HttpStatusCode.OK, facts.Status);
        Assert.Equal("II", facts.Body["grade"].Str("level"));
        Assert.Equal(HttpStatusCode.OK, (await api.Post($"/api/incidents/{id}/reports", Bodies.Report("initial"))).Status);
        foreach (var step in Procedure.Steps)
        {
            Assert.Equal(HttpStatusCode.OK, (await api.Post($"/api/incidents/{id}/obligations/{step}/complete", Bodies.Completion())).Status);
        }

        await Procedure.Release(api, id);

        Assert.Equal(HttpStatusCode.OK, (await api.Post($"/api/incidents/{id}/reports", Bodies.Report("final"))).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.Post($"/api/incidents/{id}/close", null)).Status);
        foreach (var path in new[] { "/api/incidents", $"/api/incidents/{id}", "/api/rulesets", "/api/me" })
        {
            Assert.Equal(HttpStatusCode.OK, (await api.Get(path)).Status);
        }
    }

    /// <summary>Every endpoint but the public information, which anyone reads without a token (PublicApiTests).</summary>
    private static List<(string Method, string Pattern)> SignedIn(List<(string Method, string Pattern)> endpoints) =>
        [.. endpoints.Where(e => !e.Pattern.StartsWith(Emergency.Host.Public.PublicEndpoints.Prefix, StringComparison.Ordinal))];

    /// <summary>A finished drill's report, as JSON, as a page and as its chart.</summary>
    private static readonly string[] DrillReports = ["/{run}/report", "/{run}/report.html", "/{run}/chart.svg"];

    private static Task<Reply> Call(ApiClient api, string method, string pattern, JsonNode incident) => api.Send(Request(method, pattern, incident));

    /// <summary>
    /// A request that would succeed for a duty commander (a valid body), so only the token decides. A registration
    /// goes to the region of <paramref name="incident"/>, where the test expects to find that incident alone.
    /// </summary>
    private static HttpRequestMessage Request(string method, string pattern, JsonNode incident)
    {
        var path = pattern.Replace("{id}", incident.Str("id"), StringComparison.Ordinal).Replace("{obligation}", "reachScene", StringComparison.Ordinal).Replace("{number}", "1", StringComparison.Ordinal);
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            JsonNode body = path switch
            {
                _ when path.EndsWith("/facts", StringComparison.Ordinal) => new JsonObject { ["facts"] = new JsonObject { ["deaths"] = 1 } },
                _ when path.EndsWith("/complete", StringComparison.Ordinal) => Bodies.Completion(),
                _ when path.EndsWith("/reports", StringComparison.Ordinal) => Bodies.Report("initial"),
                _ when path.EndsWith("/close", StringComparison.Ordinal) => new JsonObject(),
                _ => Bodies.Incident(incident.Str("region"), EngineFixture.Start),
            };
            request.Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        }

        return request;
    }

    private async Task AssertUnchanged(JsonNode before)
    {
        var after = await engine.Commander.Incident(before.Str("id"));
        Assert.Equal(before.Long("version"), after.Long("version"));
        Assert.Equal(before.Timeline().Count, after.Timeline().Count);
    }
}
