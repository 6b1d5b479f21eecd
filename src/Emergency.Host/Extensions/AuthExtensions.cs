using System.Globalization;
using System.Threading.RateLimiting;
using Emergency.Host.Auth;
using Emergency.Host.Hosting;
using Emergency.Storage.Audit;
using Emergency.Storage.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;

namespace Emergency.Host.Extensions;

public static class AuthExtensions
{
    /// <summary>
    /// Machine tokens from the tokens file and people's sessions from the user store, the sign-in rate limit, the
    /// antiforgery tokens of sessions, and the policies every endpoint names. Refuses the shipped development
    /// credentials on any address but loopback.
    /// </summary>
    public static IServiceCollection AddEmergencyAuth(this IServiceCollection services, EngineSettings settings, IConfiguration configuration)
    {
        var signIn = SignInSettings.Read(configuration);
        var tokens = MachineTokens.Load(settings.TokensFile, signIn.TokenKey);
        DevelopmentCredentials.EnsureLoopbackOnly(configuration, tokens, signIn);
        DevelopmentCredentials.EnsureLoopbackOnly(configuration, settings.Privacy);

        services.AddSingleton(tokens).AddSingleton(signIn);
        services.AddSingleton(new UserStore(settings.Storage));
        services.AddSingleton(new AuditStore(settings.Storage));
        services.AddSingleton<PasswordHasher<StoredUser>>();

        // Session cookies and antiforgery tokens are protected by Data Protection keys: every node of a cluster must
        // read the same keys (Auth:KeysDirectory), or a session begun on one node is not known on another.
        var dataProtection = services.AddDataProtection().SetApplicationName("emergency");
        if (settings.KeysDirectory is { } keys)
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(keys));
        }

        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.HeaderName = Sessions.AntiforgeryHeader;
            antiforgery.Cookie.Name = "emergency.antiforgery";
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;

            // Every answer already forbids framing (HttpHardening), more strictly than the SAMEORIGIN antiforgery would set.
            antiforgery.SuppressXFrameOptionsHeader = true;
        });

        services.AddAuthentication(Sessions.EitherScheme)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null)
            .AddSessions(signIn);
        services.AddAuthorizationBuilder().AddEmergencyPolicies(EnforcementRoles.Read(configuration));
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(SignInEndpoints.RatePolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = signIn.SignInPermits, Window = signIn.SignInWindow, QueueLimit = 0 }));
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = TooManyAsync;
        });
        return services;
    }

    /// <summary>
    /// Sign-in's rate limit, then who is calling, then (for the API) a challenge before any other refusal, a session's
    /// antiforgery token, the audit trail (around authorization, so its refusals are recorded too), and what they may do.
    /// </summary>
    public static IApplicationBuilder UseEmergencyAuth(this IApplicationBuilder app) => app
        .UseRateLimiter()
        .UseAuthentication()
        .UseAuthenticationFirst()
        .UseSessionAntiforgery()
        .UseAuditTrail()
        .UseAuthorization();

    /// <summary>A refused sign-in attempt: 429, when to try again (RFC 6585 4), and why, as problem details.</summary>
    private static async ValueTask TooManyAsync(OnRejectedContext rejected, CancellationToken ct)
    {
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? (int)Math.Ceiling(retryAfter.TotalSeconds) : 1;
        var response = rejected.HttpContext.Response;
        response.Headers.RetryAfter = Math.Max(1, seconds).ToString(CultureInfo.InvariantCulture);
        await Results.Problem(
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Too many sign-in attempts",
                detail: $"this address made too many sign-in attempts in a short time; try again in {Math.Max(1, seconds)} s (Auth:SignInRate)",
                type: "urn:emergency:problem:too-many-requests")
            .ExecuteAsync(rejected.HttpContext);
    }
}
