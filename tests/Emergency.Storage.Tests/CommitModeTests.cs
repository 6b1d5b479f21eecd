using Microsoft.Extensions.Configuration;

namespace Emergency.Storage.Tests;

public sealed class CommitModeTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData(" Group ", CommitMode.Group)]
    [InlineData("perWrite", CommitMode.PerWrite)]
    [InlineData("PERWRITE", CommitMode.PerWrite)]
    public void Commit_modes_parse_ignoring_case_and_absent_leaves_the_choice_to_the_provider(string? value, CommitMode? expected) =>
        Assert.Equal(expected, StorageOptions.ParseCommit(value));

    [Theory]
    [InlineData(StorageProvider.PostgreSql, null, CommitMode.Group)]
    [InlineData(StorageProvider.Sqlite, null, CommitMode.Group)]
    [InlineData(StorageProvider.Sqlite, CommitMode.PerWrite, CommitMode.PerWrite)]
    [InlineData(StorageProvider.PostgreSql, CommitMode.PerWrite, CommitMode.PerWrite)]
    public void Both_providers_commit_in_groups_unless_asked_for_one_commit_per_write(StorageProvider provider, CommitMode? asked, CommitMode expected) =>
        Assert.Equal(expected, new StorageOptions { Provider = provider, ConnectionString = "x", Commit = asked }.EffectiveCommit);

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
