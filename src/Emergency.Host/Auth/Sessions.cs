using System.Security.Claims;
using Emergency.Domain;
using Emergency.Storage.Users;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Emergency.Host.Auth;

/// <summary>
/// The session of a person signed in with a name and a password: a cookie (HttpOnly, SameSite=Strict, Secure when
/// the request came over HTTPS), checked against the user store on every request, so a disabled user's session
/// stops on its next request; and an antiforgery token that every state-changing request of a session must carry.
/// </summary>
public static class Sessions
{
    /// <summary>The cookie scheme, and the authentication type of a session's identity.</summary>
    public const string Scheme = "Session";

    /// <summary>The scheme every endpoint names: a bearer token when one is sent, else the session cookie.</summary>
    public const string EitherScheme = "BearerOrSession";

    public const string CookieName = "emergency.session";

    /// <summary>Where a session's state-changing request carries its antiforgery token.</summary>
    public const string AntiforgeryHeader = "X-CSRF-TOKEN";

    /// <summary>The claim that holds the user's stamp when the session began (see <see cref="StoredUser.Stamp"/>).</summary>
    public const string StampClaim = "urn:emergency:stamp";

    public static AuthenticationBuilder AddSessions(this AuthenticationBuilder authentication, SignInSettings settings) => authentication
        .AddCookie(Scheme, cookie =>
        {
            cookie.Cookie.Name = CookieName;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = settings.SessionIdleTimeout;
            cookie.SlidingExpiration = true;

            // An API answers with a status, never with a redirect to a login page.
            cookie.Events.OnRedirectToLogin = context => Status(context, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => Status(context, StatusCodes.Status403Forbidden);
            cookie.Events.OnValidatePrincipal = ValidateAsync;
        })
        .AddPolicyScheme(EitherScheme, "A bearer token, or a person's session", policy =>
        {
            policy.ForwardDefaultSelector = context => SendsToken(context) ? TokenAuthenticationHandler.SchemeName : Scheme;

            // A 401 says how a client authenticates (with a bearer token); a person's board reads the status.
            policy.ForwardChallenge = TokenAuthenticationHandler.SchemeName;
            policy.ForwardForbid = TokenAuthenticationHandler.SchemeName;
        });

    /// <summary>The identity of a signed-in user, with the stamp the session is valid for.</summary>
    public static ClaimsPrincipal Principal(StoredUser user, Role role) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, user.Name), new Claim(ClaimTypes.Role, role.ToString()), new Claim(StampClaim, user.Stamp.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            .. JurisdictionClaims.ClaimsOf(user.Jurisdiction)],
        Scheme));

    /// <summary>Whether the request is authenticated by a session cookie (not by a bearer token).</summary>
    public static bool IsSession(this ClaimsPrincipal user) => user.Identity is { IsAuthenticated: true, AuthenticationType: Scheme };

    /// <summary>
    /// After authentication: a state-changing request of a session must carry the antiforgery token its sign-in gave
    /// (header <see cref="AntiforgeryHeader"/>), or it is refused before anything else is checked. Bearer clients
    /// send no cookie a third-party page could ride on, so they need none.
    /// </summary>
    public static IApplicationBuilder UseSessionAntiforgery(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var method = context.Request.Method;
        var safe = HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);
        if (!safe && context.User.IsSession() && !context.Request.Path.Equals(SignInEndpoints.SignInPath, StringComparison.OrdinalIgnoreCase)
            && !await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context))
        {
            await Results.Problem(
                    statusCode: StatusCodes.Status400BadRequest,
                    title: "The request lacks its antiforgery token",
                    detail: $"a request signed in by the session cookie that changes something must carry the session's antiforgery token in the {AntiforgeryHeader} header (from the sign-in answer or GET {SignInEndpoints.SessionPath})",
                    type: "urn:emergency:problem:antiforgery")
                .ExecuteAsync(context);
            return;
        }

        await next(context);
    });

    private static bool SendsToken(HttpContext context) =>
        context.Request.Headers.Authorization.Count > 0
        || (context.Request.Path.StartsWithSegments(TokenAuthenticationHandler.HubPathPrefix) && context.Request.Query.ContainsKey("access_token"));

    /// <summary>The user must still exist, be enabled and have the stamp and role the session began with.</summary>
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var name = principal?.Identity?.Name;
        var stored = name is null ? null : await context.HttpContext.RequestServices.GetRequiredService<UserStore>().FindAsync(name, context.HttpContext.RequestAborted);
        if (principal is null || stored is null || stored.Disabled
            || principal.FindFirstValue(StampClaim) != stored.Stamp.ToString(System.Globalization.CultureInfo.InvariantCulture)
            || principal.FindFirstValue(ClaimTypes.Role) != stored.Role
            || principal.Jurisdiction() != stored.Jurisdiction)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
        }
    }

    private static Task Status(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
