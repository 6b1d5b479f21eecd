using System.Net;
using Emergency.Api.Tests.Infrastructure;
using Emergency.Testing;
using Emergency.Testing.Engine;

namespace Emergency.Api.Tests;

/// <summary>The API's rate limit, on an engine that allows five requests a minute per user and three per address without a sign-in.</summary>
public sealed class ApiRateLimitTests
{
    [Fact]
    public async Task Requests_beyond_the_limit_get_429_with_retry_after_and_a_problem_per_user_and_per_address()
    {
        using var directory = new TempDirectory("api-rate");
        await using var engine = await EngineInstance.StartAsync(directory.File("emergency.db"), EngineFixture.Start, TestContext.Current.CancellationToken,
            "--Api:RateLimit:PerUser=5", "--Api:RateLimit:PerAddress=3", "--Api:RateLimit:Window=00:01:00");
        using var commander = new ApiClient(engine.Client(Tokens.Commander));
        for (var request = 0; request < 5; request++)
        {
            Assert.Equal(HttpStatusCode.OK, (await commander.Get("/api/me")).Status);
        }

        var refused = await commander.Get("/api/incidents");
        var problem = Problem.Assert(refused, HttpStatusCode.TooManyRequests);
        Assert.Equal("urn:emergency:problem:too-many-requests", problem.Str("type"));
        Assert.Contains("duty.zhang", problem.Str("detail"), StringComparison.Ordinal);
        Assert.Contains("Api:RateLimit:PerUser", problem.Str("detail"), StringComparison.Ordinal);
        Assert.True(int.TryParse(refused.Header("Retry-After"), out var seconds) && seconds is >= 1 and <= 60, refused.ToString());

        // Another user from the same address is counted apart.
        using var observer = new ApiClient(engine.Client(Tokens.Observer));
        Assert.Equal(HttpStatusCode.OK, (await observer.Get("/api/me")).Status);

        // Without a valid sign-in, the address is counted: guessed tokens are throttled too.
        using var anonymous = new ApiClient(engine.Client(null));
        using var guess = new ApiClient(engine.Client("a-guessed-token"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.Get("/api/incidents")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await guess.Get("/api/incidents")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.Get("/api/me")).Status);
        var throttled = await guess.Get("/api/me");
        Assert.Contains("Api:RateLimit:PerAddress", Problem.Assert(throttled, HttpStatusCode.TooManyRequests).Str("detail"), StringComparison.Ordinal);
        Assert.NotNull(throttled.Header("Retry-After"));

        // What is not the API keeps answering: health, the OpenAPI document.
        Assert.Equal(HttpStatusCode.OK, (await anonymous.Get("/healthz")).Status);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.Get("/openapi/v1.json")).Status);
    }
}
