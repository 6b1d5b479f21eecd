using Emergency.Storage.Privacy;
using Emergency.Storage.Tests.Grains;
using Emergency.Testing;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace Emergency.Storage.Tests.Infrastructure;

/// <summary>
/// A real silo in a plain generic host, wired exactly like the engine: <c>UseEmergencyStorage</c>, plus
/// localhost clustering on SQLite (the host's job there). Each start gets fresh loopback ports, so a restart
/// is a new silo generation on the same database.
/// </summary>
internal sealed class TestSilo : IAsyncDisposable
{
    public const string DefaultClusterId = "emergency-tests";

    private TestSilo(IHost host)
    {
        Host = host;
    }

    public IHost Host { get; }

    public IServiceProvider Services => Host.Services;

    public IGrainFactory Grains => Host.Services.GetRequiredService<IGrainFactory>();

    public SiloAddress Address => Host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

    /// <summary>The engine's protection of personal data, with the probes' marker and the development key.</summary>
    public static readonly PersonalDataProtection Privacy = new(PersonalDataKeys.Development, typeof(ProbePersonalAttribute));

    public static async Task<TestSilo> StartAsync(
        StorageOptions storage, string serviceId, string clusterId = DefaultClusterId, Action<ISiloBuilder>? configure = null,
        PersonalDataProtection? privacy = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new TestOutputLoggerProvider());
        builder.UseOrleans(silo =>
        {
            var siloPort = FreePorts.Next();
            var gatewayPort = FreePorts.Next();
            if (storage.Provider == StorageProvider.Sqlite)
            {
                silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: serviceId, clusterId: clusterId);
            }
            else
            {
                silo.Configure<ClusterOptions>(cluster =>
                {
                    cluster.ClusterId = clusterId;
                    cluster.ServiceId = serviceId;
                });
                silo.ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort);
            }

            silo.UseEmergencyStorage(storage, privacy ?? Privacy);

            // The production minimum is a minute; tests need reminders that fire within seconds.
            silo.Configure<ReminderOptions>(reminders => reminders.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            configure?.Invoke(silo);
        });

        var host = builder.Build();
        try
        {
            await host.StartAsync(TestContext.Current.CancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new TestSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Host.StopAsync(CancellationToken.None);
        }
        finally
        {
            Host.Dispose();
        }
    }
}
