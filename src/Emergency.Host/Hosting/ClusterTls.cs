using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace Emergency.Host.Hosting;

/// <summary>
/// Who may talk to this silo over Orleans' own ports: only a process that holds the cluster's certificate.
/// Every connection, silo to silo and (when a gateway is configured) client to silo, is mutual TLS: both ends
/// present a certificate and both check the other's. A peer is accepted when its certificate chains to the
/// configured authority, or, with no authority, when it is the very certificate this node holds (one shared
/// cluster certificate). Host names play no part: silos address each other by IP, so the check is "issued to
/// this cluster", not "issued to this name".
/// </summary>
/// <remarks>See docs/security.md for the trust boundary this draws.</remarks>
public sealed class ClusterTls
{
    private readonly X509Certificate2? _authority;

    private ClusterTls(X509Certificate2 certificate, X509Certificate2? authority)
    {
        Certificate = certificate;
        _authority = authority;
    }

    public X509Certificate2 Certificate { get; }

    /// <summary>The cluster's certificate from configuration (<c>Cluster:Tls:*</c>), checked before the silo starts.</summary>
    public static ClusterTls FromFiles(string certificateFile, string? password, string? keyFile, string? authorityFile, DateTimeOffset now)
    {
        var certificate = Load(certificateFile, password, keyFile);
        if (!certificate.HasPrivateKey)
        {
            throw new EngineConfigurationException("Cluster:Tls:Certificate", $"'{certificateFile}' holds no private key: a node must prove it holds the cluster's certificate");
        }

        if (now < certificate.NotBefore || now > certificate.NotAfter)
        {
            throw new EngineConfigurationException("Cluster:Tls:Certificate",
                $"'{certificateFile}' is valid from {certificate.NotBefore:u} to {certificate.NotAfter:u} only; make a new one (cluster-certificate)");
        }

        X509Certificate2? authority = null;
        if (authorityFile is not null)
        {
            authority = Read("Cluster:Tls:Authority", authorityFile, () => X509CertificateLoader.LoadCertificateFromFile(authorityFile));
            var tls = new ClusterTls(certificate, authority);
            if (!tls.Accepts(certificate))
            {
                throw new EngineConfigurationException("Cluster:Tls:Certificate",
                    $"'{certificateFile}' is not issued by the authority in '{authorityFile}': the other nodes would refuse this one");
            }

            return tls;
        }

        return new ClusterTls(certificate, null);
    }

    /// <summary>
    /// A fresh certificate for a node that is a cluster of its own (the embedded default): nobody else ever holds its
    /// key, so no other process can join or call a grain through the silo port, even on this machine.
    /// </summary>
    public static ClusterTls ForSingleNode(DateTimeOffset now) => new(CreateSelfSigned("emergency-node", now, TimeSpan.FromDays(3650)), null);

    /// <summary>A self-signed cluster certificate (ECDSA P-256) usable by both ends of a connection.</summary>
    public static X509Certificate2 CreateSelfSigned(string name, DateTimeOffset now, TimeSpan validFor)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false)); // server and client authentication
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(name);
        request.CertificateExtensions.Add(san.Build());
        using var made = request.CreateSelfSigned(now.AddMinutes(-5), now.Add(validFor));

        // Through PKCS#12 so that the key is usable by SslStream on every platform, not only where it was made.
        return X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>Mutual TLS on every Orleans connection of this silo, with <see cref="Accepts"/> as the only test of a peer.</summary>
    public void Configure(TlsOptions options)
    {
        options.LocalCertificate = Certificate;
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.RemoteCertificateValidation = (certificate, _, _) => certificate is not null && Accepts(certificate);
        var name = Certificate.GetNameInfo(X509NameType.DnsName, forIssuer: false);
        options.OnAuthenticateAsClient = (_, client) => client.TargetHost = name;
    }

    /// <summary>Whether a peer's certificate makes it a member of this cluster.</summary>
    public bool Accepts(X509Certificate2 peer)
    {
        if (_authority is null)
        {
            return peer.RawDataMemory.Span.SequenceEqual(Certificate.RawDataMemory.Span);
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(peer);
    }

    private static X509Certificate2 Load(string file, string? password, string? keyFile) => Read("Cluster:Tls:Certificate", file, () => keyFile is null
        ? X509CertificateLoader.LoadPkcs12FromFile(file, password)
        : X509Certificate2.CreateFromPemFile(file, keyFile));

    private static X509Certificate2 Read(string key, string file, Func<X509Certificate2> load)
    {
        if (!File.Exists(file))
        {
            throw new EngineConfigurationException(key, $"'{file}' does not exist");
        }

        try
        {
            return load();
        }
        catch (CryptographicException ex)
        {
            throw new EngineConfigurationException(key, $"'{file}' cannot be read as a certificate ({ex.Message.TrimEnd('.')}); a wrong password or format?");
        }
    }
}
