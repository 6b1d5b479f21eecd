using Emergency.Grains;
using Emergency.Host.Hosting;
using Emergency.Storage;
using Orleans.Configuration;

namespace Emergency.Host.Extensions;

public static class OrleansExtensions
{
    /// <summary>
    /// The silo in this process: mutual TLS between nodes, one node on the embedded default or a cluster sharing its
    /// membership through PostgreSQL, the engine's storage and grains. Its ports are checked free before it starts.
    /// </summary>
    public static WebApplicationBuilder AddEmergencyOrleans(this WebApplicationBuilder builder, EngineSettings settings)
    {
        // Certificates are checked against the machine's clock, as TLS checks them, not the engine's (a test's may be in 2013).
        var machineNow = TimeProvider.System.GetUtcNow();
        var clusterTls = settings.Tls is { } files
            ? ClusterTls.FromFiles(files.Certificate, files.Password, files.Key, files.Authority, machineNow)
            : ClusterTls.ForSingleNode(machineNow);
        OrleansPorts.EnsureFree(settings);
        builder.UseOrleans(silo =>
        {
            silo.UseTls(clusterTls.Certificate, clusterTls.Configure);
            if (settings.Storage.Provider == StorageProvider.Sqlite)
            {
                // One node on the embedded default: nothing to share membership with.
                silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, null, settings.ServiceId, settings.ClusterId);
            }
            else
            {
                silo.Configure<ClusterOptions>(cluster =>
                {
                    cluster.ClusterId = settings.ClusterId;
                    cluster.ServiceId = settings.ServiceId;
                });
                silo.ConfigureEndpoints(settings.AdvertisedAddress, settings.SiloPort, settings.GatewayPort);

                // Optional: Orleans' failure detection (ProbeTimeout, NumMissedProbesLimit, ...) from
                // `Cluster:Membership:*`. Absent, Orleans' own defaults apply; tests shorten them to see a node loss sooner.
                silo.Services.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection("Cluster:Membership"));
            }

            silo.UseEmergencyStorage(settings.Storage, settings.Privacy.Protection);
            silo.Services.AddSingleton(settings.Privacy.LinkKey);
            silo.Services.AddSingleton(settings.Privacy.Retention);
            silo.AddEmergencyGrains();
            silo.AddEmergencyTelemetry(settings.Telemetry);
        });
        return builder;
    }
}
