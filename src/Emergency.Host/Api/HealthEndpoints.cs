using Emergency.Host.Hosting;
using Emergency.Storage;

namespace Emergency.Host.Api;

public static class HealthEndpoints
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    /// <summary><c>/healthz</c>: 200 when the engine has started (deadlines re-armed) and its storage answers, else 503.</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", async (IHostApplicationLifetime lifetime, EngineSettings settings, CancellationToken cancellationToken) =>
            {
                var started = lifetime.ApplicationStarted.IsCancellationRequested;
                bool storage;
                using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    timeout.CancelAfter(ProbeTimeout);
                    try
                    {
                        storage = await StorageProbe.IsReadyAsync(settings.Storage, timeout.Token);
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        storage = false;
                    }
                }

                var ready = started && storage;
                var body = new
                {
                    status = ready ? "ready" : "not ready",
                    engine = started ? "running" : "starting",
                    storage = storage ? "ready" : "unreachable or schema not current",
                    provider = settings.Storage.Provider.ToString(),
                };
                return ready ? Results.Ok(body) : Results.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
            })
            .AllowAnonymous()
            .WithTags("Health")
            .WithSummary("Whether the engine and its storage are ready (no token needed)");
        return app;
    }
}
