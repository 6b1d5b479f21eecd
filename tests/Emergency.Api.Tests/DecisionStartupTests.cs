using System.Net;
using System.Text.Json.Nodes;
using Emergency.Api.Tests.Infrastructure;
using Emergency.Domain.Rules;
using Emergency.Host.Hosting;
using Emergency.Testing;
using Emergency.Testing.Engine;

namespace Emergency.Api.Tests;

/// <summary>Start-up for major decisions: a bad decisions rule file or enforcement role stops the start; the enforcement roles are a setting.</summary>
public sealed class DecisionStartupTests
{
    [Fact]
    public void A_broken_decisions_rule_file_stops_the_start_naming_the_file_and_the_key()
    {
        using var config = CopyOfConfig();
        var file = Path.Combine(config.Path, "rules", "decisions", "cn-2019.json");
        var rules = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        rules["publicComment"]!["minimumPeriod"] = "thirty days";
        File.WriteAllText(file, rules.ToJsonString());

        var error = Assert.Throws<RuleSetException>(() => EngineHost.Build([$"--ConfigDirectory={config.Path}"]));
        Assert.Contains("cn-2019.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("minimumPeriod", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_enforcement_role_stops_the_start()
    {
        var error = Assert.Throws<EngineConfigurationException>(() => EngineHost.Build(["--Auth:EnforcementRoles=decisionMaker,sheriff"]));
        Assert.Contains("Auth:EnforcementRoles", error.Message, StringComparison.Ordinal);
        Assert.Contains("'sheriff' is not a role", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_roles_that_keep_the_enforcement_registry_are_a_setting()
    {
        using var directory = new TempDirectory("enforcers");
        await using var engine = await EngineInstance.StartAsync(directory.File("emergency.db"), EngineFixture.Start, TestContext.Current.CancellationToken, "--Auth:EnforcementRoles=assessor");
        using var assessor = new ApiClient(engine.Client("assessor-dev-token"));
        using var maker = new ApiClient(engine.Client(Tokens.DecisionMaker));
        var body = new JsonObject { ["region"] = "Handan", ["reason"] = "Air quality targets missed." };

        Problem.Assert(await maker.Post("/api/enforcement/restrictions", body), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Created, (await assessor.Post("/api/enforcement/restrictions", body)).Status);
        var registry = (await maker.Get("/api/enforcement")).Body;
        Assert.Equal("assessor.zhao (Assessor)", registry["restrictionsInForce"]!.AsArray().Single()!.Str("setBy"));
    }

    private static TempDirectory CopyOfConfig()
    {
        var copy = new TempDirectory("config");
        foreach (var source in Directory.EnumerateFiles(RepoPaths.Config, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy.Path, Path.GetRelativePath(RepoPaths.Config, source));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
        }

        return copy;
    }
}
