using System.Net;
using System.Net.Sockets;
using Emergency.Host.Hosting;
using Microsoft.AspNetCore.Builder;

namespace Emergency.Benchmarks.Commands;

/// <summary>
/// The real engine in this process on real Kestrel, on a storage the caller owns (so that it can be restarted on the
/// same rows), with extra configuration such as the commit mode.
/// </summary>
public sealed class BenchEngine : IAsyncDisposable
{
    private BenchEngine(WebApplication app) => App = app;

    public WebApplication App { get; }

    public Uri BaseAddress => new(App.Urls.First());

    public IGrainFactory Grains => (IGrainFactory)App.Services.GetService(typeof(IGrainFactory))!;

    /// <summary>The engine's record of ids just drawn for new cases, as the API keeps it.</summary>
    public Emergency.Storage.GroupCommit.FreshKeys? Fresh => App.Services.GetService(typeof(Emergency.Storage.GroupCommit.FreshKeys)) as Emergency.Storage.GroupCommit.FreshKeys;

    /// <summary>
    /// A benchmark's clients are one machine token sending thousands of requests a second: the per-user limit of the
    /// API (1,200 a minute by default) would measure the limiter, so it is raised as a deployment may for a gateway.
    /// </summary>
    public const string Unthrottled = "--Api:RateLimit:PerUser=100000000";

    public static async Task<BenchEngine> StartAsync(string provider, string connectionString, params string[] extra)
    {
        var app = EngineHost.Build(
        [
            "--Urls=http://127.0.0.1:0",
            $"--Storage:Provider={provider}",
            $"--Storage:ConnectionString={connectionString}",
            $"--Cluster:SiloPort={FreePort()}",
            $"--Cluster:Tls:Certificate={BenchCertificate.File}",
            $"--Cluster:ClusterId=bench-{Guid.NewGuid():N}",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Orleans=Error",
            Unthrottled,
            .. extra,
        ]);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            // A silo that failed to start still runs its grains: stop it, or it keeps working on the next run's time.
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
            throw;
        }

        return new BenchEngine(app);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
