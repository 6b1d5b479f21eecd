using System.Net;
using System.Security.Cryptography.X509Certificates;
using Emergency.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Configuration;

namespace Emergency.EndToEnd.Tests;

/// <summary>
/// The cluster is closed: a node joins and a client calls a grain only with the cluster's certificate. Engines run
/// as processes of their own; the would-be intruders are another engine process with a certificate of its own, and
/// Orleans clients built in this (separate) process, with no TLS, with a stranger's certificate and with the
/// cluster's, against a gateway opened for the test.
/// </summary>
public sealed class ClosedClusterTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>A node that cannot join gives up after 20 s instead of Orleans' 5 min.</summary>
    private static readonly (string Key, string Value)[] Membership = [.. EngineSettings.QuickFailureDetection, ("Cluster:Membership:MaxJoinAttemptTime", "00:00:20")];

    private readonly TempDirectory _files = new("closed-cluster");
    private readonly TempDirectory _stranger = new("closed-stranger");
    private string? _database;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await PostgresTestServer.DropDatabaseAsync(_database);
        }

        _files.Dispose();
        _stranger.Dispose();
    }

    [Fact]
    public async Task Only_a_process_holding_the_clusters_certificate_joins_the_cluster_or_calls_a_grain()
    {
        _database = await PostgresTestServer.CreateDatabaseAsync("closed");
        var first = new EngineSettings("PostgreSql", _database, _files.Path) { GatewayPort = FreePorts.Next(), Extra = Membership };
        await using var nodeA = await EngineProcess.StartAsync(first);

        // A node with the cluster's certificate joins: the silo-to-silo traffic itself runs over mutual TLS.
        await using var nodeB = await EngineProcess.StartAsync(first.AnotherNode() with { GatewayPort = 0 });
        Assert.Equal(2, await ActiveSilosAsync());

        // An engine with a certificate of its own, on the same database and cluster id, cannot join.
        var stranger = first.AnotherNode() with
        {
            GatewayPort = 0,
            WorkingDirectory = _stranger.Path,
            ClusterCertificate = Path.Combine(_stranger.Path, "cluster.pfx"),
        };
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var refused = await Assert.ThrowsAnyAsync<Exception>(async () => await (await EngineProcess.StartAsync(stranger)).DisposeAsync());
        output.WriteLine($"stranger node, refused after {watch.Elapsed.TotalSeconds:0.0} s: {string.Join(" | ", refused.Message.Split('\n').Where(l => l.Contains("TLS", StringComparison.OrdinalIgnoreCase) || l.Contains("certificate", StringComparison.OrdinalIgnoreCase) || l.Contains("exited", StringComparison.Ordinal)).Take(4))}");
        Assert.Contains("certificate was rejected", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, await ActiveRowsAsync(stranger.SiloPort));
        Assert.Equal(2, await ActiveSilosAsync());

        // Clients at the gateway: only the one with the cluster's certificate gets through to a grain.
        // The refused ones are tried side by side: each is given 15 s, where the cluster's own client needs well under 1 s.
        var (noTls, strangersCertificate) = (CallAsync(first, tls: null), CallAsync(first, X509CertificateLoader.LoadPkcs12FromFile(stranger.ClusterCertificate!, null)));
        await Task.WhenAll(noTls, strangersCertificate);
        var clustersCertificate = await CallAsync(first, X509CertificateLoader.LoadPkcs12FromFile(first.ClusterCertificate!, null));
        output.WriteLine($"client without TLS: {await noTls}; with a stranger's certificate: {await strangersCertificate}; with the cluster's: {clustersCertificate}");
        Assert.StartsWith("refused", await noTls, StringComparison.Ordinal);
        Assert.StartsWith("refused", await strangersCertificate, StringComparison.Ordinal);
        Assert.Equal("called: 2 active silos", clustersCertificate);
    }

    /// <summary>Connects an Orleans client to the gateway and asks the management grain for the active silos.</summary>
    private static async Task<string> CallAsync(EngineSettings cluster, X509Certificate2? tls)
    {
        using var host = new HostBuilder()
            .UseOrleansClient(client =>
            {
                client.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, cluster.GatewayPort));
                client.Configure<ClusterOptions>(options =>
                {
                    options.ClusterId = cluster.ClusterId;
                    options.ServiceId = cluster.ServiceId;
                });
                if (tls is not null)
                {
                    client.UseTls(tls, options =>
                    {
                        options.AllowAnyRemoteCertificate();
                        options.OnAuthenticateAsClient = (_, client) => client.TargetHost = "emergency-cluster";
                    });
                }
            })
            .Build();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        limit.CancelAfter(TimeSpan.FromSeconds(15));
        try
        {
            await host.StartAsync(limit.Token);
            var hosts = await host.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(limit.Token);
            return $"called: {hosts.Count} active silos";
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !Ct.IsCancellationRequested)
        {
            return $"refused ({ex.GetType().Name}: {ex.Message.Split('\n')[0]})";
        }
        finally
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await host.StopAsync(stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or OrleansException)
            {
                // A client that never connected may fail to stop cleanly; it has nothing to flush.
            }
        }
    }

    private async Task<long> ActiveSilosAsync()
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync(Ct);
        await using var query = new NpgsqlCommand("SELECT COUNT(*) FROM Membership WHERE Status = 3", connection);
        return (long)(await query.ExecuteScalarAsync(Ct))!;
    }

    private async Task<long> ActiveRowsAsync(int siloPort)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync(Ct);
        await using var query = new NpgsqlCommand("SELECT COUNT(*) FROM Membership WHERE Port = @port AND Status = 3", connection);
        query.Parameters.AddWithValue("port", siloPort);
        return (long)(await query.ExecuteScalarAsync(Ct))!;
    }
}
