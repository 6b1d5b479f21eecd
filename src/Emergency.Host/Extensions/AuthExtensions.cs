using Emergency.Host.Auth;
using Emergency.Host.Hosting;
using Microsoft.AspNetCore.Authentication;

namespace Emergency.Host.Extensions;

public static class AuthExtensions
{
    /// <summary>Bearer tokens from the tokens file, and the policies every endpoint names.</summary>
    public static IServiceCollection AddEmergencyAuth(this IServiceCollection services, EngineSettings settings, IConfiguration configuration)
    {
        services.AddSingleton(TokenStore.Load(settings.TokensFile));
        services.AddAuthentication(TokenAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddEmergencyPolicies(EnforcementRoles.Read(configuration));
        return services;
    }

    /// <summary>Who is calling, then (for the API) a challenge before any other refusal, then what they may do.</summary>
    public static IApplicationBuilder UseEmergencyAuth(this IApplicationBuilder app) => app
        .UseAuthentication()
        .UseAuthenticationFirst()
        .UseAuthorization();
}
