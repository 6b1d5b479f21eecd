using Microsoft.AspNetCore.Authentication;

namespace Emergency.Host.Hosting;

/// <summary>
/// What every answer carries for the browser (no inline script may run, nothing is framed or sniffed, no referrer
/// leaves), <c>no-store</c> on the API and the board's feed (their answers may carry complainants' personal data),
/// and authentication before any other refusal: a caller without a valid token learns nothing from a 405 or 415.
/// </summary>
public static class HttpHardening
{
    /// <summary>The board: its own scripts, styles and SignalR connection only.</summary>
    public const string BoardPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>A drill report page or chart: a self-contained document with its own style block and no script at all.</summary>
    public const string DocumentPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static IApplicationBuilder UseHttpHardening(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var response = context.Response;
        response.OnStarting(() =>
        {
            var headers = response.Headers;
            var document = context.GetEndpoint()?.Metadata.GetMetadata<SelfContainedDocument>() is not null;
            headers.TryAdd("Content-Security-Policy", document ? DocumentPolicy : BoardPolicy);
            headers.TryAdd("X-Content-Type-Options", "nosniff");
            headers.TryAdd("X-Frame-Options", "DENY");
            headers.TryAdd("Referrer-Policy", "no-referrer");
            headers.TryAdd("Cross-Origin-Opener-Policy", "same-origin");
            if (CarriesCaseData(context.Request.Path))
            {
                headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        });
        await next(context);
    });

    /// <summary>After <c>UseAuthentication</c>: an API request without a valid token is challenged before anything else is checked.</summary>
    public static IApplicationBuilder UseAuthenticationFirst(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.Path.StartsWithSegments("/api") && context.User.Identity?.IsAuthenticated != true)
        {
            await context.ChallengeAsync();
            return;
        }

        await next(context);
    });

    /// <summary>Marks an endpoint that answers a page or picture with its own inline style (<see cref="DocumentPolicy"/>).</summary>
    public static TBuilder AsSelfContainedDocument<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new SelfContainedDocument());

    private static bool CarriesCaseData(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs");
}

/// <summary>Endpoint metadata: the answer is a self-contained document (<see cref="HttpHardening.DocumentPolicy"/>).</summary>
public sealed record SelfContainedDocument;
