using Microsoft.Extensions.Configuration;

namespace Emergency.Storage.Tests;

public sealed class StorageOptionsTests
{
    [Fact]
    public void Empty_connection_string_names_its_config_key()
    {
        var options = new StorageOptions { Provider = StorageProvider.PostgreSql, ConnectionString = " " };

        var error = Assert.Throws<StorageConfigurationException>(options.Validate);

        Assert.Equal(StorageOptions.ConnectionStringKey, error.Key);
        Assert.StartsWith("Storage:ConnectionString: ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mysql")]
    [InlineData("1")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_provider_name_names_its_config_key(string? value)
    {
        var error = Assert.Throws<StorageConfigurationException>(() => StorageOptions.ParseProvider(value));

        Assert.Equal(StorageOptions.ProviderKey, error.Key);
        Assert.Contains("Sqlite, PostgreSql", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Undefined_provider_value_is_rejected()
    {
        var options = new StorageOptions { Provider = (StorageProvider)42, ConnectionString = "Data Source=x.db" };

        var error = Assert.Throws<StorageConfigurationException>(options.Validate);

        Assert.Equal(StorageOptions.ProviderKey, error.Key);
    }

    [Theory]
    [InlineData("sqlite", StorageProvider.Sqlite)]
    [InlineData(" PostgreSQL ", StorageProvider.PostgreSql)]
    public void Provider_names_ignore_case(string value, StorageProvider expected) =>
        Assert.Equal(expected, StorageOptions.ParseProvider(value));

    [Theory]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=x.db;Mode=Memory")]
    [InlineData("Data Source=x.db;Mode=ReadOnly")]
    [InlineData("Mode=ReadWrite")]
    [InlineData("Data Source=x.db;Bogus=1")]
    public void Unusable_sqlite_connection_strings_are_rejected(string connectionString)
    {
        var options = new StorageOptions { Provider = StorageProvider.Sqlite, ConnectionString = connectionString };

        var error = Assert.Throws<StorageConfigurationException>(options.Validate);

        Assert.Equal(StorageOptions.ConnectionStringKey, error.Key);
    }

    [Fact]
    public void Invalid_postgres_connection_string_is_rejected_without_echoing_the_password()
    {
        var options = new StorageOptions
        {
            Provider = StorageProvider.PostgreSql,
            ConnectionString = "Host=db;Password=s3cret-value;NoSuchKeyword=1",
        };

        var error = Assert.Throws<StorageConfigurationException>(options.Validate);

        Assert.Equal(StorageOptions.ConnectionStringKey, error.Key);
        Assert.DoesNotContain("s3cret-value", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Configuration_section_is_read_and_validated()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:Provider"] = "PostgreSql",
                ["Storage:ConnectionString"] = "Host=db;Database=emergency",
            })
            .Build();

        var options = StorageOptions.FromConfiguration(configuration);

        Assert.Equal(StorageProvider.PostgreSql, options.Provider);
        Assert.Equal("Host=db;Database=emergency", options.ConnectionString);
    }

    [Fact]
    public void Missing_configuration_fails_on_the_provider_key_first()
    {
        var error = Assert.Throws<StorageConfigurationException>(
            () => StorageOptions.FromConfiguration(new ConfigurationBuilder().Build()));

        Assert.Equal(StorageOptions.ProviderKey, error.Key);
    }
}

public sealed class ProviderConnectionStringTests
{
    [Fact]
    public void PostgreSQL_statements_are_prepared_automatically_unless_the_connection_string_says_otherwise()
    {
        static string For(string connectionString) =>
            EmergencyStorage.ConnectionStringFor(new StorageOptions { Provider = StorageProvider.PostgreSql, ConnectionString = connectionString });

        Assert.Contains($"Max Auto Prepare={EmergencyStorage.AutoPreparedStatements}", For("Host=db;Username=u;Database=d"), StringComparison.Ordinal);
        Assert.Equal("Host=db;Max Auto Prepare=0", For("Host=db;Max Auto Prepare=0"));
        Assert.Equal("Host=db;MaxAutoPrepare=5", For("Host=db;MaxAutoPrepare=5"));
    }

    [Fact]
    public void A_SQLite_connection_string_is_used_as_given() =>
        Assert.Equal("Data Source=x.db", EmergencyStorage.ConnectionStringFor(new StorageOptions { Provider = StorageProvider.Sqlite, ConnectionString = "Data Source=x.db" }));
}
