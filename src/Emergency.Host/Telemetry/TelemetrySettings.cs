using System.Globalization;
using Emergency.Host.Hosting;
using OpenTelemetry.Exporter;

namespace Emergency.Host.Telemetry;

/// <summary>
/// What the engine tells its operators (<c>Telemetry:*</c>): the Prometheus scrape endpoint, an OTLP collector for
/// metrics and traces, how often the overdue cases are counted, and the Orleans dashboard.
/// </summary>
public sealed record TelemetrySettings
{
    public const string PrometheusPath = "/metrics";

    public const string DashboardPath = "/dashboard";

    public static readonly TelemetrySettings Default = new();

    /// <summary><c>Telemetry:Prometheus:Enabled</c>: metrics at <see cref="PrometheusPath"/>, for administrators (default true).</summary>
    public bool Prometheus { get; init; } = true;

    /// <summary><c>Telemetry:Otlp:Endpoint</c>: where metrics and traces are pushed; none (the default) pushes nothing.</summary>
    public Uri? OtlpEndpoint { get; init; }

    /// <summary><c>Telemetry:Otlp:Protocol</c>: Grpc (the default, port 4317) or HttpProtobuf (port 4318).</summary>
    public OtlpExportProtocol OtlpProtocol { get; init; } = OtlpExportProtocol.Grpc;

    /// <summary>
    /// Where one signal (<c>v1/traces</c>, <c>v1/metrics</c>) is pushed. Over gRPC the collector's address serves every
    /// signal; over HTTP each has its own path, which OpenTelemetry's exporter does not add to an endpoint given in
    /// code: without it, both signals went to the collector's root and were refused.
    /// </summary>
    public Uri OtlpEndpointOf(string signal)
    {
        var endpoint = OtlpEndpoint ?? throw new InvalidOperationException("no OTLP endpoint is configured");
        return OtlpProtocol == OtlpExportProtocol.HttpProtobuf ? new Uri(endpoint, endpoint.AbsolutePath.TrimEnd('/') + "/" + signal) : endpoint;
    }

    /// <summary><c>Telemetry:OverdueEvery</c>: how often the open live cases past a deadline are counted (default 30 s).</summary>
    public TimeSpan OverdueEvery { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary><c>Telemetry:Dashboard:Enabled</c>: the Orleans dashboard at <see cref="DashboardPath"/>, for administrators (default true).</summary>
    public bool Dashboard { get; init; } = true;

    /// <summary>
    /// <c>Telemetry:Dashboard:SampleEvery</c>: how often the dashboard samples Orleans' counters (default 10 s, at least
    /// 1 s). Each sample walks every activation in memory twice, once while holding the lock a new activation
    /// needs: once a second, with about 120,000 cases in memory, that was 5 % of the engine's CPU and held up new activations.
    /// </summary>
    public TimeSpan DashboardSampleEvery { get; init; } = TimeSpan.FromSeconds(10);

    public static TelemetrySettings Read(IConfiguration configuration)
    {
        var settings = Default with
        {
            Prometheus = EngineSettings.Flag(configuration, "Telemetry:Prometheus:Enabled", Default.Prometheus),
            Dashboard = EngineSettings.Flag(configuration, "Telemetry:Dashboard:Enabled", Default.Dashboard),
        };

        var endpoint = configuration["Telemetry:Otlp:Endpoint"];
        if (!string.IsNullOrWhiteSpace(endpoint))
        {
            settings = Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
                ? settings with { OtlpEndpoint = uri }
                : throw new EngineConfigurationException("Telemetry:Otlp:Endpoint", $"'{endpoint}' is not an http:// or https:// address");
        }

        var protocol = configuration["Telemetry:Otlp:Protocol"];
        if (!string.IsNullOrWhiteSpace(protocol))
        {
            settings = Enum.TryParse<OtlpExportProtocol>(protocol, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(protocol, out _)
                ? settings with { OtlpProtocol = parsed }
                : throw new EngineConfigurationException("Telemetry:Otlp:Protocol", $"'{protocol}' is neither Grpc nor HttpProtobuf");
        }

        return settings with
        {
            OverdueEvery = Period(configuration, "Telemetry:OverdueEvery", Default.OverdueEvery),
            DashboardSampleEvery = Period(configuration, "Telemetry:Dashboard:SampleEvery", Default.DashboardSampleEvery),
        };
    }

    /// <summary>A period from one second to one hour, written as hours:minutes:seconds.</summary>
    private static TimeSpan Period(IConfiguration configuration, string key, TimeSpan fallback)
    {
        var given = configuration[key];
        if (string.IsNullOrWhiteSpace(given))
        {
            return fallback;
        }

        return TimeSpan.TryParse(given, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.FromSeconds(1) && span <= TimeSpan.FromHours(1)
            ? span
            : throw new EngineConfigurationException(key, $"'{given}' is not a time span from 00:00:01 to 01:00:00 (hours:minutes:seconds)");
    }
}
