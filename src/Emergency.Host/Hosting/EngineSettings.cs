using System.Net;
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

    /// <summary>The region catalog (<c>Regions:File</c>); none means regions are free names, matched by name alone.</summary>
    public string? RegionsFile { get; init; }

    /// <summary>Whether a new case naming a region outside the catalog is refused (<c>Regions:Unknown</c>: Refuse, the default, or Accept).</summary>
    public bool RefuseUnknownRegions { get; init; } = true;

    public required string ClusterId { get; init; }

    public required string ServiceId { get; init; }

    public required int SiloPort { get; init; }

    public required int GatewayPort { get; init; }

    public required IPAddress AdvertisedAddress { get; init; }

    public static EngineSettings Read(IConfiguration configuration, string configDirectory)
    {
        string Path(string key, string fallback)
        {
            var value = configuration[key];
            return System.IO.Path.GetFullPath(System.IO.Path.Combine(configDirectory, string.IsNullOrWhiteSpace(value) ? fallback : value));
        }

        int Port(string key, int fallback)
        {
            var value = configuration[key];
            if (string.IsNullOrWhiteSpace(value))
            {
                return fallback;
            }

            return int.TryParse(value, out var port) && port is > 0 and < 65536
                ? port
                : throw new EngineConfigurationException(key, $"'{value}' is not a port number (1–65535)");
        }

        var address = configuration["Cluster:AdvertisedAddress"] ?? "127.0.0.1";
        if (!IPAddress.TryParse(address, out var advertised))
        {
            throw new EngineConfigurationException("Cluster:AdvertisedAddress", $"'{address}' is not an IP address");
        }

        var overrideFile = configuration["Rules:OverrideFile"];
        var regionsFile = configuration["Regions:File"];
        var unknownRegions = configuration["Regions:Unknown"];
        if (!string.IsNullOrWhiteSpace(unknownRegions) && !unknownRegions.Equals("Refuse", StringComparison.OrdinalIgnoreCase)
            && !unknownRegions.Equals("Accept", StringComparison.OrdinalIgnoreCase))
        {
            throw new EngineConfigurationException("Regions:Unknown", $"'{unknownRegions}' is neither Refuse nor Accept");
        }

        return new EngineSettings
        {
            ConfigDirectory = configDirectory,
            Storage = StorageOptions.FromConfiguration(configuration),
            RulesDirectory = Path("Rules:Directory", "rules"),
            RulesOverrideFile = string.IsNullOrWhiteSpace(overrideFile) ? null : Path("Rules:OverrideFile", ""),
            TokensFile = Path("Auth:TokensFile", "tokens.json"),
            RegionsFile = string.IsNullOrWhiteSpace(regionsFile) ? null : Path("Regions:File", ""),
            RefuseUnknownRegions = !"Accept".Equals(unknownRegions, StringComparison.OrdinalIgnoreCase),
            ClusterId = configuration["Cluster:ClusterId"] ?? "emergency",
            ServiceId = configuration["Cluster:ServiceId"] ?? "emergency",
            SiloPort = Port("Cluster:SiloPort", 11111),
            GatewayPort = Port("Cluster:GatewayPort", 30000),
            AdvertisedAddress = advertised,
        };
    }
}

/// <summary>A setting the engine cannot start with; names the key.</summary>
public sealed class EngineConfigurationException(string key, string problem)
    : Exception($"Setting '{key}': {problem}")
{
    public string Key { get; } = key;
}
