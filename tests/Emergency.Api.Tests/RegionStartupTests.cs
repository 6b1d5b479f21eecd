using Emergency.Domain.Rules;
using Emergency.Host.Hosting;
using Emergency.Testing;

namespace Emergency.Api.Tests;

/// <summary>Start-up with the region catalog: a broken catalog or an unknown Regions:Unknown stops the start, naming what is wrong.</summary>
public sealed class RegionStartupTests
{
    [Fact]
    public void A_broken_region_catalog_stops_the_start_naming_the_file_and_the_key()
    {
        using var directory = new TempDirectory("regions");
        var file = directory.File("regions.json");
        File.WriteAllText(file, """
            {"id": "t", "title": "t", "source": "s", "regions": [
              {"code": "130000", "name": "河北省", "level": "province"},
              {"code": "140400", "name": "长治市", "level": "city", "parent": "130000"}]}
            """);

        var error = Assert.Throws<RuleSetException>(() => EngineHost.Build([$"--Regions:File={file}"]));
        Assert.Equal((file, "regions[1].parent"), (error.File, error.Key));
        Assert.Contains("cannot lie in 130000 河北省", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_region_catalog_or_an_unknown_policy_for_unknown_regions_stops_the_start()
    {
        var missing = Assert.Throws<RuleSetException>(() => EngineHost.Build(["--Regions:File=regions/nowhere.json"]));
        Assert.Contains("nowhere.json", missing.Message, StringComparison.Ordinal);
        var policy = Assert.Throws<EngineConfigurationException>(() => EngineHost.Build(["--Regions:Unknown=Sometimes"]));
        Assert.Equal("Regions:Unknown", policy.Key);
    }
}
