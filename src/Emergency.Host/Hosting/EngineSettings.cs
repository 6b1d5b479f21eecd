using System.Globalization;
using System.Net;
using Emergency.Grains.Cases;
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

    public required string ClusterId { get; init; }

    public required string ServiceId { get; init; }

    public required int SiloPort { get; init; }

    public required int GatewayPort { get; init; }

    public required IPAddress AdvertisedAddress { get; init; }

    /// <summary>How long a case keeps the first answer to a command with an Idempotency-Key (<c>Idempotency:AnswerWindow</c>, <c>Idempotency:AnswerCount</c>).</summary>
    public required AnswerRetention Answers { get; init; }

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

            return retention;
        }

        var address = configuration["Cluster:AdvertisedAddress"] ?? "127.0.0.1";
        if (!IPAddress.TryParse(address, out var advertised))
        {
            throw new EngineConfigurationException("Cluster:AdvertisedAddress", $"'{address}' is not an IP address");
        }

        var overrideFile = configuration["Rules:OverrideFile"];
        return new EngineSettings
        {
            ConfigDirectory = configDirectory,
            Storage = StorageOptions.FromConfiguration(configuration),
            RulesDirectory = Path("Rules:Directory", "rules"),
            RulesOverrideFile = string.IsNullOrWhiteSpace(overrideFile) ? null : Path("Rules:OverrideFile", ""),
            TokensFile = Path("Auth:TokensFile", "tokens.json"),
            ClusterId = configuration["Cluster:ClusterId"] ?? "emergency",
            ServiceId = configuration["Cluster:ServiceId"] ?? "emergency",
            SiloPort = Port("Cluster:SiloPort", 11111),
            GatewayPort = Port("Cluster:GatewayPort", 30000),
            AdvertisedAddress = advertised,
            Answers = Answers(),
        };
    }
}

/// <summary>A setting the engine cannot start with; names the key.</summary>
public sealed class EngineConfigurationException(string key, string problem)
    : Exception($"Setting '{key}': {problem}")
{
    public string Key { get; } = key;
}
