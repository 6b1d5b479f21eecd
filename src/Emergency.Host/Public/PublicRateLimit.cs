using System.Globalization;
using System.Threading.RateLimiting;
using Emergency.Host.Api;
using Microsoft.AspNetCore.RateLimiting;

namespace Emergency.Host.Public;

/// <summary>
/// The public API's rate limit: a fixed window per client address, since nobody signs in. A refused request gets 429,
/// when to try again (RFC 6585 §4, Retry-After) and why, as problem details in the reader's language.
/// </summary>
public sealed class PublicRateLimit(PublicSettings settings) : IRateLimiterPolicy<string>
{
    /// <summary>The rate limiter policy of the public API.</summary>
    public const string Name = "public";

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => RejectAsync;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) => RateLimitPartition.GetFixedWindowLimiter(
        httpContext.Connection.RemoteIpAddress?.ToString() ?? "",
        _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.Permits, Window = settings.Window, QueueLimit = 0 });

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken ct)
    {
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 1;
        rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await Problems.Of(StatusCodes.Status429TooManyRequests, PublicTexts.TooManyTitle, PublicTexts.TooMany.With(("seconds", seconds)), "urn:emergency:problem:too-many-requests")
            .ExecuteAsync(rejected.HttpContext);
    }
}
