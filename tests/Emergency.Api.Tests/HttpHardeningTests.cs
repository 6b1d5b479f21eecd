using System.Net;
using System.Text;
using Emergency.Api.Tests.Infrastructure;

namespace Emergency.Api.Tests;

/// <summary>Headers for the browser on every answer, no-store where personal data can appear, and authentication before any other refusal.</summary>
[Collection(SharedEngine.Name)]
public sealed class HttpHardeningTests(EngineFixture engine)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/js/board.js")]
    [InlineData("/healthz")]
    [InlineData("/api/incidents")]
    public async Task Every_answer_forbids_inline_script_framing_sniffing_and_referrers(string path)
    {
        using var commander = engine.As(Tokens.Commander);
        var reply = await commander.Get(path);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var policy = reply.Header("Content-Security-Policy") ?? "";
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", reply.Header("X-Content-Type-Options"));
        Assert.Equal("DENY", reply.Header("X-Frame-Options"));
        Assert.Equal("no-referrer", reply.Header("Referrer-Policy"));
    }

    [Fact]
    public async Task Answers_of_the_api_are_never_stored_by_a_browser_or_proxy()
    {
        using var officer = engine.As("petition-dev-token");
        var list = await officer.Get("/api/disputes");

        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Equal("no-store", list.Header("Cache-Control"));
    }

    [Fact]
    public async Task Without_a_valid_token_the_answer_is_401_before_any_check_of_method_or_body()
    {
        using var stranger = engine.As("no-such-token");

        var wrongType = new HttpRequestMessage(HttpMethod.Post, "/api/incidents") { Content = new StringContent("<x/>", Encoding.UTF8, "application/xml") };
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.Send(wrongType)).Status);

        var wrongMethod = new HttpRequestMessage(HttpMethod.Delete, "/api/incidents");
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.Send(wrongMethod)).Status);

        var anonymousWrongMethod = new HttpRequestMessage(HttpMethod.Put, "/api/incidents");
        Assert.Equal(HttpStatusCode.Unauthorized, (await engine.Anonymous.Send(anonymousWrongMethod)).Status);

        // With a valid token the same requests get the refusal that is theirs.
        using var commander = engine.As(Tokens.Commander);
        var typed = new HttpRequestMessage(HttpMethod.Post, "/api/incidents") { Content = new StringContent("<x/>", Encoding.UTF8, "application/xml") };
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await commander.Send(typed)).Status);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await commander.Send(new HttpRequestMessage(HttpMethod.Delete, "/api/incidents"))).Status);
    }
}
