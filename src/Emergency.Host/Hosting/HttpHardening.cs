using Microsoft.AspNetCore.Authentication;

namespace Emergency.Host.Hosting;

/// <summary>
/// What every answer carries for the browser (no inline script may run, nothing is framed or sniffed, no referrer
/// leaves), <c>no-store</c> on the API and the board's feed (their answers may carry complainants' personal data),
/// the same on sign-in (its answers carry a session's antiforgery token), and authentication before any other refusal: a caller without a valid token learns nothing from a 405 or 415.
/// </summary>
public static class HttpHardening
{
    /// <summary>The board: its own scripts, styles and SignalR connection only.</summary>
    public const string BoardPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>A drill report page or chart: a self-contained document with its own style block and no script at all.</summary>
    public const string DocumentPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>
    /// A page of an operator's tool (the API reference, the Orleans dashboard): its own scripts, plus the inline one
    /// that carries the request's nonce, and the styles it sets inline. Only on the paths of those tools.
    /// </summary>
    public static string ToolPolicy(string? nonce) =>
        $"default-src 'self'; script-src 'self'{(nonce is null ? "" : $" 'nonce-{nonce}'")}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseHttpHardening(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var response = context.Response;
        response.OnStarting(() =>
        {
            var headers = response.Headers;
            var metadata = context.GetEndpoint()?.Metadata;
            var policy = metadata?.GetMetadata<ToolPage>() is { } tool
                ? ToolPolicy(tool.NonceItem is { } key ? context.Items[key] as string : null)
                : metadata?.GetMetadata<SelfContainedDocument>() is not null ? DocumentPolicy : BoardPolicy;
            headers.TryAdd("Content-Security-Policy", policy);
            headers.TryAdd("X-Content-Type-Options", "nosniff");
            headers.TryAdd("X-Frame-Options", "DENY");
            headers.TryAdd("Referrer-Policy", "no-referrer");
            headers.TryAdd("Cross-Origin-Opener-Policy", "same-origin");
            if (NotToBeStored(context.Request.Path))
            {
                headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        });
        await next(context);
    });

    /// <summary>
    /// After <c>UseAuthentication</c>: an API request without a valid token is challenged before anything else is
    /// checked, except on the endpoints open to anyone (the public information, <c>AllowAnonymous</c>).
    /// </summary>
    public static IApplicationBuilder UseAuthenticationFirst(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.Path.StartsWithSegments("/api") && context.User.Identity?.IsAuthenticated != true
            && context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is null)
        {
            await context.ChallengeAsync();
            return;
        }

        await next(context);
    });

    /// <summary>Marks an endpoint that answers a page or picture with its own inline style (<see cref="DocumentPolicy"/>).</summary>
    public static TBuilder AsSelfContainedDocument<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new SelfContainedDocument());

    /// <summary>Marks the endpoints of an operator's tool (<see cref="ToolPolicy"/>); <paramref name="nonceItem"/> names the <c>HttpContext.Items</c> entry holding its script nonce.</summary>
    public static TBuilder AsToolPage<TBuilder>(this TBuilder builder, string? nonceItem = null)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new ToolPage(nonceItem));

    private static bool NotToBeStored(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs") || path.StartsWithSegments("/auth");
}

/// <summary>Endpoint metadata: the answer is a self-contained document (<see cref="HttpHardening.DocumentPolicy"/>).</summary>
public sealed record SelfContainedDocument;

/// <summary>Endpoint metadata: a page of an operator's tool (<see cref="HttpHardening.ToolPolicy"/>).</summary>
/// <param name="NonceItem">The <c>HttpContext.Items</c> key of the nonce its inline script carries, if any.</param>
public sealed record ToolPage(string? NonceItem);
