using System.Security.Claims;
using Emergency.Contracts;
using Emergency.Domain.Regions;
using Emergency.Host.Api;

namespace Emergency.Host.Auth;

/// <summary>
/// The jurisdiction (辖区) a person or a machine acts within, carried as a claim from the user store or the tokens file:
/// a region code of the catalog; none for the whole deployment (docs/jurisdictions.md).
/// </summary>
public static class JurisdictionClaims
{
    public const string ClaimType = "urn:emergency:jurisdiction";

    /// <summary>The region code the user acts within, or null for the whole deployment.</summary>
    public static string? Jurisdiction(this ClaimsPrincipal user) => user.FindFirstValue(ClaimType) is { Length: > 0 } code ? code : null;

    /// <summary>The claim for a jurisdiction, none for the whole deployment.</summary>
    public static IEnumerable<Claim> ClaimsOf(string? jurisdiction) => jurisdiction is null ? [] : [new Claim(ClaimType, jurisdiction)];

    /// <summary>The command's context with the sender's jurisdiction, which the case judges before the move.</summary>
    public static CommandContext WithJurisdictionOf(this CommandContext context, ClaimsPrincipal user) => context with { Jurisdiction = user.Jurisdiction() };

    /// <summary>
    /// Refuses every request about one incident (<c>{id}</c> in the route: its view and every move on it) outside the
    /// user's jurisdiction with 403, before its body is read: the move's own checks never tell such a user anything about
    /// the incident. The grain judges the same again for what only the body names (a new incident's region, a hop).
    /// </summary>
    public static RouteGroupBuilder RequireIncidentJurisdiction(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (http.User.Jurisdiction() is { } jurisdiction && http.Request.RouteValues.TryGetValue("id", out var value) && value is string id
                && IncidentEndpoints.Kind.IsId(id)
                && await http.RequestServices.GetRequiredService<IGrainFactory>().GetGrain<IIncidentGrain>(id).GetRegion() is { } region)
            {
                // The region alone: the whole view would cost every move of a bound user as much as the case's history.
                var regions = http.RequestServices.GetRequiredService<RegionCatalog>();
                if (!regions.WithinJurisdiction(jurisdiction, region))
                {
                    return Problems.Forbidden(JurisdictionTexts.IncidentOutside.With(("region", region), ("jurisdiction", regions.Describe(jurisdiction))));
                }
            }

            return await next(context);
        });
        return group;
    }
}
