using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Emergency.Api.Tests.Infrastructure;
using Emergency.Testing;
using Emergency.Testing.Engine;

namespace Emergency.Api.Tests;

/// <summary>
/// The public information API without a token: the live releases, incidents by level and area, the enforcement measures
/// in force, the decisions open for comment, the public CAP feed. With a drill and personal data in the engine, neither
/// ever appears, read on the raw answers.
/// </summary>
[Collection(SharedEngine.Name)]
public sealed class PublicApiTests(EngineFixture engine)
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    /// <summary>Names and numbers of people that the engine holds and the public must never read.</summary>
    private static readonly string[] Personal =
    [
        "Wang Min, deputy director", "0355-2021234", "王副局长", "duty.zhang", "DutyCommander", "Li Hua", "12 River Road", "11010519491231002X",
        "stability assessment group",
    ];

    [Fact]
    public async Task Anyone_reads_the_live_public_information_and_never_a_drill_or_personal_data()
    {
        var (live, headline, enterprise) = await LiveCaseWithPersonalData();
        var run = await DrillWithRelease(engine);

        var answers = new Dictionary<string, Reply>();
        foreach (var path in new[] { "/api/public/releases", "/api/public/incidents", "/api/public/enforcement", "/api/public/consultations", "/api/public/cap/feed.atom" })
        {
            answers[path] = await engine.Anonymous.Get(path);
            Assert.True(answers[path].Status == HttpStatusCode.OK, $"{path}: {answers[path]}");
        }

        // What is public is there.
        var release = Assert.Single(answers["/api/public/releases"].Body.AsArray(), r => r.Str("headline") == headline)!;
        Assert.Equal(("alert", "public", "II", $"/api/public/cap/{live}/1"), (release.Str("kind"), release.Str("audience"), release.Str("level"), release.Str("cap")));
        Assert.Contains(answers["/api/public/incidents"].Body.AsArray(), c => c!.Str("level") == "II" && c.Str("region") == "长治市" && c!["open"]!.GetValue<int>() >= 1);
        var enforcement = answers["/api/public/enforcement"].Body;
        Assert.Contains(enforcement["blacklist"]!.AsArray(), b => b!.Str("enterprise") == enterprise);
        Assert.Contains(enforcement["supervisions"]!.AsArray(), s => s!.Str("target") == enterprise && s.Str("status") == "open");
        Assert.Contains(enforcement["restrictions"]!.AsArray(), r => r!.Str("reason") == $"{enterprise}: air quality targets missed");
        Assert.Contains(answers["/api/public/consultations"].Body.AsArray(), c => c!.Str("title") == $"Incinerator {enterprise}" && c.Str("channel") == "公示网站 https://sthjj.example.gov.cn/zqyj，邮箱 zqyj@example.gov.cn");
        var entries = XDocument.Parse(answers["/api/public/cap/feed.atom"].Text).Root!.Elements(Atom + "entry").ToList();
        Assert.Contains(entries, e => e.Element(Atom + "link")!.Attribute("href")!.Value.EndsWith($"/api/public/cap/{live}/1", StringComparison.Ordinal));

        // The drill's incident exists, with its release published, and nothing of it is public.
        var drillIncident = await Eventually.Until(
            async () => (await engine.Commander.List($"?scope=drill-{run}")).Ids() is [var first, ..] ? first : null,
            id => id is not null,
            "the drill's incident");
        await Eventually.Until(async () => await engine.Commander.Incident(drillIncident!), v => v["releases"]!.AsArray().Any(r => r.Str("status") == "published"), "the drill's release published");
        var text = string.Join("\n", answers.Values.Select(a => a.Text)) + "\n" + string.Join("\n", await Task.WhenAll(
            new[] { "/api/public/releases", "/api/public/incidents", "/api/public/cap/feed.atom" }.Select(async p => (await engine.Anonymous.Get(p)).Text)));
        Assert.DoesNotContain("DRILLMARK", text, StringComparison.Ordinal);
        Assert.DoesNotContain(drillIncident!, text, StringComparison.Ordinal);
        Assert.DoesNotContain(run, text, StringComparison.Ordinal);
        foreach (var personal in Personal)
        {
            Assert.DoesNotContain(personal, text, StringComparison.Ordinal);
        }

        // The live incident's own title and description are internal words: only its level and area are public.
        Assert.DoesNotContain("Aniline spill into the Zhuozhang river", text, StringComparison.Ordinal);
        Assert.DoesNotContain("A hose burst at a chemical plant", text, StringComparison.Ordinal);

        // A drill's alert is not found on the public side; a live one is a valid CAP alert.
        Problem.Assert(await engine.Anonymous.Get($"/api/public/cap/{drillIncident}/1"), HttpStatusCode.NotFound);
        var alert = await engine.Anonymous.Get($"/api/public/cap/{live}/1");
        Assert.Equal("Actual", CapSchema.AssertValid(alert.Text).Root!.Element(XName.Get("status", CapSchema.Namespace))!.Value);
        Problem.Assert(await engine.Anonymous.Get($"/api/public/cap/{live}/2"), HttpStatusCode.NotFound);
    }

    /// <summary>Starts <see cref="PublicDrill.Scenario"/> fast; returns its run.</summary>
    public static async Task<string> DrillWithRelease(EngineFixture engine)
    {
        var drill = await engine.DrillOrganiser.Post("/api/drills?mode=fast", PublicDrill.Scenario, contentType: "application/yaml");
        Assert.True(drill.Status == HttpStatusCode.Created, drill.ToString());
        return drill.Body.Str("run");
    }

    /// <summary>
    /// A live level II incident in 长治市 with a signed report, a published release and officers' names; a complaint with
    /// the complainant's name, address and id number; an enterprise blacklisted and supervised; a restriction; a decision
    /// open for comment. Returns the incident, its release's headline, and the enterprise.
    /// </summary>
    private async Task<(string Incident, string Headline, string Enterprise)> LiveCaseWithPersonalData()
    {
        var id = (await engine.Commander.Register(Bodies.Incident("长治市", engine.Now.AddMinutes(-30), Bodies.CrossProvince()))).Str("id");
        await engine.Commander.Command($"/api/incidents/{id}/reports", Bodies.Report("initial"));
        var headline = $"浊漳河苯胺泄漏情况通报 {Guid.NewGuid():N}"[..40];
        await engine.Commander.Command($"/api/incidents/{id}/draftRelease", Bodies.Release(headline: headline));
        await engine.Commander.Command($"/api/incidents/{id}/approveRelease", new JsonObject { ["release"] = 1, ["approvedBy"] = "王副局长" });
        await engine.Commander.Command($"/api/incidents/{id}/publishRelease", new JsonObject { ["release"] = 1 });

        using var officer = engine.As(DisputeApiTests.PetitionToken);
        var enterprise = EngineFixture.NewRegion("Public Works");
        Assert.Equal(HttpStatusCode.Created, (await officer.Post("/api/disputes", DisputeApiTests.Complaint(enterprise, engine.Now.AddHours(-1), idNumber: "11010519491231002X"))).Status);

        var maker = engine.DecisionMaker;
        Assert.Equal(HttpStatusCode.Created, (await maker.Post("/api/enforcement/blacklist", new JsonObject { ["enterprise"] = enterprise, ["reason"] = "Forged monitoring data." })).Status);
        Assert.Equal(HttpStatusCode.Created, (await maker.Post("/api/enforcement/supervisions", new JsonObject
        {
            ["targetKind"] = "enterprise", ["target"] = enterprise, ["matter"] = "discharge above the standard", ["issuedBy"] = "山西省生态环境厅",
            ["rectificationDeadline"] = Bodies.Time(engine.Now.AddDays(30)),
        })).Status);
        Assert.Equal(HttpStatusCode.Created, (await maker.Post("/api/enforcement/restrictions", new JsonObject { ["region"] = EngineFixture.NewRegion("Restricted"), ["reason"] = $"{enterprise}: air quality targets missed" })).Status);

        using var assessor = engine.As("assessor-dev-token");
        var drafted = await maker.Post("/api/decisions", new JsonObject
        {
            ["title"] = $"Incinerator {enterprise}", ["region"] = EngineFixture.NewRegion("Dongshan"), ["kind"] = "policy",
            ["proposal"] = "A 1,500 t/day waste-to-energy plant 800 m from the Dongshan villages.",
        });
        Assert.True(drafted.Status == HttpStatusCode.Created, drafted.ToString());
        var decision = drafted.Body.Str("id");
        Assert.Equal(HttpStatusCode.OK, (await maker.Post($"/api/decisions/{decision}/submit", null)).Status);
        Assert.Equal(HttpStatusCode.OK, (await assessor.Post($"/api/decisions/{decision}/planAssessment", new JsonObject
        {
            ["assessedBy"] = "stability assessment group", ["plan"] = "Hear the villages.", ["methods"] = new JsonArray("publicComment", "visit"),
        })).Status);
        var opened = await assessor.Post($"/api/decisions/{decision}/openPublicComment", new JsonObject { ["channel"] = "公示网站 https://sthjj.example.gov.cn/zqyj，邮箱 zqyj@example.gov.cn" });
        Assert.True(opened.Status == HttpStatusCode.OK, opened.ToString());
        return (id, headline, enterprise);
    }
}

/// <summary>The public API's rate limit, on an engine that allows three requests a minute from one address.</summary>
public sealed class PublicRateLimitTests
{
    [Fact]
    public async Task Public_requests_beyond_the_limit_get_429_with_retry_after_and_a_problem_and_the_rest_of_the_api_still_answers()
    {
        using var directory = new TempDirectory("public-rate");
        await using var engine = await EngineInstance.StartAsync(directory.File("emergency.db"), EngineFixture.Start, TestContext.Current.CancellationToken,
            "--Public:Rate:Permits=3", "--Public:Rate:Window=00:01:00");
        using var anyone = new ApiClient(engine.Client(null));
        foreach (var path in new[] { "/api/public/releases", "/api/public/incidents", "/api/public/enforcement" })
        {
            Assert.Equal(HttpStatusCode.OK, (await anyone.Get(path)).Status);
        }

        var refused = await anyone.Get("/api/public/consultations");
        var problem = Problem.Assert(refused, HttpStatusCode.TooManyRequests);
        Assert.Equal(("urn:emergency:problem:too-many-requests", "Too many requests"), (problem.Str("type"), problem.Str("title")));
        Assert.True(int.TryParse(refused.Header("Retry-After"), out var seconds) && seconds is >= 1 and <= 60, refused.ToString());
        Assert.Equal(HttpStatusCode.TooManyRequests, (await anyone.Get("/api/public/cap/feed.atom")).Status);

        // Chinese unless the reader asks for English.
        anyone.Http.DefaultRequestHeaders.AcceptLanguage.Clear();
        Assert.Equal("请求过于频繁", Problem.Assert(await anyone.Get("/api/public/releases"), HttpStatusCode.TooManyRequests).Str("title"));

        // The limit is the public API's: a token's requests still answer.
        using var commander = new ApiClient(engine.Client(Tokens.Commander));
        Assert.Equal(HttpStatusCode.OK, (await commander.Get("/api/me")).Status);
    }
}
