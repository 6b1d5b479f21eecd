using Microsoft.Extensions.Configuration;

namespace Emergency.Storage.Tests;

public sealed class CommitModeTests
{
    [Theory]
    [InlineData(null, CommitMode.Group)]
    [InlineData("", CommitMode.Group)]
    [InlineData(" Group ", CommitMode.Group)]
    [InlineData("perWrite", CommitMode.PerWrite)]
    [InlineData("PERWRITE", CommitMode.PerWrite)]
    public void Commit_modes_parse_ignoring_case_and_default_to_group_commit(string? value, CommitMode expected) =>
        Assert.Equal(expected, StorageOptions.ParseCommit(value));

    [Fact]
    public void An_unknown_commit_mode_names_its_config_key()
    {
        var error = Assert.Throws<StorageConfigurationException>(() => StorageOptions.ParseCommit("default"));

        Assert.Equal(StorageOptions.CommitKey, error.Key);
        Assert.Contains("'default'", error.Message, StringComparison.Ordinal);
        Assert.Contains("group (the default) or perWrite", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_commit_mode_is_read_from_the_storage_section()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageOptions.ProviderKey] = "Sqlite",
            [StorageOptions.ConnectionStringKey] = "Data Source=x.db",
            [StorageOptions.CommitKey] = "perWrite",
        }).Build();

        Assert.Equal(CommitMode.PerWrite, StorageOptions.FromConfiguration(configuration).Commit);
    }
}
