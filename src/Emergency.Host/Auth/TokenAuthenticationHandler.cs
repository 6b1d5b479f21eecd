using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Emergency.Host.Auth;

/// <summary>Authenticates <c>Authorization: Bearer &lt;token&gt;</c> against the <see cref="MachineTokens"/>.</summary>
public sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    MachineTokens tokens) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    /// <summary>Paths where the token may come as <c>?access_token=</c>: browsers cannot set headers on a WebSocket.</summary>
    public const string HubPathPrefix = "/hubs";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0 && Request.Path.StartsWithSegments(HubPathPrefix) && Request.Query["access_token"].ToString() is { Length: > 0 } queryToken)
        {
            header = "Bearer " + queryToken;
        }

        if (header.Length == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.Fail("the Authorization header must be 'Bearer <token>'"));
        }

        var actor = tokens.Find(header["Bearer ".Length..].Trim());
        if (actor is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("the token is not known"));
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, actor.Id), new Claim(ClaimTypes.Role, actor.Role.ToString()), .. JurisdictionClaims.ClaimsOf(tokens.JurisdictionOf(actor.Id))],
            SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    /// <summary>A 401 says how to authenticate (RFC 9110 15.5.2, RFC 6750 3): with a bearer token.</summary>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = Request.Headers.Authorization.Count > 0
            ? "Bearer realm=\"emergency\", error=\"invalid_token\", error_description=\"the token is missing, malformed or not known\""
            : "Bearer realm=\"emergency\"";
        return Task.CompletedTask;
    }
}
