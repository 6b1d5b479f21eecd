using System.Net;
using System.Text.Json.Nodes;
using Emergency.Api.Tests.Infrastructure;
using Emergency.Testing;
using Emergency.Testing.Engine;

namespace Emergency.Api.Tests;

/// <summary>
/// The engine as shipped (Regions:Unknown=Refuse): a new decision or restriction must name a region of the catalog,
/// by code, official name or alias, in any width and spacing; anything else is a 400 naming the field.
/// </summary>
public sealed class RegionCatalogApiTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new("regions");
    private EngineInstance? _engine;

    public async ValueTask InitializeAsync() =>
        _engine = await EngineInstance.StartAsync(_directory.File("emergency.db"), EngineFixture.Start, TestContext.Current.CancellationToken, "--Regions:Unknown=Refuse");

    public async ValueTask DisposeAsync()
    {
        if (_engine is not null)
        {
            await _engine.DisposeAsync();
        }

        _directory.Dispose();
    }

    [Fact]
    public async Task A_region_outside_the_catalog_is_a_400_and_nothing_is_created_while_a_full_width_or_spaced_name_is_taken()
    {
        using var maker = new ApiClient(_engine!.Client(Tokens.DecisionMaker));

        var unknown = Problem.Assert(await maker.Post("/api/decisions", Draft("Springfield")), HttpStatusCode.BadRequest, "region");
        Assert.StartsWith("'Springfield' is not in the region catalog (cn-gbt2260)", unknown["errors"]!["region"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        var ambiguous = Problem.Assert(await maker.Post("/api/enforcement/restrictions", new JsonObject { ["region"] = "吉林", ["reason"] = "Targets missed." }), HttpStatusCode.BadRequest, "region");
        Assert.Contains("吉林省 (220000) or 吉林市 (220200)", ambiguous["errors"]!["region"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty((await maker.Get("/api/decisions")).Body.AsArray());
        Assert.Empty((await maker.Get("/api/enforcement")).Body["restrictionsInForce"]!.AsArray());

        var drafted = await maker.Post("/api/decisions", Draft("潞城区\u3000"));
        Assert.True(drafted.Status == HttpStatusCode.Created, drafted.ToString());
        var restricted = await maker.Post("/api/enforcement/restrictions", new JsonObject { ["region"] = "ＣＨＡＮＧＺＨＩ", ["reason"] = "Targets missed." });
        Assert.True(restricted.Status == HttpStatusCode.Created, restricted.ToString());
        Assert.Contains((await maker.Get($"/api/decisions/{drafted.Body.Str("id")}")).Body["blockedBy"]!.AsArray(), b => b!.Str("kind") == "regionalRestriction");
    }

    private static JsonObject Draft(string region) => new()
    {
        ["title"] = "Coking plant expansion",
        ["region"] = region,
        ["kind"] = "investmentProject",
        ["proposal"] = "A second coke oven battery beside the Zhuozhang.",
    };
}
