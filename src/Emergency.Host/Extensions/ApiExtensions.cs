using Emergency.Host.Api;
using Emergency.Host.Auth;
using Emergency.Host.Board;
using Emergency.Host.Drills;
using Emergency.Host.Hosting;
using Emergency.Host.Public;
using Emergency.Host.Reports;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Emergency.Host.Extensions;

public static class ApiExtensions
{
    /// <summary>Bodies bounded, JSON as the domain writes it (HTTP and SignalR alike), and the OpenAPI document.</summary>
    public static WebApplicationBuilder AddEmergencyApi(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = JsonBody.MaxBytes);
        builder.Services.ConfigureHttpJsonOptions(json => Contracts.DomainJson.Configure(json.SerializerOptions));
        builder.Services.AddSignalR().AddJsonProtocol(json => Contracts.DomainJson.Configure(json.PayloadSerializerOptions));
        builder.Services.AddOpenApi(openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Emergency";
            document.Info.Description = "Emergency response coordination engine. A machine client sends 'Authorization: Bearer <token>'; a person signs in at /auth/sign-in and sends the session's antiforgery token (X-CSRF-TOKEN) with every command. Each operation names the roles that may call it.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
            {
                [TokenAuthenticationHandler.SchemeName] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "A machine token from config/tokens.json (stored there as its HMAC-SHA256 under Auth:TokenKey).",
                },
            };
            document.Security =
            [
                new OpenApiSecurityRequirement
                {
                    [new OpenApiSecuritySchemeReference(TokenAuthenticationHandler.SchemeName, document)] = [],
                },
            ];
            return Task.CompletedTask;
        }));
        return builder;
    }

    /// <summary>The API of every kind of case, the board's feed, drills and health, with the OpenAPI document.</summary>
    public static WebApplication MapEmergencyEndpoints(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapEmergencyReference();
        app.MapHealthEndpoints();
        app.MapSignInEndpoints();
        app.MapUserEndpoints();
        app.MapAuditEndpoints();
        app.MapIncidentEndpoints();
        app.MapReleaseEndpoints();
        app.MapPublicEndpoints();
        app.MapReportEndpoints();
        app.MapDecisionEndpoints();
        app.MapEnforcementEndpoints(EnforcementRoles.Read(app.Configuration));
        app.MapDisputeEndpoints();
        app.MapSuggestionEndpoints();
        app.MapDisclosureEndpoints();
        app.MapWarningEndpoints();
        app.MapBoardEndpoints();
        app.MapDrillEndpoints();
        return app;
    }

    /// <summary>
    /// The interactive API reference (Scalar) at <c>/scalar/v1</c>, beside the OpenAPI document it reads: served by the
    /// engine itself, with nothing fetched from elsewhere (no fonts, no telemetry, no agent) and a nonce on its scripts.
    /// </summary>
    private static void MapEmergencyReference(this WebApplication app) =>
        app.MapScalarApiReference(ReferencePath, reference => reference
                .WithTitle("Emergency API")
                .AddPreferredSecuritySchemes([TokenAuthenticationHandler.SchemeName])
                .DisableTelemetry()
                .DisableDefaultFonts()
                .DisableAgent()
                .DisableMcp()
                .WithNonce())
            .AllowAnonymous()
            .AsToolPage(ScalarOptions.NonceHttpContextItemKey);

    /// <summary>Where the API reference is served: <c>/scalar/v1</c> for the document <c>v1</c>.</summary>
    public const string ReferencePath = "/scalar";
}
