using System.Collections.Concurrent;
using System.Text;
using Emergency.Api.Tests.Infrastructure;
using Emergency.Testing;
using Emergency.Testing.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Emergency.Api.Tests;

/// <summary>The OTLP exporter by configuration, received by a collector of the test's own over HTTP.</summary>
public sealed class TelemetryExportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task With_an_otlp_endpoint_the_engine_pushes_its_traces_and_its_own_metrics_to_the_collector()
    {
        await using var collector = await Collector.StartAsync();
        using var directory = new TempDirectory("otlp");
        await using var engine = await EngineInstance.StartAsync(directory.File("emergency.db"), EngineFixture.Start, Ct,
            $"--Telemetry:Otlp:Endpoint={collector.Address}", "--Telemetry:Otlp:Protocol=HttpProtobuf",

            // OpenTelemetry's own settings, read from the configuration: push every 200 ms instead of 5 s and 60 s.
            "--OTEL_BSP_SCHEDULE_DELAY=200", "--OTEL_METRIC_EXPORT_INTERVAL=200");
        using var commander = new ApiClient(engine.Client(Tokens.Commander));
        await commander.Register(Bodies.Incident(EngineFixture.NewRegion("Otlp"), EngineFixture.Start));

        // Protobuf carries names and strings as they are: the service, the route of the request, the engine's own meter.
        await Eventually.Until(() => Task.FromResult(collector.Received("/v1/traces")), body => body.Contains("emergency", StringComparison.Ordinal) && body.Contains("/api/incidents", StringComparison.Ordinal),
            "a trace of the registration at /v1/traces", TimeSpan.FromSeconds(30));
        await Eventually.Until(() => Task.FromResult(collector.Received("/v1/metrics")), body => body.Contains("emergency.commands", StringComparison.Ordinal),
            "the engine's command counter at /v1/metrics", TimeSpan.FromSeconds(30));
        Assert.DoesNotContain(collector.Paths, p => p is not ("/v1/traces" or "/v1/metrics"));
    }

    /// <summary>An OTLP/HTTP collector that keeps what it receives, by path.</summary>
    private sealed class Collector : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentQueue<(string Path, byte[] Body)> _received = new();

        private Collector(WebApplication app) => _app = app;

        public Uri Address => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());

        public IReadOnlyList<string> Paths => [.. _received.Select(r => r.Path).Distinct()];

        public static async Task<Collector> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var collector = new Collector(builder.Build());
            collector._app.MapPost("/{**path}", async (HttpRequest request) =>
            {
                using var body = new MemoryStream();
                await request.Body.CopyToAsync(body);
                collector._received.Enqueue((request.Path.Value!, body.ToArray()));
                return Results.Ok();
            });
            await collector._app.StartAsync(Ct);
            return collector;
        }

        /// <summary>Everything received at <paramref name="path"/>, its bytes read as Latin-1 so that names can be searched.</summary>
        public string Received(string path) => string.Concat(_received.Where(r => r.Path == path).Select(r => Encoding.Latin1.GetString(r.Body)));

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
