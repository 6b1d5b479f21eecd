using System.Net;
using System.Net.Sockets;
using Emergency.Host.Hosting;
using Microsoft.AspNetCore.Builder;

namespace Emergency.Benchmarks;

/// <summary>The real engine, in this process, on a fresh SQLite file (the embedded default) or on PostgreSQL.</summary>
public sealed class EngineUnderTest : IAsyncDisposable
{
    private readonly string _directory;

    private EngineUnderTest(WebApplication app, string directory)
    {
        App = app;
        _directory = directory;
        BaseAddress = new Uri(app.Urls.First());
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    /// <summary>Starts the engine; <paramref name="settings"/> are more <c>--Key=Value</c> settings, after the benchmark's own.</summary>
    public static async Task<EngineUnderTest> StartAsync(string provider = "Sqlite", string? connectionString = null, IReadOnlyList<string>? settings = null)
    {
        var directory = Directory.CreateTempSubdirectory("emergency-bench-").FullName;
        var app = EngineHost.Build(
        [
            "--Urls=http://127.0.0.1:0",
            $"--Storage:Provider={provider}",
            $"--Storage:ConnectionString={connectionString ?? $"Data Source={Path.Combine(directory, "engine.db")}"}",
            $"--Cluster:SiloPort={FreePort()}",
            $"--Cluster:Tls:Certificate={BenchCertificate.File}",
            $"--Cluster:ClusterId=bench-{Guid.NewGuid():N}",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Orleans=Error",
            Emergency.Benchmarks.Commands.BenchEngine.Unthrottled,
            .. settings ?? [],
        ]);
        await app.StartAsync();
        return new EngineUnderTest(app, directory);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the temp folder is cleaned by the OS.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
