using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Emergency.Host.Auth;

/// <summary>
/// The rate limit of the API (<c>Api:RateLimit:*</c>), policy <see cref="Policy"/>: a signed-in caller (a person's
/// session or a machine token) is counted by its name, anyone else by the address the request came from, each in a
/// fixed window; beyond it, 429 with Retry-After and a problem. Counting callers by name, not address, keeps one busy
/// client from throttling its colleagues behind the same proxy; counting the others by address throttles guessed tokens.
/// </summary>
public sealed record ApiRateLimit
{
    /// <summary>The name of the limit, in the partitions and the docs.</summary>
    public const string Policy = "api";

    public static readonly ApiRateLimit Default = new();

    /// <summary><c>Api:RateLimit:PerUser</c>: requests one signed-in user or machine token may make per window (default 1,200: 20 a second).</summary>
    public int PerUser { get; init; } = 1_200;

    /// <summary><c>Api:RateLimit:PerAddress</c>: requests without a valid sign-in one address may make per window (default 120).</summary>
    public int PerAddress { get; init; } = 120;

    /// <summary><c>Api:RateLimit:Window</c>: the window of both (default 1 minute).</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(1);

    public static ApiRateLimit Read(IConfiguration configuration) => Default with
    {
        PerUser = SignInSettings.Count(configuration, "Api:RateLimit:PerUser", Default.PerUser, 1, 100_000_000),
        PerAddress = SignInSettings.Count(configuration, "Api:RateLimit:PerAddress", Default.PerAddress, 1, 100_000_000),
        Window = SignInSettings.Span(configuration, "Api:RateLimit:Window", Default.Window, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1)),
    };

    /// <summary>
    /// The limit as a limiter of every request: the API's paths (<c>/api/…</c>) only, and not an endpoint that names a
    /// limit of its own (a public page, sign-in), which that limit governs alone.
    /// </summary>
    public PartitionedRateLimiter<HttpContext> Limiter() => PartitionedRateLimiter.Create<HttpContext, string>(context =>
    {
        if (!context.Request.Path.StartsWithSegments("/api") || context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>() is not null)
        {
            return RateLimitPartition.GetNoLimiter("");
        }

        return context.User.Identity is { IsAuthenticated: true, Name: { } name }
            ? RateLimitPartition.GetFixedWindowLimiter("user:" + name, _ => Options(PerUser))
            : RateLimitPartition.GetFixedWindowLimiter("address:" + context.Connection.RemoteIpAddress, _ => Options(PerAddress));
    });

    /// <summary>Whether a rejected request was the API's (and not sign-in's or a public page's).</summary>
    public static bool Governs(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api") && context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>() is null;

    private FixedWindowRateLimiterOptions Options(int permits) => new() { PermitLimit = permits, Window = Window, QueueLimit = 0 };
}
