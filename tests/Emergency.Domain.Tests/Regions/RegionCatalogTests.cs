using Emergency.Domain.Regions;
using Emergency.Domain.Rules;
using Emergency.Testing;

namespace Emergency.Domain.Tests.Regions;

/// <summary>The region tree (province → city → county) by GB/T 2260 code, official name and alias, with names normalised.</summary>
public sealed class RegionCatalogTests
{
    private static RegionCatalog Regions => RealRegions.Catalog;

    [Fact]
    public void A_county_lies_in_its_city_and_province()
    {
        var lucheng = Code("140481");

        Assert.Equal(("潞城市", RegionLevel.County), (lucheng.Name, lucheng.Level));
        Assert.Equal(["140400 长治市", "140000 山西省"], Regions.Ancestors(lucheng).Select(r => $"{r.Code} {r.Name}"));
        Assert.True(Regions.IsWithin(lucheng, Code("140400")));
        Assert.True(Regions.IsWithin(lucheng, Code("140000")));
        Assert.True(Regions.IsWithin(lucheng, lucheng));
        Assert.False(Regions.IsWithin(Code("140400"), lucheng));
        Assert.False(Regions.IsWithin(lucheng, Code("130400")));
    }

    [Theory]
    [InlineData("140400")]
    [InlineData("长治市")]
    [InlineData("长治")]
    [InlineData(" 长治 市 ")]
    [InlineData("长治市\u3000")]
    [InlineData("１４０４００")]
    [InlineData("Changzhi")]
    [InlineData("ＣＨＡＮＧＺＨＩ")]
    [InlineData("chang zhi")]
    public void Codes_names_and_aliases_resolve_whatever_their_width_spaces_and_case(string text) =>
        Assert.Equal("140400", Regions.Resolve(text).Region?.Code);

    [Theory]
    [InlineData("Handan", "130400")]
    [InlineData("涉县", "130426")]
    [InlineData("Anyang", "410500")]
    [InlineData("林州市", "410581")]
    [InlineData("Jilin City", "220200")]
    [InlineData("黑龙江", "230000")]
    [InlineData("Harbin", "230100")]
    [InlineData("广西", "450000")]
    [InlineData("河池", "451200")]
    [InlineData("宜州区", "451203")]
    [InlineData("宜州市", "451281")]
    [InlineData("Liuzhou", "450200")]
    [InlineData("Hechi", "451200")]
    [InlineData("Dongshan", "350626")]
    public void The_regions_of_the_scenarios_tests_and_coordination_cases_resolve(string text, string code) =>
        Assert.Equal(code, Regions.Resolve(text).Region?.Code);

    [Fact]
    public void Neighbours_are_of_the_same_level_both_ways_each_with_its_source()
    {
        Assert.Equal(["130400", "410500", "140500", "140700", "141000"], Regions.Neighbours(Code("140400")).Select(r => r.Code));
        Assert.Contains(Regions.Neighbours(Code("130400")), r => r.Code == "140400");
        Assert.Equal(["130000", "410000"], Regions.Neighbours(Code("140000")).Select(r => r.Code));
        Assert.Empty(Regions.Neighbours(Code("350626")));
        Assert.All(Regions.Adjacencies, a =>
        {
            Assert.False(string.IsNullOrWhiteSpace(a.Source));
            Assert.Equal(Code(a.First).Level, Code(a.Second).Level);
        });
    }

    [Theory]
    [InlineData("吉林", "220000", "220200")]
    [InlineData("Jilin", "220000", "220200")]
    [InlineData("潞城", "140406", "140481")]
    [InlineData("安阳", "410500", "410522")]
    public void A_name_that_fits_several_regions_resolves_to_none_and_names_them(string text, string first, string second)
    {
        var match = Regions.Resolve(text);

        Assert.Null(match.Region);
        Assert.Equal([first, second], match.Candidates.Select(r => r.Code).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_city_covers_its_counties_and_a_province_the_whole_province_but_not_the_other_way()
    {
        Assert.True(Regions.Covers("Changzhi", "潞城市"));
        Assert.True(Regions.Covers("长治市", "140406"));
        Assert.True(Regions.Covers("山西省", "潞城市"));
        Assert.True(Regions.Covers("Hebei", "涉县"));
        Assert.False(Regions.Covers("潞城市", "长治市"));
        Assert.False(Regions.Covers("Handan", "潞城市"));
        Assert.False(Regions.Covers("Handan", "Xingtai"));
    }

    [Fact]
    public void Names_outside_the_catalog_match_only_a_name_that_reads_the_same()
    {
        Assert.True(Regions.Covers("Testland", " testland "));
        Assert.True(Regions.Covers("Ｔｅｓｔ Ｌａｎｄ", "testland"));
        Assert.False(Regions.Covers("Testland", "Otherland"));
        Assert.False(Regions.Covers("Handan", "Handan-district-9"));
        Assert.True(RegionCatalog.None.Covers("Handan", "HANDAN"));
        Assert.False(RegionCatalog.None.Covers("长治市", "潞城市"));
    }

    [Fact]
    public void A_new_case_in_a_region_outside_the_catalog_is_told_why_when_the_catalog_refuses_unknown_names()
    {
        Assert.Null(Regions.Problem("长治"));
        Assert.Equal("'Springfield' is not in the region catalog (cn-gbt2260): give its six-digit GB/T 2260 code or its official name, such as 140400 or 长治市", Regions.Problem(" Springfield ").En());
        Assert.Equal("'吉林' could be 吉林省 (220000) or 吉林市 (220200): give the code or the full official name", Regions.Problem("吉林").En());

        var lenient = RegionCatalogLoader.Load(RealRegions.File, refusesUnknown: false);
        Assert.Null(lenient.Problem("Springfield"));
        Assert.Null(RegionCatalog.None.Problem("Springfield"));
    }

    [Theory]
    [InlineData("{\"id\":\"t\",\"title\":\"t\",\"source\":\"\",\"regions\":[]}", "source", "needs its source")]
    [InlineData("{\"id\":\"t\",\"title\":\"t\",\"source\":\"s\",\"regions\":[{\"code\":\"14000\",\"name\":\"山西省\",\"level\":\"province\"}]}", "regions[0].code", "not a six-digit")]
    [InlineData("{\"id\":\"t\",\"title\":\"t\",\"source\":\"s\",\"regions\":[{\"code\":\"140000\",\"name\":\"山西省\",\"level\":\"province\"},{\"code\":\"140000\",\"name\":\"山西\",\"level\":\"province\"}]}", "regions[1].code", "listed twice")]
    [InlineData("{\"id\":\"t\",\"title\":\"t\",\"source\":\"s\",\"regions\":[{\"code\":\"140400\",\"name\":\"长治市\",\"level\":\"city\",\"parent\":\"140000\"}]}", "regions[0].parent", "needs the code of a listed region")]
    [InlineData("{\"id\":\"t\",\"title\":\"t\",\"source\":\"s\",\"regions\":[{\"code\":\"130000\",\"name\":\"河北省\",\"level\":\"province\"},{\"code\":\"140400\",\"name\":\"长治市\",\"level\":\"city\",\"parent\":\"130000\"}]}", "regions[1].parent", "cannot lie in 130000")]
    [InlineData("{\"id\":\"t\",\"title\":\"t\",\"source\":\"s\",\"regions\":[{\"code\":\"140000\",\"name\":\"山西省\",\"level\":\"province\"},{\"code\":\"140400\",\"name\":\"长治市\",\"level\":\"city\",\"parent\":\"140000\"},{\"code\":\"140481\",\"name\":\"潞城市\",\"level\":\"city\",\"parent\":\"140400\"}]}", "regions[2].parent", "cannot lie in 140400")]
    [InlineData("{\"id\":\"t\",\"title\":\"t\",\"source\":\"s\",\"regions\":[{\"code\":\"140000\",\"name\":\"山西省\",\"level\":\"town\"}]}", "regions[0].level", "")]
    [InlineData("{\"id\":\"t\",\"title\":\"t\",\"source\":\"s\",\"regions\":[{\"code\":\"130000\",\"name\":\"河北省\",\"level\":\"province\"},{\"code\":\"140000\",\"name\":\"山西省\",\"level\":\"province\"},{\"code\":\"140400\",\"name\":\"长治市\",\"level\":\"city\",\"parent\":\"140000\"}],\"neighbours\":[{\"regions\":[\"130000\",\"990000\"],\"source\":\"map\"}]}", "neighbours[0].regions[1]", "not a region of the catalog")]
    [InlineData("{\"id\":\"t\",\"title\":\"t\",\"source\":\"s\",\"regions\":[{\"code\":\"130000\",\"name\":\"河北省\",\"level\":\"province\"},{\"code\":\"140000\",\"name\":\"山西省\",\"level\":\"province\"},{\"code\":\"140400\",\"name\":\"长治市\",\"level\":\"city\",\"parent\":\"140000\"}],\"neighbours\":[{\"regions\":[\"130000\",\"140400\"],\"source\":\"map\"}]}", "neighbours[0].regions", "not of the same level")]
    [InlineData("{\"id\":\"t\",\"title\":\"t\",\"source\":\"s\",\"regions\":[{\"code\":\"130000\",\"name\":\"河北省\",\"level\":\"province\"},{\"code\":\"140000\",\"name\":\"山西省\",\"level\":\"province\"},{\"code\":\"140400\",\"name\":\"长治市\",\"level\":\"city\",\"parent\":\"140000\"}],\"neighbours\":[{\"regions\":[\"130000\",\"140000\"],\"source\":\" \"}]}", "neighbours[0].source", "needs its source")]
    [InlineData("{\"id\":\"t\",\"title\":\"t\",\"source\":\"s\",\"regions\":[{\"code\":\"130000\",\"name\":\"河北省\",\"level\":\"province\"},{\"code\":\"140000\",\"name\":\"山西省\",\"level\":\"province\"},{\"code\":\"140400\",\"name\":\"长治市\",\"level\":\"city\",\"parent\":\"140000\"}],\"neighbours\":[{\"regions\":[\"130000\"],\"source\":\"map\"}]}", "neighbours[0].regions", "exactly two regions")]
    [InlineData("{\"id\":\"t\",\"title\":\"t\",\"source\":\"s\",\"regions\":[{\"code\":\"130000\",\"name\":\"河北省\",\"level\":\"province\"},{\"code\":\"140000\",\"name\":\"山西省\",\"level\":\"province\"},{\"code\":\"140400\",\"name\":\"长治市\",\"level\":\"city\",\"parent\":\"140000\"}],\"neighbours\":[{\"regions\":[\"130000\",\"140000\"],\"source\":\"map\"},{\"regions\":[\"140000\",\"130000\"],\"source\":\"map\"}]}", "neighbours[1].regions", "listed as neighbours twice")]
    [InlineData("{\"id\":\"t\",\"title\":\"t\",\"source\":\"s\",\"regions\":[{\"code\":\"130000\",\"name\":\"河北省\",\"level\":\"province\"},{\"code\":\"140000\",\"name\":\"山西省\",\"level\":\"province\"},{\"code\":\"140400\",\"name\":\"长治市\",\"level\":\"city\",\"parent\":\"140000\"}],\"neighbours\":[{\"regions\":[\"140000\",\"140000\"],\"source\":\"map\"}]}", "neighbours[0].regions", "cannot neighbour itself")]
    public void A_broken_catalog_stops_the_start_naming_the_key(string json, string key, string problem)
    {
        var error = Assert.Throws<RuleSetException>(() => RegionCatalogLoader.Parse("regions.json", json, refusesUnknown: true));

        Assert.Equal(("regions.json", key), (error.File, error.Key));
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_shipped_region_has_a_six_digit_code_its_level_implies_and_resolves_by_its_own_name_or_code()
    {
        Assert.NotEmpty(Regions.Source);
        foreach (var region in Regions.All)
        {
            var expected = region.Level switch
            {
                RegionLevel.Province => region.Code.EndsWith("0000", StringComparison.Ordinal),
                RegionLevel.City => region.Code.EndsWith("00", StringComparison.Ordinal) && !region.Code.EndsWith("0000", StringComparison.Ordinal),
                _ => !region.Code.EndsWith("00", StringComparison.Ordinal),
            };
            Assert.True(expected, $"{region.Describe()} is listed as a {region.Level}");
            Assert.Same(region, Regions.Resolve(region.Code).Region);
            Assert.Same(region, Regions.Resolve(region.Name).Region);
        }
    }

    private static Region Code(string code) => Regions.Resolve(code).Region ?? throw new InvalidOperationException($"{code} is not in the catalog");
}
