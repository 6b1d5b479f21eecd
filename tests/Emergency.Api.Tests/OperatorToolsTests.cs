using System.Net;
using System.Text.RegularExpressions;
using Emergency.Api.Tests.Infrastructure;
using Emergency.Host.Hosting;

namespace Emergency.Api.Tests;

/// <summary>
/// What operators get beside the API: the Prometheus endpoint and the Orleans dashboard for administrators only, the
/// interactive API reference for anyone, each with the browser policy of its own paths.
/// </summary>
[Collection(SharedEngine.Name)]
public sealed partial class OperatorToolsTests(EngineFixture engine)
{
    [Theory]
    [InlineData("/metrics")]
    [InlineData("/dashboard/")]
    [InlineData("/dashboard/DashboardCounters")]
    public async Task Metrics_and_dashboard_are_401_anonymous_403_for_other_roles_and_200_for_an_administrator(string path)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await engine.Anonymous.Get(path)).Status);
        using var stranger = engine.As("no-such-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.Get(path)).Status);
        foreach (var token in new[] { Tokens.Commander, Tokens.Observer, DisputeApiTests.PetitionToken, Tokens.DecisionMaker, Tokens.DrillOrganiser })
        {
            using var other = engine.As(token);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.Get(path)).Status);
        }

        using var admin = engine.As(Tokens.Administrator);
        var reply = await admin.Get(path);
        Assert.True(reply.Status == HttpStatusCode.OK, $"{path} as administrator: {reply}");
    }

    [Fact]
    public async Task An_administrator_watches_the_engine_but_reads_no_case()
    {
        using var admin = engine.As(Tokens.Administrator);

        Assert.Equal(HttpStatusCode.Forbidden, (await admin.Get("/api/incidents")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.Get("/api/disputes")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.Post("/api/incidents", Bodies.Incident(EngineFixture.NewRegion("Admin"), engine.Now))).Status);
    }

    [Fact]
    public async Task The_dashboard_does_not_show_the_state_of_a_grain()
    {
        using var officer = engine.As(DisputeApiTests.PetitionToken);
        var dispute = await officer.Post("/api/disputes", DisputeApiTests.Complaint("Shown nowhere Chemicals", engine.Now, idNumber: "11010519491231002X"));
        Assert.True(dispute.Status == HttpStatusCode.Created, $"register: {dispute}");
        using var admin = engine.As(Tokens.Administrator);

        var state = await admin.Get($"/dashboard/GrainState?grainId={dispute.Body.Str("id")}&grainType=Emergency.Grains.Disputes.DisputeGrain");

        Problem.Assert(state, HttpStatusCode.Forbidden);
        Assert.DoesNotContain("Li Hua", state.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_metrics_name_no_person_no_case_and_no_value_of_a_command()
    {
        using var officer = engine.As(DisputeApiTests.PetitionToken);
        var complaint = DisputeApiTests.Complaint("Metered Smelting", engine.Now, idNumber: "11010519491231002X");
        complaint["complainant"]!["contact"] = "13912345678";
        var dispute = await officer.Post("/api/disputes", complaint);
        Assert.True(dispute.Status == HttpStatusCode.Created, $"register: {dispute}");
        var incident = (await engine.Commander.Register(Bodies.Incident(EngineFixture.NewRegion("Metered"), engine.Now))).Str("id");

        using var admin = engine.As(Tokens.Administrator);
        var scrape = await Scrape.Of(admin);

        Assert.True(scrape.Sum("emergency_commands_total", ("kind", "petition"), ("move", "RegisterDispute")) >= 1, scrape.ToString());
        foreach (var secret in new[] { "Li Hua", "13912345678", "11010519491231002X", "Metered Smelting", "12 River Road", dispute.Body.Str("id"), incident, "Aniline" })
        {
            Assert.DoesNotContain(secret, scrape.Text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task The_API_reference_is_served_beside_the_OpenAPI_document_with_a_nonce_on_its_scripts()
    {
        var page = await engine.Anonymous.Get("/scalar/v1");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("text/html", page.ContentType);
        Assert.Contains("openapi/v1.json", page.Text, StringComparison.Ordinal);
        var policy = page.Header("Content-Security-Policy") ?? "";
        var nonce = Regex.Match(policy, "script-src 'self' 'nonce-([^']+)';").Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.All(ScriptTag().Matches(page.Text), script => Assert.Contains($"nonce=\"{nonce}\"", script.Value, StringComparison.Ordinal));
        Assert.DoesNotContain("https://", page.Text, StringComparison.Ordinal);

        // Its script comes from the engine itself, and the next page gets another nonce.
        Assert.Equal(HttpStatusCode.OK, (await engine.Anonymous.Get("/scalar/scalar.js")).Status);
        Assert.DoesNotContain(nonce, (await engine.Anonymous.Get("/scalar/v1")).Header("Content-Security-Policy"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/scalar/v1", null)]
    [InlineData("/dashboard/", Tokens.Administrator)]
    public async Task Only_the_tools_own_pages_allow_inline_styles_and_none_allows_inline_script(string path, string? token)
    {
        using var client = engine.As(token);
        var policy = (await client.Get(path)).Header("Content-Security-Policy") ?? "";

        Assert.Contains("style-src 'self' 'unsafe-inline'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", Directive(policy, "script-src"), StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);

        // The board, the API, its document and the metrics keep the strict policy.
        foreach (var strict in new[] { "/", "/api/incidents", "/openapi/v1.json", "/metrics" })
        {
            using var admin = engine.As(strict == "/api/incidents" ? Tokens.Commander : Tokens.Administrator);
            Assert.Equal(HttpHardening.BoardPolicy, (await admin.Get(strict)).Header("Content-Security-Policy"));
        }
    }

    private static string Directive(string policy, string name) =>
        policy.Split(';', StringSplitOptions.TrimEntries).Single(d => d.StartsWith(name + " ", StringComparison.Ordinal));

    [GeneratedRegex("<script[^>]*>")]
    private static partial Regex ScriptTag();
}
