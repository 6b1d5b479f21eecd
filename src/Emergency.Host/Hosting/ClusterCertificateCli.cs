using System.Globalization;
using System.Security.Cryptography.X509Certificates;

namespace Emergency.Host.Hosting;

/// <summary>
/// <c>cluster-certificate &lt;file.pfx&gt; [--days N] [--name NAME]</c>: makes the certificate a cluster's nodes share,
/// readable by its owner only. Copy it to every node and point <c>Cluster:Tls:Certificate</c> at it.
/// </summary>
public static class ClusterCertificateCli
{
    private const string Usage = """
        usage: cluster-certificate <file.pfx> [--days N] [--name NAME]
          <file.pfx>  where to write the certificate with its private key (PKCS#12, no password; the file is made readable by its owner only)
          --days      how long it is valid (default 825)
          --name      its subject name (default emergency-cluster)
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (Parse(args) is not var (file, days, name))
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }

        if (File.Exists(file))
        {
            await error.WriteLineAsync($"{file} exists already; a cluster keeps one certificate until it is replaced on every node");
            return 2;
        }

        using var certificate = ClusterTls.CreateSelfSigned(name, TimeProvider.System.GetUtcNow(), TimeSpan.FromDays(days));
        var bytes = certificate.Export(X509ContentType.Pkcs12);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var stream = new FileStream(file, options))
        {
            await stream.WriteAsync(bytes);
        }

        await output.WriteLineAsync($"{Path.GetFullPath(file)}: cluster certificate {name}, SHA-256 {certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256)}, valid until {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd} (UTC)");
        return 0;
    }

    private static (string File, int Days, string Name)? Parse(string[] args)
    {
        string? file = null;
        var days = 825;
        var name = "emergency-cluster";
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--days" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var d) && d is > 0 and <= 3650:
                    days = d;
                    i++;
                    break;
                case "--name" when i + 1 < args.Length && !string.IsNullOrWhiteSpace(args[i + 1]):
                    name = args[++i];
                    break;
                case var value when file is null && !value.StartsWith("--", StringComparison.Ordinal):
                    file = value;
                    break;
                default:
                    return null;
            }
        }

        return file is null ? null : (file, days, name);
    }
}
