namespace Emergency.Storage.Tests;

public sealed class StorageProbeTests
{
    [Fact]
    public async Task Unreachable_postgres_is_not_ready()
    {
        var options = new StorageOptions
        {
            Provider = StorageProvider.PostgreSql,
            ConnectionString = "Host=127.0.0.1;Port=1;Username=nobody;Password=none;Database=none;Timeout=2",
        };

        Assert.False(await StorageProbe.IsReadyAsync(options, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Invalid_options_are_a_configuration_error_not_a_false_probe()
    {
        var options = new StorageOptions { Provider = StorageProvider.Sqlite, ConnectionString = "" };

        await Assert.ThrowsAsync<StorageConfigurationException>(
            () => StorageProbe.IsReadyAsync(options, TestContext.Current.CancellationToken));
    }
}
