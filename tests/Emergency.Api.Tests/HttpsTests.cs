using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Emergency.Api.Tests.Infrastructure;
using Emergency.Host.Auth;
using Emergency.Testing;
using Emergency.Testing.Engine;

namespace Emergency.Api.Tests;

/// <summary>HTTPS as docs/security.md configures it: Kestrel with a certificate file of the deployment's own.</summary>
public sealed class HttpsTests
{
    private const string CertificatePassword = "a password of this test";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_engine_serves_https_with_a_self_made_certificate_and_the_session_cookie_is_secure()
    {
        using var directory = new TempDirectory("https");
        using var certificate = SelfMade();
        var file = directory.File("https.pfx");
        await File.WriteAllBytesAsync(file, certificate.Export(X509ContentType.Pfx, CertificatePassword), Ct);
        await using var engine = await EngineInstance.StartAsync(directory.File("emergency.db"), EngineFixture.Start, Ct,
            "--Urls=https://127.0.0.1:0", $"--Kestrel:Certificates:Default:Path={file}", $"--Kestrel:Certificates:Default:Password={CertificatePassword}");
        Assert.Equal(Uri.UriSchemeHttps, engine.BaseAddress.Scheme);

        // A real handshake: the engine presents that certificate, over TLS 1.2 or 1.3.
        using (var tcp = new TcpClient())
        {
            await tcp.ConnectAsync(engine.BaseAddress.Host, engine.BaseAddress.Port, Ct);
            await using var tls = new SslStream(tcp.GetStream());
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost", RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == certificate.GetCertHashString() }, Ct);
            Assert.True(tls.SslProtocol is SslProtocols.Tls12 or SslProtocols.Tls13, tls.SslProtocol.ToString());
            Assert.Equal(certificate.GetCertHashString(), tls.RemoteCertificate!.GetCertHashString());
        }

        // A client that trusts only that certificate: an administrator adds a person, who signs in.
        var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer() };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == certificate.GetCertHashString();
        using var http = new HttpClient(handler) { BaseAddress = engine.BaseAddress };
        using var browser = new ApiClient(http);
        var name = await SignInTests.AddUser(new ApiClient(Trusting(certificate, engine.BaseAddress, Tokens.Administrator)), "observer", "correct horse battery staple");

        var signedIn = await browser.Post("/auth/sign-in", new { name, password = "correct horse battery staple" });
        Assert.True(signedIn.Status == HttpStatusCode.OK, signedIn.ToString());
        foreach (var cookie in new[] { Sessions.CookieName, "emergency.antiforgery" })
        {
            var set = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(cookie + "=", StringComparison.Ordinal));
            Assert.Contains("; secure", set, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(HttpStatusCode.OK, (await browser.Get("/api/me")).Status);

        // A client that trusts only the machine's authorities refuses the self-made certificate.
        using var strict = new HttpClient { BaseAddress = engine.BaseAddress };
        await Assert.ThrowsAsync<HttpRequestException>(() => strict.GetAsync(new Uri("/healthz", UriKind.Relative), Ct));
    }

    /// <summary>A certificate as `openssl req -x509` or `dotnet dev-certs` makes one: RSA 2048, for localhost and 127.0.0.1, a year.</summary>
    private static X509Certificate2 SelfMade()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pfx), null);
    }

    private static HttpClient Trusting(X509Certificate2 certificate, Uri address, string token)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == certificate.GetCertHashString();
        var client = new HttpClient(handler) { BaseAddress = address };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
