using System.Security.Cryptography.X509Certificates;
using Emergency.Host.Hosting;

namespace Emergency.Benchmarks;

/// <summary>The cluster certificate every engine of one benchmark run shares (the cluster profile needs one).</summary>
internal static class BenchCertificate
{
    private static readonly Lazy<string> Made = new(() =>
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("emergency-bench-tls-").FullName, "cluster.pfx");
        using var certificate = ClusterTls.CreateSelfSigned("emergency-bench", DateTimeOffset.UtcNow, TimeSpan.FromDays(2));
        System.IO.File.WriteAllBytes(file, certificate.Export(X509ContentType.Pkcs12));
        return file;
    });

    public static string File => Made.Value;
}
