using Emergency.Storage.Migrations;

namespace Emergency.Storage.Tests;

public sealed class SchemaScriptTests
{
    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public void Embedded_scripts_are_numbered_from_one_without_gaps(StorageProvider provider)
    {
        var scripts = EmbeddedSchemaScripts.For(provider);

        Assert.Equal(Enumerable.Range(1, scripts.Count), scripts.Select(script => script.Version));
        Assert.Equal(scripts.Count, SchemaMigrator.LatestVersion(provider));
        Assert.All(scripts, script => Assert.Matches(@"^\d{4}_[a-z0-9_]+\.sql$", script.Name));
    }

    [Fact]
    public void A_gap_in_versions_is_refused()
    {
        var scripts = new[] { new SchemaScript(1, "0001_a.sql", ""), new SchemaScript(3, "0003_c.sql", "") };

        var error = Assert.Throws<InvalidOperationException>(() => EmbeddedSchemaScripts.Validated("Test", scripts));

        Assert.Contains("0003_c.sql", error.Message, StringComparison.Ordinal);
    }
}
