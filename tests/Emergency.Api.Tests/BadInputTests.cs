using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Emergency.Api.Tests.Infrastructure;
using Emergency.Testing;

namespace Emergency.Api.Tests;

/// <summary>
/// No input gets a 5xx: every operation of the engine's own OpenAPI document, for every role, with bodies derived
/// from its request schema and bodies bad whatever the schema, on real and odd ids and odd query values.
/// </summary>
public sealed class BadInputTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    /// <summary>Every token of <c>config/tokens.json</c>, one per role (administrators and auditors included).</summary>
    private static readonly IReadOnlyList<string> RoleTokens = Host.Auth.MachineTokens.DevelopmentTokens;

    /// <summary>Path values that name nothing, or nothing well: wrong prefix, empty, too long, not UTF-8, control characters.</summary>
    private static readonly string[] OddIds = ["x", "inc-", "inc-ABC", "dec-" + new string('a', 300), "%00", "%ED%A0%80", "%F0%9F%98%80", "null", "-1"];

    private static readonly string[] OddQueryValues = ["%ED%A0%80", "-99999999999999999999", new string('x', 3_000), "%00"];

    /// <summary>The most bodies one operation is sent by its permitted roles; the rest are sampled with a fixed seed.</summary>
    private const int BodiesPerOperation = 120;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task No_body_path_or_query_on_any_documented_operation_gets_a_5xx_for_any_role()
    {
        var document = (await engine.Anonymous.Get("/openapi/v1.json")).Body.AsObject();
        var ids = await RealIds();
        var bodies = new BadBodies(document);
        var random = new Random(20261206);
        var failures = new List<string>();
        var sent = 0;
        var watch = Stopwatch.StartNew();
        var clients = RoleTokens.Select(token => (Token: token, Api: engine.As(token))).Append((Token: "(none)", Api: engine.Anonymous)).ToList();

        // Deletes last: a purged drill would leave its other operations nothing to refuse.
        var operations = document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Where(o => o.Key is "get" or "post" or "put" or "delete" or "patch").Select(o => (Path: p.Key, Item: p.Value!, Method: o.Key, Operation: o.Value!)))
            .OrderBy(o => o.Method == "delete")
            .ThenBy(o => o.Path, StringComparer.Ordinal)
            .ThenBy(o => o.Method, StringComparer.Ordinal);
        foreach (var (path, item, method, operation) in operations)
        {
            var schema = operation["requestBody"]?["content"]?.AsObject().Select(c => c.Value?["schema"]).FirstOrDefault(s => s is not null);
            var derived = bodies.For(schema);
            var all = derived.Concat(BadBodies.Generic).ToList();
            var chosen = all.Count <= BodiesPerOperation ? all : [.. all.Take(1).Concat(all.Skip(1).OrderBy(_ => random.Next()).Take(BodiesPerOperation - 1))];
            var real = Fill(path, ids, null);
            var queries = QueryNames(item, operation);
            var shape = method == "get" || method == "delete" ? null : derived.FirstOrDefault() ?? BadBodies.Generic[0];

            foreach (var (token, api) in clients)
            {
                var probe = await Send(api, method, real, shape);
                sent++;
                Check(probe, token, method, real, shape);
                if (probe.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                {
                    // Refused before the body is read: one odd id and one bad body show that stays so.
                    var odd = Fill(path, ids, OddIds[random.Next(OddIds.Length)]);
                    var body = BadBodies.Generic[random.Next(BadBodies.Generic.Count)];
                    Check(await Send(api, method, odd, method is "get" or "delete" ? null : body), token, method, odd, body);
                    sent++;
                    continue;
                }

                if (method is not ("get" or "delete"))
                {
                    foreach (var body in chosen)
                    {
                        Check(await Send(api, method, real, body), token, method, real, body);
                        sent++;
                    }
                }

                if (path.Contains('{', StringComparison.Ordinal))
                {
                    foreach (var odd in OddIds)
                    {
                        var target = Fill(path, ids, odd);
                        var body = method is "get" or "delete" ? null : chosen[random.Next(chosen.Count)];
                        Check(await Send(api, method, target, body), token, method, target, body);
                        sent++;
                    }
                }

                foreach (var value in OddQueryValues.Where(_ => queries.Count > 0))
                {
                    var target = real + "?" + string.Join("&", queries.Select(q => $"{q}={value}"));
                    Check(await Send(api, method, target, shape), token, method, target, shape);
                    sent++;
                }
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{sent:N0} requests in {watch.Elapsed.TotalSeconds:0.0} s");
        Assert.True(sent > 1_000, $"only {sent} requests: the OpenAPI document lists too few operations");
        Assert.True(failures.Count == 0, $"{failures.Count} answers were 5xx:{Environment.NewLine}{string.Join(Environment.NewLine, failures.Take(40))}");

        void Check(Reply reply, string token, string method, string target, BadBody? body)
        {
            if ((int)reply.Status >= 500)
            {
                failures.Add($"{method.ToUpperInvariant()} {target} as {token} with {body?.ToString() ?? "no body"}: {reply}");
            }
        }
    }

    internal static async Task<Reply> Send(ApiClient api, string method, string target, BadBody? body)
    {
        var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), new Uri(target, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body.Bytes);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(body.ContentType);
        }

        return await api.Send(request);
    }

    private static List<string> QueryNames(JsonNode item, JsonNode operation) =>
        [.. (operation["parameters"]?.AsArray() ?? []).Concat(item["parameters"]?.AsArray() ?? [])
            .Where(p => p?["in"]?.GetValue<string>() == "query")
            .Select(p => p!["name"]!.GetValue<string>())
            .Distinct()];

    /// <summary>The path with each parameter filled: an odd value, or the id of a real case of the kind the path names.</summary>
    private static string Fill(string path, IReadOnlyDictionary<string, string> ids, string? odd)
    {
        var segments = path.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (!segments[i].StartsWith('{'))
            {
                continue;
            }

            var name = segments[i].Trim('{', '}');
            segments[i] = odd ?? (name == "id" && i > 0 ? ids.GetValueOrDefault(segments[i - 1], "x") : ids.GetValueOrDefault(name, "x"));
        }

        return string.Join('/', segments);
    }

    /// <summary>One real case of every kind, by the path segment that lists it, and a paced drill's run.</summary>
    private async Task<Dictionary<string, string>> RealIds()
    {
        var maker = engine.DecisionMaker;
        using var officer = engine.As(DisputeApiTests.PetitionToken);
        var region = EngineFixture.NewRegion("Fuzz");
        async Task<string> Create(ApiClient api, string path, JsonObject body, string? query = null)
        {
            var reply = await api.Post(path + query, body);
            Assert.True(reply.Status == HttpStatusCode.Created, $"{path}: {reply}");
            return reply.Body["id"]!.GetValue<string>();
        }

        var ids = new Dictionary<string, string>
        {
            ["incidents"] = await Create(engine.Commander, "/api/incidents", Bodies.Incident(region, engine.Now.AddMinutes(-5), Bodies.CrossProvince())),
            ["disputes"] = await Create(officer, "/api/disputes", DisputeApiTests.Complaint(region, engine.Now.AddHours(-1))),
            ["decisions"] = await Create(maker, "/api/decisions", new JsonObject { ["title"] = "Incinerator", ["region"] = region, ["kind"] = "policy", ["proposal"] = "A plant." }),
            ["restrictions"] = await Create(maker, "/api/enforcement/restrictions", new JsonObject { ["region"] = region, ["reason"] = "Air quality targets missed." }),
            ["blacklist"] = await Create(maker, "/api/enforcement/blacklist", new JsonObject { ["enterprise"] = region, ["reason"] = "Forged monitoring data." }),
            ["supervisions"] = await Create(maker, "/api/enforcement/supervisions", new JsonObject
            {
                ["targetKind"] = "enterprise", ["target"] = region, ["matter"] = "discharge", ["issuedBy"] = "province",
                ["rectificationDeadline"] = Bodies.Time(engine.Now.AddDays(30)),
            }),
            ["warnings"] = "wrn-0123456789abcdef",
            ["obligation"] = "reachScene",
        };
        ids["suggestions"] = await Create(officer, "/api/suggestions", new JsonObject
        {
            ["kind"] = "deputySuggestion",
            ["title"] = "Move the coking plant",
            ["deputy"] = new JsonObject { ["name"] = "Deputy Sun", ["contact"] = "139-0000-0000" },
            ["content"] = "The plant is 300 m from the school.",
            ["receivedAt"] = Bodies.Time(engine.Now.AddDays(-2)),
            ["unit"] = "EPB general office",
        });
        ids["disclosures"] = await Create(officer, "/api/disclosures", new JsonObject
        {
            ["channel"] = "online",
            ["receivedAt"] = Bodies.Time(engine.Now.AddDays(-1)),
            ["applicant"] = new JsonObject { ["organisation"] = "Green River volunteers", ["contact"] = "greenriver@example.org" },
            ["description"] = "The 2025 inspection records of the coking plant.",
            ["unit"] = "EPB disclosure office",
        });
        var scenario = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Scenarios, "changzhi-aniline-2012.yaml"), Ct);
        var drill = await engine.DrillOrganiser.Post("/api/drills?mode=paced&speed=1", scenario, contentType: "application/yaml");
        Assert.True(drill.Status == HttpStatusCode.Created, drill.ToString());
        ids["run"] = drill.Body["run"]!.GetValue<string>();
        return ids;
    }
}
