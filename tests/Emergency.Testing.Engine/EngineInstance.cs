using Emergency.Host.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Emergency.Testing.Engine;

/// <summary>
/// One real engine: <see cref="EngineHost.Build"/> with the Orleans silo, Kestrel on a free loopback port,
/// SQLite in a file the caller owns, its own silo and gateway ports, a fake clock the test moves, and the
/// board's files from the source tree (where the build put the SignalR client).
/// </summary>
public sealed class EngineInstance : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SocketsHttpHandler _handler = new() { PooledConnectionLifetime = TimeSpan.FromMinutes(1) };
    private bool _stopped;

    private EngineInstance(WebApplication app, FakeTimeProvider clock, Uri baseAddress, EngineLog log)
    {
        _app = app;
        Log = log;
        Clock = clock;
        BaseAddress = baseAddress;
    }

    public FakeTimeProvider Clock { get; }

    /// <summary>What the engine logged at warning level or above.</summary>
    public EngineLog Log { get; }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>The board's static files: <c>src/Emergency.Host/wwwroot</c>, completed by the engine's build.</summary>
    public static string BoardFiles => Path.Combine(RepoPaths.Root, "src", "Emergency.Host", "wwwroot");

    /// <summary>Starts an engine on <paramref name="databaseFile"/> with its clock at <paramref name="now"/>; <paramref name="extraArgs"/> override any setting.</summary>
    public static async Task<EngineInstance> StartAsync(string databaseFile, DateTimeOffset now, CancellationToken cancellationToken, params string[] extraArgs)
    {
        var clock = new FakeTimeProvider(now);
        var siloPort = FreePorts.Next();
        string[] args =
        [
            "--Urls=http://127.0.0.1:0",
            "--Storage:Provider=Sqlite",
            $"--Storage:ConnectionString=Data Source={databaseFile}",
            $"--Cluster:SiloPort={siloPort}",
            "--Logging:LogLevel:Default=Warning",

            // Tests name regions of their own (unique per test, so that a list shows only theirs), which the catalog lacks.
            "--Regions:Unknown=Accept",

            // Tests send thousands of requests from one address and one token: the API's rate limit has tests of its own.
            "--Api:RateLimit:PerUser=100000000",
            "--Api:RateLimit:PerAddress=100000000",
            .. extraArgs,
        ];
        var log = new EngineLog();
        var app = EngineHost.Build(args, builder =>
        {
            builder.Services.AddSingleton(new Contracts.EngineClock(clock));
            builder.Logging.ClearProviders().AddProvider(log);

            // The test runs from its own bin folder, where no wwwroot is: serve the engine project's.
            builder.Environment.WebRootPath = BoardFiles;
            builder.Environment.WebRootFileProvider = new PhysicalFileProvider(BoardFiles);
        });
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new EngineInstance(app, clock, new Uri(address), log);
    }

    /// <summary>A real HTTP client to this engine; <paramref name="token"/> null sends no Authorization header.</summary>
    public HttpClient Client(string? token)
    {
        var client = new HttpClient(_handler, disposeHandler: false) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

        // The engine speaks Chinese unless asked otherwise; these tests read its English (TextsTests hold the two together).
        client.DefaultRequestHeaders.AcceptLanguage.Add(new("en"));
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>Every /api route of the running engine with its HTTP method, read from the engine's endpoint data source.</summary>
    public List<(string Method, string Pattern)> ApiEndpoints() =>
        [.. _app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (m, e.RoutePattern.RawText!)))
            .Distinct()];

    /// <summary>A graceful stop, as an operator would do it; the database file stays.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        _handler.Dispose();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
