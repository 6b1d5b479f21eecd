using Emergency.Host.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;

namespace Emergency.Api.Tests;

/// <summary>Start-up with telemetry settings: a bad value stops the start, naming its key.</summary>
public sealed class TelemetryStartupTests
{
    [Theory]
    [InlineData("Telemetry:Otlp:Endpoint", "collector:4317")]
    [InlineData("Telemetry:Otlp:Endpoint", "ftp://collector:4317")]
    [InlineData("Telemetry:Otlp:Protocol", "Carrier")]
    [InlineData("Telemetry:Otlp:Protocol", "1")]
    [InlineData("Telemetry:OverdueEvery", "00:00:00")]
    [InlineData("Telemetry:OverdueEvery", "2.00:00:00")]
    [InlineData("Telemetry:Prometheus:Enabled", "yes")]
    [InlineData("Telemetry:Dashboard:Enabled", "off")]
    [InlineData("Telemetry:Dashboard:SampleEvery", "00:00:00.5")]
    [InlineData("Telemetry:Dashboard:SampleEvery", "ten seconds")]
    public void A_bad_telemetry_setting_stops_the_start_naming_its_key(string key, string value)
    {
        var error = Assert.Throws<EngineConfigurationException>(() => EngineHost.Build([$"--{key}={value}"]));

        Assert.Equal(key, error.Key);
        Assert.Contains(value, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, 10_000)]
    [InlineData("00:00:02", 2_000)]
    public async Task The_dashboard_samples_Orleans_counters_as_often_as_configured(string? value, int milliseconds)
    {
        await using var app = EngineHost.Build(value is null ? [] : [$"--Telemetry:Dashboard:SampleEvery={value}"]);

        Assert.Equal(milliseconds, app.Services.GetRequiredService<IOptions<DashboardOptions>>().Value.CounterUpdateIntervalMs);
    }
}
