using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Emergency.Host.Hosting;
using Emergency.Testing;
using Emergency.Testing.Engine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Emergency.Api.Tests;

/// <summary>
/// The closed cluster at start-up: no gateway unless configured, a gateway or a cluster only with the cluster's
/// certificate, a peer accepted only for the cluster's certificate, Orleans ports in use refused. The same with
/// real processes and real clients: EndToEnd's ClosedClusterTests.
/// </summary>
public sealed class ClusterSecurityTests
{
    private static readonly DateTimeOffset Now = TimeProvider.System.GetUtcNow();

    [Fact]
    public async Task The_embedded_default_opens_no_gateway()
    {
        using var directory = new TempDirectory("no-gateway");
        await using var engine = await EngineInstance.StartAsync(directory.File("emergency.db"), Now, TestContext.Current.CancellationToken);

        Assert.Equal(0, engine.Services.GetRequiredService<IOptions<EndpointOptions>>().Value.GatewayPort);
    }

    [Fact]
    public void A_gateway_without_the_clusters_certificate_stops_the_start()
    {
        var error = Assert.Throws<EngineConfigurationException>(() => EngineHost.Build(["--Cluster:GatewayPort=30000"]));
        Assert.Equal("Cluster:GatewayPort", error.Key);
        Assert.Contains("certificate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cluster_without_a_certificate_stops_the_start_and_says_how_to_make_one()
    {
        var error = Assert.Throws<EngineConfigurationException>(() => EngineHost.Build(
            ["--Storage:Provider=PostgreSql", "--Storage:ConnectionString=Host=127.0.0.1;Database=none"]));
        Assert.Equal("Cluster:Tls:Certificate", error.Key);
        Assert.Contains("cluster-certificate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_file_that_is_not_one_stops_the_start_naming_the_file()
    {
        using var directory = new TempDirectory("bad-certificate");
        var file = directory.File("cluster.pfx");
        File.WriteAllText(file, "not a certificate");

        var error = Assert.Throws<EngineConfigurationException>(() => EngineHost.Build([$"--Cluster:Tls:Certificate={file}"]));
        Assert.Equal("Cluster:Tls:Certificate", error.Key);
        Assert.Contains(file, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_an_authority_only_the_very_same_certificate_is_a_member()
    {
        using var directory = new TempDirectory("shared-certificate");
        var cluster = Save(directory.File("cluster.pfx"), ClusterTls.CreateSelfSigned("emergency-cluster", Now, TimeSpan.FromDays(1)));
        var tls = ClusterTls.FromFiles(cluster, null, null, null, Now);

        Assert.True(tls.Accepts(X509CertificateLoader.LoadPkcs12FromFile(cluster, null)));
        Assert.False(tls.Accepts(ClusterTls.CreateSelfSigned("emergency-cluster", Now, TimeSpan.FromDays(1))));
    }

    [Fact]
    public void With_an_authority_a_certificate_it_issued_is_a_member_and_any_other_is_not()
    {
        using var directory = new TempDirectory("authority");
        using var authorityKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var authorityRequest = new CertificateRequest("CN=emergency-authority", authorityKey, HashAlgorithmName.SHA256);
        authorityRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var authority = authorityRequest.CreateSelfSigned(Now.AddDays(-1), Now.AddDays(30));
        var authorityFile = directory.File("authority.crt");
        File.WriteAllBytes(authorityFile, authority.Export(X509ContentType.Cert));

        var nodeA = Save(directory.File("node-a.pfx"), Issue(authority, "node-a"));
        var tls = ClusterTls.FromFiles(nodeA, null, null, authorityFile, Now);

        Assert.True(tls.Accepts(Issue(authority, "node-b")));
        Assert.False(tls.Accepts(ClusterTls.CreateSelfSigned("node-c", Now, TimeSpan.FromDays(1))));

        // A node whose own certificate the authority did not issue would be refused by every other: it does not start.
        var outsider = Save(directory.File("outsider.pfx"), ClusterTls.CreateSelfSigned("outsider", Now, TimeSpan.FromDays(1)));
        var error = Assert.Throws<EngineConfigurationException>(() => ClusterTls.FromFiles(outsider, null, null, authorityFile, Now));
        Assert.Contains("not issued by the authority", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_expired_cluster_certificate_stops_the_start()
    {
        using var directory = new TempDirectory("expired");
        var file = Save(directory.File("cluster.pfx"), ClusterTls.CreateSelfSigned("emergency-cluster", Now.AddDays(-10), TimeSpan.FromDays(1)));

        var error = Assert.Throws<EngineConfigurationException>(() => ClusterTls.FromFiles(file, null, null, null, Now));
        Assert.Contains("valid from", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_silo_port_another_process_holds_stops_the_start()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;

        var error = Assert.Throws<EngineConfigurationException>(() => EngineHost.Build([$"--Cluster:SiloPort={port}"]));
        Assert.Equal("Cluster:SiloPort", error.Key);
        Assert.Contains($"port {port}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Urls", "http://127.0.0.1:{0}")]
    [InlineData("Urls", "http://localhost:{0}")]
    [InlineData("Kestrel:Endpoints:Api:Url", "http://127.0.0.1:{0}")]
    public void An_http_port_another_process_holds_stops_the_start_naming_port_and_setting(string key, string url)
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;

        var error = Assert.Throws<EngineConfigurationException>(() => EngineHost.Build([$"--{key}={string.Format(CultureInfo.InvariantCulture, url, port)}"]));
        Assert.Equal(key, error.Key);
        Assert.Contains($"port {port}", error.Message, StringComparison.Ordinal);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    private static X509Certificate2 Issue(X509Certificate2 authority, string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        using var issued = request.Create(authority, Now.AddDays(-1), Now.AddDays(10), RandomNumberGenerator.GetBytes(8));
        return issued.CopyWithPrivateKey(key);
    }

    private static string Save(string file, X509Certificate2 certificate)
    {
        File.WriteAllBytes(file, certificate.Export(X509ContentType.Pkcs12));
        return file;
    }
}
