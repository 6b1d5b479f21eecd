using Emergency.Host.Public;
using Microsoft.AspNetCore.RateLimiting;

namespace Emergency.Host.Extensions;

public static class PublicExtensions
{
    /// <summary>The public API's settings and its own rate limiter policy, beside the others (the options compose).</summary>
    public static IServiceCollection AddEmergencyPublic(this IServiceCollection services, IConfiguration configuration) => services
        .AddSingleton(PublicSettings.Read(configuration))
        .Configure<RateLimiterOptions>(limiter => limiter.AddPolicy<string, PublicRateLimit>(PublicRateLimit.Name));
}
