using System.Globalization;
using System.Threading.RateLimiting;
using Emergency.Domain.Messages;
using Emergency.Host.Api;
using Emergency.Host.Auth;
using Emergency.Host.Hosting;
using Emergency.Storage.Audit;
using Emergency.Storage.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;

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
        services.TryAddSingleton(new AuditStore(settings.Storage));
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
        services.AddApiRateLimit(configuration);
        services.AddOpenApiRoles();
        return services;
    }

    /// <summary>
    /// Who is calling, then the rate limits (the API's counts a signed-in caller by name), then (for the API) a challenge
    /// before any other refusal, a session's antiforgery token, the audit trail (around authorization, so its refusals
    /// are recorded too), and what they may do.
    /// </summary>
    public static IApplicationBuilder UseEmergencyAuth(this IApplicationBuilder app) => app
        .UseAuthentication()
        .UseRateLimiter()
        .UseAuthenticationFirst()
        .UseSessionAntiforgery()
        .UseAuditTrail()
        .UseAuthorization();

    /// <summary>
    /// The limit of the API (<see cref="ApiRateLimit"/>), composed with any other limit of every request: each applies.
    /// </summary>
    private static IServiceCollection AddApiRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var api = ApiRateLimit.Read(configuration);
        services.AddSingleton(api);
        services.Configure<RateLimiterOptions>(limiter => limiter.GlobalLimiter = limiter.GlobalLimiter is null
            ? api.Limiter()
            : PartitionedRateLimiter.CreateChained(limiter.GlobalLimiter, api.Limiter()));
        return services;
    }

    /// <summary>A refused request: 429, when to try again (RFC 6585 4), and which limit refused it, as problem details.</summary>
    private static async ValueTask TooManyAsync(OnRejectedContext rejected, CancellationToken ct)
    {
        var context = rejected.HttpContext;
        var seconds = Math.Max(1, rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? (int)Math.Ceiling(retryAfter.TotalSeconds) : 1);
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var api = context.RequestServices.GetRequiredService<ApiRateLimit>();
        Message detail = context.Request.Path.Equals(SignInEndpoints.SignInPath, StringComparison.OrdinalIgnoreCase)
            ? SecurityTexts.TooManySignIns.With(("seconds", seconds))
            : !ApiRateLimit.Governs(context) ? SecurityTexts.TooManyFromAddress.With(("seconds", seconds))
            : context.User.Identity is { IsAuthenticated: true, Name: { } name } ? SecurityTexts.TooManyForUser.With(("user", name), ("permits", api.PerUser), ("window", api.Window), ("seconds", seconds))
            : SecurityTexts.TooManyWithoutSignIn.With(("permits", api.PerAddress), ("window", api.Window), ("seconds", seconds));
        await Problems.Of(StatusCodes.Status429TooManyRequests, SecurityTexts.TooManyTitle, detail, "urn:emergency:problem:too-many-requests",
                new Dictionary<string, object?> { ["retryAfterSeconds"] = seconds })
            .ExecuteAsync(context);
    }
}
