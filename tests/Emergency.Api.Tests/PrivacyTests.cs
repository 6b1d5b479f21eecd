using Emergency.Host.Hosting;
using Emergency.Storage;
using Emergency.Testing;

namespace Emergency.Api.Tests;

/// <summary>The keys of personal data at start: a deployment's own, the shipped ones on loopback only, none refused.</summary>
public sealed class PrivacyTests
{
    /// <summary>Keys of personal data of a deployment's own, for tests that start an engine beyond loopback.</summary>
    public static readonly string[] KeysOfItsOwn =
    [
        $"--Privacy:DataKey={Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))}",
        $"--Privacy:LinkKey={Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))}",
    ];

    [Fact]
    public async Task The_shipped_keys_of_personal_data_stop_the_start_beyond_loopback_and_keys_of_its_own_let_it_start()
    {
        using var directory = new TempDirectory("privacy-keys");
        var tokenKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var tokens = directory.File("tokens.json");
        File.WriteAllText(tokens, $$"""{ "users": [ { "user": "monitor", "role": "administrator", "tokenHmac": "{{Host.Auth.MachineTokens.Hash(tokenKey, "a-random-token-of-its-own")}}" } ] }""");
        string[] args = ["--Urls=http://0.0.0.0:0", $"--Auth:TokensFile={tokens}", $"--Auth:TokenKey={tokenKey}", $"--Cluster:SiloPort={FreePorts.Next()}",
            $"--Storage:ConnectionString=Data Source={directory.File("emergency.db")}"];

        var data = Assert.Throws<EngineConfigurationException>(() => EngineHost.Build(args));
        Assert.Equal("Privacy:DataKey", data.Key);
        Assert.Contains("beyond this machine", data.Message, StringComparison.Ordinal);

        var link = Assert.Throws<EngineConfigurationException>(() => EngineHost.Build([.. args, KeysOfItsOwn[0]]));
        Assert.Equal("Privacy:LinkKey", link.Key);

        await using var app = EngineHost.Build([.. args, .. KeysOfItsOwn]);
        Assert.NotNull(app);
    }

    [Theory]
    [InlineData("--Privacy:DataKey=", "Privacy:DataKey")]
    [InlineData("--Privacy:DataKey=c2hvcnQ=", "Privacy:DataKey")]
    [InlineData("--Privacy:PreviousDataKeys:0=not a key", "Privacy:PreviousDataKeys:0")]
    public void A_missing_or_malformed_key_of_personal_data_stops_the_start_naming_the_setting(string setting, string key)
    {
        var error = Assert.Throws<StorageConfigurationException>(() => EngineHost.Build([setting, $"--Cluster:SiloPort={FreePorts.Next()}"]));
        Assert.Equal(key, error.Key);
        Assert.Contains("base64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_link_key_stops_the_start_naming_the_setting()
    {
        var error = Assert.Throws<EngineConfigurationException>(() => EngineHost.Build(["--Privacy:LinkKey=short", $"--Cluster:SiloPort={FreePorts.Next()}"]));
        Assert.Equal("Privacy:LinkKey", error.Key);
    }
}
