using System.Net;
using Emergency.Grains.EarlyWarning;
using Emergency.Host.Hosting;
using Emergency.Storage.Privacy;

namespace Emergency.Host.Auth;

/// <summary>
/// The shipped development tokens and token key are public (they are in the repository): an engine that accepts them
/// must be reachable from this machine only, and so must one that encrypts personal data with the shipped keys. A demo
/// configuration taken to a server by mistake stops at start.
/// </summary>
public static class DevelopmentCredentials
{
    /// <summary>Throws when the engine would listen beyond loopback and still accept the shipped tokens or key.</summary>
    public static void EnsureLoopbackOnly(IConfiguration configuration, MachineTokens tokens, SignInSettings signIn)
    {
        var outside = ListeningAddresses(configuration).Where(address => !IsLoopback(address)).ToList();
        if (outside.Count == 0)
        {
            return;
        }

        var where = $"the engine listens on {string.Join(", ", outside)}, beyond this machine";
        if (tokens.DevelopmentTokensAccepted() is { Count: > 0 } accepted)
        {
            throw new EngineConfigurationException("Auth:TokensFile",
                $"{where}, and its tokens file accepts the public development tokens {string.Join(", ", accepted)}; give it a tokens file of its own and a key of its own (Auth:TokenKey), or listen on loopback only (127.0.0.1, localhost; docs/security.md)");
        }

        if (signIn.TokenKey == SignInSettings.DevelopmentTokenKey)
        {
            throw new EngineConfigurationException("Auth:TokenKey",
                $"{where}, with the public development key of the token hashes; give it a random key of its own as the environment variable Auth__TokenKey (docs/security.md)");
        }
    }

    /// <summary>Throws when the engine would listen beyond loopback with the shipped keys of personal data.</summary>
    public static void EnsureLoopbackOnly(IConfiguration configuration, PrivacySettings privacy)
    {
        var outside = ListeningAddresses(configuration).Where(address => !IsLoopback(address)).ToList();
        if (outside.Count == 0)
        {
            return;
        }

        var where = $"the engine listens on {string.Join(", ", outside)}, beyond this machine";
        if (privacy.DataKeys.IsDevelopment)
        {
            throw new EngineConfigurationException(PersonalDataKeys.DataKeyKey,
                $"{where}, with the public development key of complainants' personal data; give it a random key of its own (openssl rand -base64 32) as the environment variable Privacy__DataKey (docs/security.md)");
        }

        if (privacy.LinkKey.IsDevelopment)
        {
            throw new EngineConfigurationException(ComplainantLinkKey.Setting,
                $"{where}, with the public development key of the link between one person's cases; give it a random key of its own as the environment variable Privacy__LinkKey (docs/security.md)");
        }
    }

    /// <summary>
    /// Where Kestrel will listen: <c>Urls</c> (also from <c>ASPNETCORE_URLS</c>), <c>HTTP_PORTS</c>/<c>HTTPS_PORTS</c>
    /// (every interface) and the <c>Kestrel:Endpoints</c> section. None configured: Kestrel's default, localhost.
    /// </summary>
    private static IEnumerable<string> ListeningAddresses(IConfiguration configuration)
    {
        foreach (var url in (configuration["Urls"] ?? "").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            yield return url;
        }

        foreach (var key in new[] { "HTTP_PORTS", "HTTPS_PORTS" })
        {
            foreach (var port in (configuration[key] ?? "").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                yield return $"*:{port} ({key})";
            }
        }

        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            if (endpoint["Url"] is { Length: > 0 } url)
            {
                yield return url;
            }
        }
    }

    /// <summary>Only <c>localhost</c> and loopback IP addresses; a wildcard (<c>*</c>, <c>+</c>, <c>0.0.0.0</c>) or any other host is not.</summary>
    public static bool IsLoopback(string url)
    {
        var authority = url.Contains("://", StringComparison.Ordinal) ? url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..] : url;
        authority = authority.Split('/')[0];
        string host;
        if (authority.StartsWith('['))
        {
            var end = authority.IndexOf(']', StringComparison.Ordinal);
            host = end > 0 ? authority[1..end] : authority;
        }
        else
        {
            var colon = authority.LastIndexOf(':');
            host = colon >= 0 ? authority[..colon] : authority;
        }

        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }
}
