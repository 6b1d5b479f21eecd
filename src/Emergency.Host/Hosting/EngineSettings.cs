using System.Globalization;
using System.Net;
using Emergency.Grains.Cases;
using Emergency.Host.Telemetry;
using Emergency.Storage;

namespace Emergency.Host.Hosting;

/// <summary>
/// The engine's settings, read from <c>config/emergency.json</c>, then environment variables
/// (<c>Storage__Provider=PostgreSql</c>) and the command line (<c>--Storage:Provider=PostgreSql</c>).
/// Relative paths are resolved against the config directory.
/// </summary>
public sealed record EngineSettings
{
    public required string ConfigDirectory { get; init; }

    public required StorageOptions Storage { get; init; }

    public required string RulesDirectory { get; init; }

    public string? RulesOverrideFile { get; init; }

    public required string TokensFile { get; init; }

    /// <summary>Where the Data Protection keys of session cookies are kept (<c>Auth:KeysDirectory</c>); none: ASP.NET's default for this user.</summary>
    public string? KeysDirectory { get; init; }

    /// <summary>The region catalog (<c>Regions:File</c>); none means regions are free names, matched by name alone.</summary>
    public string? RegionsFile { get; init; }

    /// <summary>Whether a new case naming a region outside the catalog is refused (<c>Regions:Unknown</c>: Refuse, the default, or Accept).</summary>
    public bool RefuseUnknownRegions { get; init; } = true;

    /// <summary>The river systems (<c>Rivers:Directory</c>, their reaches in region codes, so it needs <c>Regions:File</c>); none: no spill can be placed on a river.</summary>
    public string? RiversDirectory { get; init; }

    public required string ClusterId { get; init; }

    public required string ServiceId { get; init; }

    public required int SiloPort { get; init; }

    /// <summary>The Orleans gateway for outside clients; 0 (the default) opens none: the API and the board need none.</summary>
    public required int GatewayPort { get; init; }

    /// <summary>The cluster's certificate (<c>Cluster:Tls:*</c>); null when none is configured.</summary>
    public ClusterTlsFiles? Tls { get; init; }

    public required IPAddress AdvertisedAddress { get; init; }

    /// <summary>How long a case keeps the first answer to a command with an Idempotency-Key (<c>Idempotency:AnswerWindow</c>, <c>Idempotency:AnswerCount</c>).</summary>
    public required AnswerRetention Answers { get; init; }

    /// <summary>How long a case stays in memory without a call (<c>Cases:IdleAfter</c>).</summary>
    public CaseActivity Cases { get; init; } = CaseActivity.Default;

    /// <summary>The keys that protect complainants' personal data (<c>Privacy:*</c>).</summary>
    public required PrivacySettings Privacy { get; init; }

    /// <summary>Metrics, traces and the Orleans dashboard (<c>Telemetry:*</c>).</summary>
    public TelemetrySettings Telemetry { get; init; } = TelemetrySettings.Default;

    /// <summary>
    /// <c>Drills:WarmUpAtStart</c>: while the engine starts, play a small drill on the domain alone on another thread, so
    /// that its first fast drill finds its code compiled (default false; the drill command line turns it on for the
    /// engine it starts, which runs without tiered compilation).
    /// </summary>
    public bool WarmUpDrills { get; init; }

    public static EngineSettings Read(IConfiguration configuration, string configDirectory)
    {
        string Path(string key, string fallback)
        {
            var value = configuration[key];
            return System.IO.Path.GetFullPath(System.IO.Path.Combine(configDirectory, string.IsNullOrWhiteSpace(value) ? fallback : value));
        }

        int Port(string key, int fallback, int lowest = 1)
        {
            var value = configuration[key];
            if (string.IsNullOrWhiteSpace(value))
            {
                return fallback;
            }

            return int.TryParse(value, out var port) && port >= lowest && port < 65536
                ? port
                : throw new EngineConfigurationException(key, $"'{value}' is not a port number ({lowest}–65535)");
        }

        string? OptionalPath(string key) => string.IsNullOrWhiteSpace(configuration[key]) ? null : Path(key, "");

        AnswerRetention Answers()
        {
            var window = configuration["Idempotency:AnswerWindow"];
            var count = configuration["Idempotency:AnswerCount"];
            var retention = AnswerRetention.Default;
            if (!string.IsNullOrWhiteSpace(window))
            {
                retention = TimeSpan.TryParse(window, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero && span <= TimeSpan.FromDays(30)
                    ? retention with { Window = span }
                    : throw new EngineConfigurationException("Idempotency:AnswerWindow", $"'{window}' is not a time span from 00:00:00 to 30.00:00:00 (days.hours:minutes:seconds)");
            }

            if (!string.IsNullOrWhiteSpace(count))
            {
                retention = int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= CaseRecord<object>.RememberedCommands
                    ? retention with { Count = n }
                    : throw new EngineConfigurationException("Idempotency:AnswerCount", $"'{count}' is not a whole number from 0 to {CaseRecord<object>.RememberedCommands}");
            }

            var maxBytes = configuration["Idempotency:AnswerMaxBytes"];
            if (!string.IsNullOrWhiteSpace(maxBytes))
            {
                retention = int.TryParse(maxBytes, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) && bytes <= 1024 * 1024
                    ? retention with { MaxBytes = bytes }
                    : throw new EngineConfigurationException("Idempotency:AnswerMaxBytes", $"'{maxBytes}' is not a whole number of bytes from 0 to 1048576");
            }

            return retention;
        }

        CaseActivity Cases()
        {
            var idle = configuration["Cases:IdleAfter"];
            return string.IsNullOrWhiteSpace(idle) ? CaseActivity.Default
                : TimeSpan.TryParse(idle, CultureInfo.InvariantCulture, out var span) && span >= CaseActivity.Shortest && span <= CaseActivity.Longest
                    ? new CaseActivity(span)
                    : throw new EngineConfigurationException("Cases:IdleAfter", $"'{idle}' is not a time span from 00:02:00 to 1.00:00:00 (days.hours:minutes:seconds)");
        }

        var address = configuration["Cluster:AdvertisedAddress"] ?? "127.0.0.1";
        if (!IPAddress.TryParse(address, out var advertised))
        {
            throw new EngineConfigurationException("Cluster:AdvertisedAddress", $"'{address}' is not an IP address");
        }

        var storage = StorageOptions.FromConfiguration(configuration);
        var gatewayPort = Port("Cluster:GatewayPort", 0, lowest: 0);
        var tls = OptionalPath("Cluster:Tls:Certificate") is { } certificate
            ? new ClusterTlsFiles(certificate, NullIfEmpty(configuration["Cluster:Tls:CertificatePassword"]), OptionalPath("Cluster:Tls:CertificateKey"), OptionalPath("Cluster:Tls:Authority"))
            : null;
        if (tls is null && storage.Provider != StorageProvider.Sqlite)
        {
            throw new EngineConfigurationException("Cluster:Tls:Certificate",
                "a cluster's nodes talk over mutual TLS and none is configured; make a certificate with 'dotnet Emergency.Host.dll cluster-certificate cluster.pfx', give every node a copy and set Cluster:Tls:Certificate (docs/security.md)");
        }

        if (tls is null && gatewayPort != 0)
        {
            throw new EngineConfigurationException("Cluster:GatewayPort",
                "a gateway admits only clients that hold the cluster's certificate, and none is configured (Cluster:Tls:Certificate)");
        }

        var overrideFile = configuration["Rules:OverrideFile"];
        var regionsFile = configuration["Regions:File"];
        var unknownRegions = configuration["Regions:Unknown"];
        if (!string.IsNullOrWhiteSpace(unknownRegions) && !unknownRegions.Equals("Refuse", StringComparison.OrdinalIgnoreCase)
            && !unknownRegions.Equals("Accept", StringComparison.OrdinalIgnoreCase))
        {
            throw new EngineConfigurationException("Regions:Unknown", $"'{unknownRegions}' is neither Refuse nor Accept");
        }

        var riversDirectory = OptionalPath("Rivers:Directory");
        if (riversDirectory is not null && string.IsNullOrWhiteSpace(regionsFile))
        {
            throw new EngineConfigurationException("Rivers:Directory", "the rivers name their jurisdictions by region code: set Regions:File too");
        }

        return new EngineSettings
        {
            ConfigDirectory = configDirectory,
            Storage = storage,
            RulesDirectory = Path("Rules:Directory", "rules"),
            RulesOverrideFile = string.IsNullOrWhiteSpace(overrideFile) ? null : Path("Rules:OverrideFile", ""),
            TokensFile = Path("Auth:TokensFile", "tokens.json"),
            KeysDirectory = OptionalPath("Auth:KeysDirectory"),
            RegionsFile = string.IsNullOrWhiteSpace(regionsFile) ? null : Path("Regions:File", ""),
            RefuseUnknownRegions = !"Accept".Equals(unknownRegions, StringComparison.OrdinalIgnoreCase),
            RiversDirectory = riversDirectory,
            ClusterId = configuration["Cluster:ClusterId"] ?? "emergency",
            ServiceId = configuration["Cluster:ServiceId"] ?? "emergency",
            SiloPort = Port("Cluster:SiloPort", 11111),
            GatewayPort = gatewayPort,
            Tls = tls,
            AdvertisedAddress = advertised,
            Answers = Answers(),
            Cases = Cases(),
            Privacy = PrivacySettings.Read(configuration),
            Telemetry = TelemetrySettings.Read(configuration),
            WarmUpDrills = Flag(configuration, "Drills:WarmUpAtStart", false),
        };
    }

    /// <summary>true or false (either case), or <paramref name="fallback"/> when not set.</summary>
    internal static bool Flag(IConfiguration configuration, string key, bool fallback)
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        return bool.TryParse(value, out var flag) ? flag : throw new EngineConfigurationException(key, $"'{value}' is neither true nor false");
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

/// <summary>
/// Where the cluster's certificate is: a PKCS#12 file (with its password, best given as the environment variable
/// <c>Cluster__Tls__CertificatePassword</c>), or a PEM certificate with its PEM key; and, optionally, the authority
/// that issues every node's certificate. Without an authority, every node holds the same certificate.
/// </summary>
public sealed record ClusterTlsFiles(string Certificate, string? Password, string? Key, string? Authority);

/// <summary>A setting the engine cannot start with; names the key.</summary>
public sealed class EngineConfigurationException(string key, string problem)
    : Exception($"Setting '{key}': {problem}")
{
    public string Key { get; } = key;
}
