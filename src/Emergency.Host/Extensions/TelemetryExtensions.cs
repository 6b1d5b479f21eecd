using System.Collections.Frozen;
using Emergency.Grains.Cases;
using Emergency.Host.Auth;
using Emergency.Host.Hosting;
using Emergency.Host.Telemetry;
using Emergency.Storage.GroupCommit;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Dashboard;

namespace Emergency.Host.Extensions;

public static class TelemetryExtensions
{
    /// <summary>Orleans' own meter; its activity sources, for traces.</summary>
    private const string OrleansMeter = "Microsoft.Orleans";

    private static readonly string[] OrleansSources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    /// <summary>
    /// Orleans' gauges that walk every activation in memory at each collection, one of them holding the lock every new
    /// activation takes: with about 120,000 activations a collection took some 60 ms of CPU, and new activations waited.
    /// The activation count (<c>orleans-catalog-activations</c>) is kept: it is a counter read, not a walk.
    /// </summary>
    private static readonly FrozenSet<string> WalkEveryActivation = FrozenSet.Create(
        StringComparer.Ordinal, "orleans-messaging-processing-activation-data", "orleans-directory-cache-size");

    /// <summary>ASP.NET Core's meters beyond those its instrumentation adds (requests, Kestrel).</summary>
    private static readonly string[] AspNetCoreMeters =
        ["Microsoft.AspNetCore.Authentication", "Microsoft.AspNetCore.Authorization", "Microsoft.AspNetCore.Diagnostics", "Microsoft.AspNetCore.Http.Connections"];

    /// <summary>
    /// OpenTelemetry metrics (Orleans, ASP.NET Core, Npgsql and the engine's own: commands, overdue cases, group
    /// commits) for the Prometheus endpoint and an OTLP collector, and traces for the collector when one is configured.
    /// </summary>
    public static WebApplicationBuilder AddEmergencyTelemetry(this WebApplicationBuilder builder, EngineSettings settings)
    {
        var telemetry = settings.Telemetry;
        if (!telemetry.Prometheus && telemetry.OtlpEndpoint is null)
        {
            return builder;
        }

        builder.Services.AddHostedService<OverdueGauge>();
        var openTelemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("emergency", serviceInstanceId: $"{settings.AdvertisedAddress}:{settings.SiloPort}"))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation()
                    .AddMeter(AspNetCoreMeters)
                    .AddMeter(OrleansMeter, CaseTelemetry.MeterName, CommitTelemetry.Name)
                    .AddView(instrument => instrument.Meter.Name == OrleansMeter && WalkEveryActivation.Contains(instrument.Name) ? MetricStreamConfiguration.Drop : null)
                    .AddNpgsqlInstrumentation();
                if (telemetry.Prometheus)
                {
                    // The exporter caches a scrape for 300 ms by default, so two scrapes close together could show a
                    // count from before a command that had already been acknowledged. A scrape is cheap here.
                    metrics.AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0);
                }

                if (telemetry.OtlpEndpoint is not null)
                {
                    metrics.AddOtlpExporter(otlp => (otlp.Endpoint, otlp.Protocol) = (telemetry.OtlpEndpointOf("v1/metrics"), telemetry.OtlpProtocol));
                }
            });

        if (telemetry.OtlpEndpoint is not null)
        {
            openTelemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context => !context.Request.Path.StartsWithSegments(TelemetrySettings.PrometheusPath))
                .AddSource(OrleansSources)
                .AddSource(CommitTelemetry.Name)
                .AddNpgsql()
                .AddOtlpExporter(otlp => (otlp.Endpoint, otlp.Protocol) = (telemetry.OtlpEndpointOf("v1/traces"), telemetry.OtlpProtocol)));
        }

        return builder;
    }

    /// <summary>
    /// The silo's part: Orleans' activities when traces are exported, and the dashboard's grains and grain-call
    /// profiler when the dashboard is on (its live log is off: logs stay with the host's own log sinks).
    /// </summary>
    public static ISiloBuilder AddEmergencyTelemetry(this ISiloBuilder silo, TelemetrySettings telemetry)
    {
        if (telemetry.OtlpEndpoint is not null)
        {
            silo.AddActivityPropagation();
        }

        if (telemetry.Dashboard)
        {
            silo.AddDashboard(dashboard =>
            {
                dashboard.HideTrace = true;
                dashboard.CounterUpdateIntervalMs = (int)telemetry.DashboardSampleEvery.TotalMilliseconds;
            });
        }

        return silo;
    }

    /// <summary>The Prometheus scrape endpoint and the Orleans dashboard, both for administrators only.</summary>
    public static WebApplication MapEmergencyTelemetry(this WebApplication app)
    {
        var telemetry = app.Services.GetRequiredService<EngineSettings>().Telemetry;
        if (telemetry.Prometheus)
        {
            app.MapPrometheusScrapingEndpoint(TelemetrySettings.PrometheusPath).RequireAuthorization(Policies.Administer);
        }

        if (telemetry.Dashboard)
        {
            // Not part of the API: its routes are the dashboard's own, and stay out of the OpenAPI document.
            app.UseWhen(http => http.Request.Path.StartsWithSegments(TelemetrySettings.DashboardPath), branch => branch.Use(DashboardGuard.InvokeAsync));
            app.MapOrleansDashboard(TelemetrySettings.DashboardPath).RequireAuthorization(Policies.Administer).AsToolPage().ExcludeFromDescription();

            // Its grain state page would show a case as stored, complainants' details included: administrators see no case data.
            app.MapGet(TelemetrySettings.DashboardPath + "/GrainState", () => Results.Problem(
                    statusCode: StatusCodes.Status403Forbidden,
                    title: "The dashboard does not show grain state",
                    detail: "a grain's state holds case data, personal data included, which administrators may not see; read a case through the API with a role that may"))
                .RequireAuthorization(Policies.Administer)
                .WithOrder(-1)
                .ExcludeFromDescription();
        }

        return app;
    }
}
