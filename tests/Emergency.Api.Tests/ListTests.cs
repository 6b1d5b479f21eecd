using System.Net;
using System.Text.Json.Nodes;
using Emergency.Api.Tests.Infrastructure;

namespace Emergency.Api.Tests;

[Collection(SharedEngine.Name)]
public sealed class ListTests(EngineFixture engine)
{
    [Fact]
    public async Task The_list_filters_by_level_region_and_overdue_and_puts_overdue_first()
    {
        var api = engine.Commander;
        var region = EngineFixture.NewRegion("Handan");
        var now = engine.Now;
        var levelTwo = (await api.Register(Bodies.Incident(region, now.AddMinutes(-5), Bodies.CrossProvince()))).Str("id");
        var levelFour = (await api.Register(Bodies.Incident(region, now.AddMinutes(-5)))).Str("id");
        // Discovered 5 h ago: its 4 h report and 2 h reach-scene deadlines passed before it was registered.
        var overdue = (await api.Register(Bodies.Incident(region, now.AddHours(-5)))).Str("id");

        var all = await Procedure.ListShows(api, $"?region={region}", levelTwo, levelFour, overdue);
        Assert.Equal(overdue, all[0].Str("id"));
        Assert.Equal([true, false, false], all.Select(s => s!["overdue"]!.GetValue<bool>()));
        Assert.Equal(levelTwo, all[1].Str("id"));

        // Region matching ignores case.
        Assert.Equal(3, (await api.List($"?region={region.ToUpperInvariant()}")).Count);

        var levelII = await api.List("?level=II");
        Assert.Contains(levelTwo, levelII.Ids());
        Assert.DoesNotContain(levelFour, levelII.Ids());
        Assert.All(levelII, s => Assert.Equal("II", s.Str("level")));

        var levelIV = await api.List($"?level=IV&region={region}");
        Assert.Equal(new[] { levelFour, overdue }.Order(), levelIV.Ids().Order());

        var overdueOnly = await api.List("?overdue=true");
        Assert.Contains(overdue, overdueOnly.Ids());
        Assert.DoesNotContain(levelTwo, overdueOnly.Ids());
        Assert.DoesNotContain(levelFour, overdueOnly.Ids());
        Assert.All(overdueOnly, s => Assert.True(s!["overdue"]!.GetValue<bool>()));

        var onTime = await api.List($"?overdue=false&region={region}");
        Assert.Equal(new[] { levelTwo, levelFour }.Order(), onTime.Ids().Order());

        Assert.Equal([overdue], (await api.List($"?region={region}&level=IV&overdue=true")).Ids());
        Assert.Empty(await api.List($"?region={region}&level=I"));
        Assert.Empty(await api.List($"?region={region}x"));
    }

    [Fact]
    public async Task A_closed_incident_leaves_the_list()
    {
        var api = engine.Commander;
        var region = EngineFixture.NewRegion("Anyang");
        var staying = (await api.Register(Bodies.Incident(region, engine.Now))).Str("id");
        var closing = (await api.Register(Bodies.Incident(region, engine.Now))).Str("id");
        await Procedure.ListShows(api, $"?region={region}", staying, closing);

        await Procedure.RunToClosed(api, closing);

        await Procedure.ListShows(api, $"?region={region}", staying);
        Assert.Equal("closed", (await api.Incident(closing)).Str("phase"));
    }

    [Theory]
    [InlineData("level=V", "level")]
    [InlineData("level=2", "level")]
    [InlineData("level=ii", "level")]
    [InlineData("level=", "level")]
    [InlineData("level=I,II", "level")]
    [InlineData("level=%20II", "level")]
    [InlineData("overdue=yes", "overdue")]
    [InlineData("overdue=1", "overdue")]
    [InlineData("overdue=", "overdue")]
    public async Task A_bad_filter_value_is_400_naming_the_field(string query, string field)
    {
        var reply = await engine.Observer.Get($"/api/incidents?{query}");

        Problem.Assert(reply, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task The_list_shows_what_a_summary_is_made_of()
    {
        var api = engine.Commander;
        var region = EngineFixture.NewRegion("Liuzhou");
        var discovered = engine.Now.AddMinutes(-30);
        var id = (await api.Register(Bodies.Incident(region, discovered, new JsonObject { ["deaths"] = 3 }))).Str("id");

        var summary = (await Procedure.ListShows(engine.Observer, $"?region={region}", id)).Single()!;

        Assert.Equal("III", summary.Str("level"));
        Assert.Equal("registered", summary.Str("phase"));
        Assert.Equal(discovered, summary.Time("discoveredAt"));
        // Level III: on scene within 2 h is the earliest deadline.
        Assert.Equal(discovered.AddHours(2), summary.Time("nextDueAt"));
        Assert.Equal(5, summary["obligations"]!.AsArray().Count);
    }
}
