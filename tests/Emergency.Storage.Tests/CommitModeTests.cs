using Microsoft.Extensions.Configuration;

namespace Emergency.Storage.Tests;

public sealed class CommitModeTests
{
    [Theory]
    [InlineData(null, CommitMode.PerWrite)]
    [InlineData("", CommitMode.PerWrite)]
    [InlineData("default", CommitMode.PerWrite)]
    [InlineData("perWrite", CommitMode.PerWrite)]
    [InlineData(" Group ", CommitMode.Group)]
    public void Commit_modes_parse_ignoring_case_and_default_to_one_commit_per_write(string? value, CommitMode expected) =>
        Assert.Equal(expected, StorageOptions.ParseCommit(value));

    [Fact]
    public void An_unknown_commit_mode_names_its_config_key()
    {
        var error = Assert.Throws<StorageConfigurationException>(() => StorageOptions.ParseCommit("batch"));

        Assert.Equal(StorageOptions.CommitKey, error.Key);
        Assert.Contains("default or group", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_commit_mode_is_read_from_the_storage_section()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageOptions.ProviderKey] = "Sqlite",
            [StorageOptions.ConnectionStringKey] = "Data Source=x.db",
            [StorageOptions.CommitKey] = "group",
        }).Build();

        Assert.Equal(CommitMode.Group, StorageOptions.FromConfiguration(configuration).Commit);
    }
}
