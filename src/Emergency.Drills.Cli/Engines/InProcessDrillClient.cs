using System.Net;
using System.Net.Sockets;
using Emergency.Contracts;
using Emergency.Domain;
using Emergency.Host.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Emergency.Drills.Cli.Engines;

/// <summary>
/// The embedded default, started in this process for one drill: a temporary SQLite file, its own free
/// ports, the engine's own config. Gone when the drill is done.
/// </summary>
internal sealed class InProcessDrillClient : IDrillClient
{
    private static readonly Actor Organiser = new("drill-cli", Role.DrillOrganiser);

    private readonly WebApplication _app;
    private readonly string _directory;
    private readonly IGrainFactory _grains;

    private InProcessDrillClient(WebApplication app, string directory)
    {
        _app = app;
        _directory = directory;
        _grains = app.Services.GetRequiredService<IGrainFactory>();
    }

    public static async Task<InProcessDrillClient> StartAsync(IReadOnlyList<string> settings, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("emergency-drill-").FullName;
        string[] args =
        [
            "--Urls=http://127.0.0.1:0",
            "--Storage:Provider=Sqlite",
            $"--Storage:ConnectionString=Data Source={Path.Combine(directory, "drill.db")}",
            $"--Cluster:SiloPort={FreePort()}",
            "--Cluster:ServiceId=emergency-drill",

            // Nobody scrapes or opens an engine that lives for one drill: without the Prometheus endpoint's metrics and the
            // dashboard's grain-call profiler, a fast drill spent 3-4 % less CPU (docs/benchmarks.md, "Drill replay",
            // session 13). A setting given on the command line still turns either on.
            "--Telemetry:Prometheus:Enabled=false",
            "--Telemetry:Dashboard:Enabled=false",

            // Without tiered compilation a first drill compiles its code as it runs (a third of its time): the engine
            // plays a small drill on the domain on the idle core while it starts (docs/benchmarks.md, session 16).
            "--Drills:WarmUpAtStart=true",
            .. settings,
        ];
        WebApplication? app = null;
        try
        {
            // The CLI's output is the drill's: the engine says only what went wrong, on stderr.
            app = EngineHost.Build(args, builder => builder.Logging
                .ClearProviders()
                .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace)
                .AddFilter<ConsoleLoggerProvider>((_, level) => level >= LogLevel.Error));
            await app.StartAsync(cancellationToken);
            return new InProcessDrillClient(app, directory);
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }

            Delete(directory);
            throw;
        }
    }

    public Task<DrillAnswer> StartAsync(string text, string file, DrillMode mode, double speed, CancellationToken cancellationToken) =>
        _grains.GetGrain<IDrillGrain>(DrillIds.NewRun()).Start(new DrillStart { Text = text, File = file, Mode = mode, Speed = speed, StartedBy = Organiser });

    public Task<DrillStatus?> StatusAsync(string run, CancellationToken cancellationToken) => _grains.GetGrain<IDrillGrain>(run).GetStatus();

    public Task<string?> ReportAsync(string run, CancellationToken cancellationToken) => _grains.GetGrain<IDrillGrain>(run).GetReport();

    public async ValueTask DisposeAsync()
    {
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            await _app.StopAsync(timeout.Token);
        }

        await _app.DisposeAsync();
        Delete(_directory);
    }

    private static void Delete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may hold the file a moment longer; the OS cleans its temp folder.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
