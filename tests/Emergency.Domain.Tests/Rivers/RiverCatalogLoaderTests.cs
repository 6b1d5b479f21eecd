using System.Text.Json.Nodes;
using Emergency.Domain.Rivers;
using Emergency.Domain.Rules;
using Emergency.Domain.Tests.Regions;

namespace Emergency.Domain.Tests.Rivers;

/// <summary>The river files: the shipped systems load with every figure sourced; a bad file is refused with the file, the key and the problem.</summary>
public sealed class RiverCatalogLoaderTests
{
    private const string File = "test-river.json";

    [Fact]
    public void The_shipped_systems_load_with_their_reaches_intakes_and_boundaries()
    {
        var rivers = RealRivers.Catalog;

        Assert.Equal(["longjiang-liujiang", "songhua", "zhuozhang"], rivers.Systems.Select(s => s.Id));
        var songhua = rivers.Systems.Single(s => s.Id == "songhua");
        Assert.Equal(
            ["songhua-jilin", "songhua-sanchahe-harbin", "songhua-harbin", "songhua-mulan-dalai", "songhua-jiamusi"],
            songhua.Downstream(songhua.Reach("songhua-jilin")!).Select(r => r.Id));
        Assert.Equal(1096m, (decimal)songhua.Reaches.Sum(r => r.LengthKm.Value));
        Assert.Equal(["220000", "230000", "230100", "230100", "230800"], songhua.Reaches.Select(r => r.Jurisdiction.Code));
        var harbin = songhua.Intakes.Single(i => i.Id == "harbin-sifangtai");
        Assert.Equal((3_800_000d, "230100"), (harbin.PeopleServed!.Value, harbin.Jurisdiction.Code));
        var zhuozhang = rivers.Systems.Single(s => s.Id == "zhuozhang");
        Assert.Equal(["zhuozhang-changzhi", "zhang-border-yuecheng"], zhuozhang.Downstream(zhuozhang.Reach("zhuozhang-changzhi")!).Select(r => r.Id));
        var belowTheBorder = zhuozhang.Reach("zhang-border-yuecheng")!;
        Assert.Equal("130426", belowTheBorder.Jurisdiction.Code);
        Assert.Equal(["410581"], belowTheBorder.OtherBank.Select(r => r.Code));
        Assert.Equal(["handan-yuecheng", "anyang-yuecheng"], zhuozhang.Intakes.Select(i => i.Id));
        Assert.All(zhuozhang.Intakes, i => Assert.False(string.IsNullOrWhiteSpace(i.PeopleServedUnknown)));
        Assert.All(
            rivers.Systems.SelectMany(s => s.Reaches.Select(r => r.LengthKm).Concat(s.Reaches.SelectMany(r => r.Seasons.Select(v => v.MetresPerSecond)))),
            figure => Assert.False(string.IsNullOrWhiteSpace(figure.Source) || string.IsNullOrWhiteSpace(figure.Date)));
    }

    [Fact]
    public void A_valid_minimal_file_loads() =>
        Assert.Equal("test", Load(Valid()).Systems.Single().Id);

    public static TheoryData<string, string, string> BadFiles => new()
    {
        { "unknown region", "reaches[0].jurisdiction", "'999999' is not a region of the catalog" },
        { "negative length", "reaches[0].lengthKm.value", "-5 must be more than zero" },
        { "zero velocity", "reaches[0].velocity.default.value", "0 must be more than zero" },
        { "no velocity", "reaches[0].velocity", "needs a default velocity or one for a season" },
        { "month 13", "reaches[0].velocity.seasons[0].months", "13 is not a month" },
        { "missing source", "reaches[1].lengthKm.source", "every figure needs its source" },
        { "missing date", "reaches[1].lengthKm.date", "every figure needs the date it held" },
        { "cycle", "reaches", "the reaches a → b → a flow in a circle" },
        { "unknown downstream reach", "reaches[0].flowsInto", "'nowhere' is not a reach of this file" },
        { "no mouth", "reaches[1].mouth", "flows into no listed reach" },
        { "intake off its reach", "intakes[0].positionKm", "km 60 lies off reach 'b', which is 40 km long" },
        { "intake on an unknown reach", "intakes[0].reach", "'c' is not a reach of this file" },
        { "intake without operator", "intakes[0].operator", "needs its operator" },
        { "intake without people served", "intakes[0].peopleServed", "give the people served with its source" },
        { "intake without source", "intakes[0].source", "an intake needs its source" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void A_bad_file_is_refused_with_the_key_and_the_problem(string mutation, string key, string problem)
    {
        var river = Valid();
        var a = river["reaches"]![0]!;
        var b = river["reaches"]![1]!;
        var intake = river["intakes"]![0]!;
        switch (mutation)
        {
            case "unknown region": a["jurisdiction"] = "999999"; break;
            case "negative length": a["lengthKm"]!["value"] = -5; break;
            case "zero velocity": a["velocity"] = Json("""{"default": {"value": 0, "source": "s", "date": "2020"}}"""); break;
            case "no velocity": a["velocity"] = new JsonObject(); break;
            case "month 13": a["velocity"] = Json("""{"seasons": [{"months": [13], "metresPerSecond": {"value": 1, "source": "s", "date": "2020"}}]}"""); break;
            case "missing source": b["lengthKm"]!["source"] = " "; break;
            case "missing date": b["lengthKm"]!.AsObject().Remove("date"); break;
            case "cycle": b["flowsInto"] = "a"; b.AsObject().Remove("mouth"); break;
            case "unknown downstream reach": a["flowsInto"] = "nowhere"; break;
            case "no mouth": b.AsObject().Remove("mouth"); break;
            case "intake off its reach": intake["positionKm"]!["value"] = 60; break;
            case "intake on an unknown reach": intake["reach"] = "c"; break;
            case "intake without operator": intake["operator"] = ""; break;
            case "intake without people served": intake.AsObject().Remove("peopleServed"); break;
            case "intake without source": intake["source"] = ""; break;
        }

        var ex = Assert.Throws<RuleSetException>(() => Load(river));

        Assert.Equal((File, key), (ex.File, ex.Key));
        Assert.Contains(problem, ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reach_id_used_by_two_systems_is_refused()
    {
        var other = Valid();
        other["id"] = "other";

        var ex = Assert.Throws<RuleSetException>(() => RiverCatalogLoader.Parse([(File, Valid().ToJsonString()), ("other.json", other.ToJsonString())], RealRegions.Catalog));

        Assert.Equal("other.json", ex.File);
        Assert.Contains("the reach id 'a' is also used in 'test-river.json'", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_field_is_refused_by_name()
    {
        var river = Valid();
        river["reaches"]![0]!["lenghtKm"] = 3;

        var ex = Assert.Throws<RuleSetException>(() => Load(river));

        Assert.Contains("lenghtKm", ex.Message, StringComparison.Ordinal);
    }

    private static RiverCatalog Load(JsonNode river) => RiverCatalogLoader.Parse([(File, river.ToJsonString())], RealRegions.Catalog);

    private static JsonNode Json(string text) => JsonNode.Parse(text)!;

    /// <summary>Reach a (30 km, Changzhi) flows into reach b (40 km, Handan), with an intake on b.</summary>
    private static JsonNode Valid() => Json("""
        {
          "id": "test", "name": "Test river", "source": "made for the test",
          "reaches": [
            {"id": "a", "name": "A", "from": "a0", "to": "a1", "flowsInto": "b", "jurisdiction": "140400",
             "lengthKm": {"value": 30, "source": "s", "date": "2020"},
             "velocity": {"default": {"value": 0.5, "source": "s", "date": "2020"}}},
            {"id": "b", "name": "B", "from": "b0", "to": "b1", "mouth": "the sea", "jurisdiction": "130400",
             "lengthKm": {"value": 40, "source": "s", "date": "2020"},
             "velocity": {"seasons": [{"months": [1, 2], "metresPerSecond": {"value": 1, "source": "s", "date": "2020"}}]}}
          ],
          "intakes": [
            {"id": "i", "name": "Intake", "operator": "Water company", "reach": "b", "jurisdiction": "130400",
             "positionKm": {"value": 10, "source": "s", "date": "2020"},
             "peopleServed": {"value": 1000, "source": "s", "date": "2020"}, "source": "s"}
          ]
        }
        """);
}
