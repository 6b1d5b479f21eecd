using System.Text.Json.Nodes;
using Emergency.Domain.Incidents;
using Emergency.Domain.Messages;
using Emergency.Domain.Rules;
using Emergency.Testing;

namespace Emergency.Domain.Tests;

/// <summary>A bad rule file stops the start with the file, the key and the problem; overrides carry their own source.</summary>
public sealed class RuleLoaderTests
{
    private const string File2014 = "cn-2014.json";
    private const string OverrideFile = "local-overrides.json";

    [Fact]
    public void The_real_files_parse_from_text_as_they_load_from_disk()
    {
        var catalog = RuleSetLoader.Parse(RealRules.Sources());

        Assert.Equal(["cn-2011", "cn-2014"], catalog.All.Select(r => r.Id));
        var rules = catalog.Get("cn-2014");
        Assert.Equal(TimeSpan.FromHours(2), rules.Deadlines.Obligations[ObligationKind.Report].ByLevel[IncidentLevel.II]);
        Assert.Equal(TimeSpan.FromHours(2), rules.Deadlines.Obligations[ObligationKind.Report].WhenLevelUnclearAndSensitive);
        Assert.Equal(TimeSpan.FromHours(5), rules.Deadlines.Obligations[ObligationKind.ReleaseInformation].WhenSensitive);
        Assert.Equal(new LocalText("法律法规", "statute"), rules.Deadlines.Obligations[ObligationKind.Report].Basis);
        Assert.Equal(TimeSpan.FromHours(48), rules.Deadlines.Obligations[ObligationKind.OrganiseInvestigation].ByLevel[IncidentLevel.IV]);
        Assert.Equal([CountedFact.Poisoned, CountedFact.SeriouslyInjured], rules.Grading.Numeric[NumericCriterion.Poisoned].SumOf);
        Assert.Equal([CountedFact.Poisoned], catalog.Get("cn-2011").Grading.Numeric[NumericCriterion.Poisoned].SumOf);
        Assert.Empty(rules.Grading.Flags);
        Assert.Equal(IncidentLevel.II, catalog.Get("cn-2011").Grading.Flags[FlagCriterion.HazardousReleaseInSensitiveArea].Level);
    }

    [Fact]
    public void Invalid_json_names_the_file_and_the_line()
    {
        var lines = RealRules.Text(File2014).Split('\n');
        var index = Array.FindIndex(lines, l => l.Contains("\"effectiveFrom\":", StringComparison.Ordinal));
        lines[index] = lines[index].TrimEnd(',');

        var ex = Assert.Throws<RuleSetException>(() => RuleSetLoader.Parse([(File2014, string.Join('\n', lines))]));

        Assert.Equal(File2014, ex.File);
        Assert.Contains($"invalid JSON at line {index + 2}", ex.Problem, StringComparison.Ordinal);
        Assert.Contains(File2014, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("null")]
    public void A_file_that_is_not_one_object_is_refused(string text)
    {
        var ex = Assert.Throws<RuleSetException>(() => RuleSetLoader.Parse([("empty.json", text)]));

        Assert.Equal("empty.json", ex.File);
    }

    [Fact]
    public void Unknown_property_is_refused_with_its_path()
    {
        var ex = Fails(n => n["grading"]!["numeric"]!["deaths"]!["colour"] = "red");

        Assert.Equal("grading.numeric.deaths.colour", ex.Key);
        Assert.Contains("'colour'", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_top_level_property_is_refused()
    {
        var ex = Fails(n => n["effectiveUntil"] = "2020-01-01T00:00:00+08:00");

        Assert.Equal("effectiveUntil", ex.Key);
    }

    [Fact]
    public void Unknown_obligation_is_refused()
    {
        var ex = Fails(n => n["deadlines"]!["obligations"]!["pressConference"] = n["deadlines"]!["obligations"]!["reachScene"]!.DeepClone());

        Assert.Equal("deadlines.obligations.pressConference", ex.Key);
    }

    [Theory]
    [InlineData("report")]
    [InlineData("reachScene")]
    [InlineData("startMonitoring")]
    [InlineData("organiseInvestigation")]
    [InlineData("releaseInformation")]
    public void Missing_deadline_of_an_obligation_is_refused(string obligation)
    {
        var ex = Fails(n => n["deadlines"]!["obligations"]!.AsObject().Remove(obligation));

        Assert.Equal($"deadlines.obligations.{obligation}", ex.Key);
        Assert.Equal("is missing: every first-moment obligation needs a deadline", ex.Problem);
    }

    [Theory]
    [InlineData("deadlines.obligations.report.byLevel", "III")]
    [InlineData("deadlines.obligations.releaseInformation.byLevel", "I")]
    [InlineData("deadlines.levelChangeReport.byLevel", "IV")]
    [InlineData("grading.leadAuthority", "II")]
    public void Missing_level_is_refused(string path, string level)
    {
        var ex = Fails(n => At(n, path).Remove(level));

        Assert.Equal($"{path}.{level}", ex.Key);
        Assert.Equal("is missing", ex.Problem);
    }

    [Fact]
    public void Missing_level_change_report_rule_is_refused()
    {
        var ex = Fails(n => n["deadlines"]!.AsObject().Remove("levelChangeReport"));

        Assert.Equal("deadlines", ex.Key);
        Assert.Contains("levelChangeReport", ex.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("deaths", "II", 31, "31 is not below the minimum of a more serious level (30); minimums must fall from I to IV, or the level could never be reached")]
    [InlineData("evacuated", "III", 20_000, "20000 is not below the minimum of a more serious level (10000); minimums must fall from I to IV, or the level could never be reached")]
    [InlineData("directLossCny", "II", 100_000_001, "100000001 is not below the minimum of a more serious level (100000000); minimums must fall from I to IV, or the level could never be reached")]
    [InlineData("poisoned", "III", -1, "must not be negative (is -1)")]
    public void Thresholds_must_fall_from_I_to_IV_and_not_be_negative(string criterion, string level, long value, string problem)
    {
        var ex = Fails(n => n["grading"]!["numeric"]![criterion]!["atLeast"]![level] = value);

        Assert.Equal($"grading.numeric.{criterion}.atLeast.{level}", ex.Key);
        Assert.Equal(problem, ex.Problem);
    }

    [Fact]
    public void A_level_written_as_a_number_is_refused()
    {
        var ex = Fails(n => n["grading"]!["categorical"]!["crossBoundary"]!["values"]!["CrossProvince"]!["level"] = 0);

        Assert.Equal("grading.categorical.crossBoundary.values.CrossProvince.level", ex.Key);
    }

    [Fact]
    public void A_level_key_written_as_a_number_is_refused()
    {
        var ex = Fails(n => n["grading"]!["numeric"]!["deaths"]!["atLeast"]!["7"] = 1);

        Assert.Equal("grading.numeric.deaths.atLeast.7", ex.Key);
    }

    [Fact]
    public void Equal_thresholds_are_refused_because_a_level_could_never_be_reached()
    {
        var ex = Fails(n => n["grading"]!["numeric"]!["deaths"]!["atLeast"]!["II"] = 30);

        Assert.Equal("grading.numeric.deaths.atLeast.II", ex.Key);
        Assert.Contains("could never be reached", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_level_change_report_window_is_refused_among_the_obligations()
    {
        var ex = Fails(n => n["deadlines"]!["obligations"]!["levelChangeReport"] = n["deadlines"]!["levelChangeReport"]!.DeepClone());

        Assert.Equal("deadlines.obligations.levelChangeReport", ex.Key);
        Assert.Equal("belongs in deadlines.levelChangeReport", ex.Problem);
    }

    [Fact]
    public void A_key_written_twice_is_refused()
    {
        var text = RealRules.Text(File2014).Replace("\"title\":", "\"title\": \"first\",\n  \"title\":", StringComparison.Ordinal);

        var ex = Assert.Throws<RuleSetException>(() => RuleSetLoader.Parse([("cn-2011.json", RealRules.Text("cn-2011.json")), (File2014, text)]));

        Assert.Equal(File2014, ex.File);
        Assert.Contains("title", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_level_name_is_refused()
    {
        var ex = Fails(n => n["grading"]!["numeric"]!["deaths"]!["atLeast"]!["V"] = 1);

        Assert.Equal("grading.numeric.deaths.atLeast.V", ex.Key);
    }

    [Theory]
    [InlineData("-PT2H")]
    [InlineData("PT0S")]
    public void A_window_must_be_positive(string window)
    {
        var ex = Fails(n => n["deadlines"]!["obligations"]!["report"]!["byLevel"]!["II"] = window);

        Assert.Equal("deadlines.obligations.report.byLevel.II", ex.Key);
        Assert.Equal("must be a positive duration such as \"PT2H\"", ex.Problem);
    }

    [Theory]
    [InlineData("releaseInformation", "whenSensitive")]
    [InlineData("report", "whenLevelUnclearAndSensitive")]
    public void A_shortened_window_must_be_positive(string obligation, string property)
    {
        var ex = Fails(n => n["deadlines"]!["obligations"]![obligation]![property] = "-PT5H");

        Assert.Equal($"deadlines.obligations.{obligation}", ex.Key);
        Assert.Equal("shortened windows must be positive durations", ex.Problem);
    }

    [Fact]
    public void A_window_must_be_an_iso_duration()
    {
        var ex = Fails(n => n["deadlines"]!["levelChangeReport"]!["byLevel"]!["II"] = "2 hours");

        Assert.Equal("deadlines.levelChangeReport.byLevel.II", ex.Key);
        Assert.Contains("'2 hours' is not an ISO 8601 duration", ex.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("crossBoundary", "CrossGalaxy", "CrossGalaxy' is not on the scale (None, CountyDispute, CrossCity, CrossProvince, CrossBorder, MajorCrossBorder)")]
    [InlineData("intakeInterruption", "Village", "Village' is not on the scale (None, Township, County, City)")]
    [InlineData("ecologicalImpact", "Catastrophe", "Catastrophe' is not on the scale")]
    public void Unknown_scale_value_is_refused(string criterion, string value, string problem)
    {
        var ex = Fails(n => n["grading"]!["categorical"]![criterion]!["values"]![value] = new JsonObject { ["level"] = "II", ["reason"] = "made up" });

        Assert.Equal($"grading.categorical.{criterion}.values.{value}", ex.Key);
        Assert.Contains(problem, ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_deadline_needs_its_source()
    {
        var ex = Fails(n => n["deadlines"]!["obligations"]!["reachScene"]!["source"] = " ");

        Assert.Equal("deadlines.obligations.reachScene.source", ex.Key);
        Assert.Equal("every deadline needs its source", ex.Problem);
    }

    [Fact]
    public void A_missing_source_is_refused()
    {
        var ex = Fails(n => n["grading"]!["numeric"]!["deaths"]!.AsObject().Remove("source"));

        Assert.Contains("source", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_id_is_refused()
    {
        var ex = Fails(n => n["id"] = "");

        Assert.Equal("id", ex.Key);
        Assert.Equal("must not be empty", ex.Problem);
    }

    [Fact]
    public void Duplicate_ids_are_refused()
    {
        var ex = Assert.Throws<RuleSetException>(() => RuleSetLoader.Parse([(File2014, RealRules.Text(File2014)), ("copy-of-2014.json", RealRules.Text(File2014))]));

        Assert.Equal("id", ex.Key);
        Assert.Equal("rule set id 'cn-2014' is used twice", ex.Problem);
    }

    [Fact]
    public void No_rule_set_at_all_is_refused()
    {
        var ex = Assert.Throws<RuleSetException>(() => RuleSetLoader.Parse([]));

        Assert.Equal("no rule set is configured", ex.Problem);
    }

    [Fact]
    public void A_missing_directory_is_refused_with_its_setting()
    {
        var missing = Path.Combine(RealRules.RulesDirectory, "no-such-folder");

        var ex = Assert.Throws<RuleSetException>(() => RuleSetLoader.Load(missing));

        Assert.Equal(missing, ex.File);
        Assert.Contains("Rules:Directory", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_override_changes_a_value_with_its_own_source()
    {
        const string Patch = """
            {
              "cn-2014": {
                "deadlines": { "obligations": { "reachScene": { "source": "Henan 2016 local rule", "byLevel": { "III": "PT1H30M" } } } }
              }
            }
            """;

        var catalog = RuleSetLoader.Parse(RealRules.Sources(), OverrideFile, Patch);

        var rule = catalog.Get("cn-2014").Deadlines.Obligations[ObligationKind.ReachScene];
        Assert.Equal(TimeSpan.FromMinutes(90), rule.ByLevel[IncidentLevel.III]);
        Assert.Equal(TimeSpan.FromHours(2), rule.ByLevel[IncidentLevel.IV]);
        Assert.Equal("Henan 2016 local rule", rule.Source);
        Assert.Equal(TimeSpan.FromHours(2), catalog.Get("cn-2011").Deadlines.Obligations[ObligationKind.ReachScene].ByLevel[IncidentLevel.III]);

        var incident = Drive.Register(Facts.LevelIII, catalog: catalog);
        Assert.Equal(incident.T(1.5), incident.Obligation(ObligationKind.ReachScene).DueAt);
        Assert.Contains("Henan 2016 local rule", incident.Obligation(ObligationKind.ReachScene).DeadlineBasis.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_override_of_a_threshold_needs_only_the_source_of_the_criterion_it_changes()
    {
        const string Patch = """
            { "cn-2014": { "grading": { "numeric": { "deaths": { "source": "province table 2016, deaths", "atLeast": { "I": 20 } } } } } }
            """;

        var catalog = RuleSetLoader.Parse(RealRules.Sources(), OverrideFile, Patch);

        Assert.Equal(IncidentLevel.I, Grader.Grade(Facts.Known with { Deaths = 25 }, catalog.Get("cn-2014")).Level);
        Assert.Equal(IncidentLevel.II, Grader.Grade(Facts.Known with { Deaths = 25 }, RealRules.Cn2014).Level);
    }

    [Fact]
    public void An_override_null_removes_the_value_as_in_a_merge_patch()
    {
        const string Patch = """
            { "cn-2014": { "deadlines": { "obligations": { "releaseInformation": { "source": "no 5 h rule here", "whenSensitive": null } } } } }
            """;

        var catalog = RuleSetLoader.Parse(RealRules.Sources(), OverrideFile, Patch);

        Assert.Null(catalog.Get("cn-2014").Deadlines.Obligations[ObligationKind.ReleaseInformation].WhenSensitive);
        var incident = Drive.Register(Facts.LevelIV with { HeavyMetals = true }, catalog: catalog);
        Assert.Equal(incident.T(24), incident.Obligation(ObligationKind.ReleaseInformation).DueAt);
    }

    [Theory]
    [InlineData("""{ "cn-2014": { "deadlines": { "obligations": { "reachScene": { "byLevel": { "III": "PT1H" } } } } } }""", "cn-2014.deadlines.obligations.reachScene")]
    [InlineData("""{ "cn-2014": { "grading": { "leadAuthority": { "IV": "township government" } } } }""", "cn-2014.grading")]
    [InlineData("""{ "cn-2014": { "grading": { "source": "x", "numeric": { "deaths": { "atLeast": { "I": 20 } } } } } }""", "cn-2014.grading.numeric.deaths")]
    [InlineData("""{ "cn-2011": { "deadlines": { "levelChangeReport": { "byLevel": { "II": "PT1H" } } } } }""", "cn-2011.deadlines.levelChangeReport")]
    public void An_override_without_its_own_source_is_refused(string patch, string key)
    {
        var ex = Assert.Throws<RuleSetException>(() => RuleSetLoader.Parse(RealRules.Sources(), OverrideFile, patch));

        Assert.Equal(OverrideFile, ex.File);
        Assert.Equal(key, ex.Key);
        Assert.Equal("an override of a value that has a source must give its own \"source\"", ex.Problem);
    }

    [Fact]
    public void An_override_for_an_unknown_rule_set_is_refused()
    {
        var ex = Assert.Throws<RuleSetException>(() => RuleSetLoader.Parse(RealRules.Sources(), OverrideFile, """{ "cn-2099": { "title": "future" } }"""));

        Assert.Equal(OverrideFile, ex.File);
        Assert.Equal("cn-2099", ex.Key);
        Assert.Equal("no rule set has the id 'cn-2099' (known: cn-2011, cn-2014)", ex.Problem);
    }

    [Fact]
    public void An_override_that_is_not_an_object_is_refused()
    {
        var ex = Assert.Throws<RuleSetException>(() => RuleSetLoader.Parse(RealRules.Sources(), OverrideFile, """{ "cn-2014": 5 }"""));

        Assert.Equal("cn-2014", ex.Key);
        Assert.Equal("an override must be a JSON object", ex.Problem);
    }

    [Fact]
    public void An_override_file_with_invalid_json_names_itself_and_the_line()
    {
        var ex = Assert.Throws<RuleSetException>(() => RuleSetLoader.Parse(RealRules.Sources(), OverrideFile, "{\n  \"cn-2014\": {,}\n}"));

        Assert.Equal(OverrideFile, ex.File);
        Assert.Contains("invalid JSON at line 2", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_override_that_breaks_a_value_says_so()
    {
        const string Patch = """{ "cn-2014": { "deadlines": { "obligations": { "report": { "source": "s", "byLevel": { "II": "soon" } } } } } }""";

        var ex = Assert.Throws<RuleSetException>(() => RuleSetLoader.Parse(RealRules.Sources(), OverrideFile, Patch));

        Assert.Equal("deadlines.obligations.report.byLevel.II", ex.Key);
        Assert.EndsWith($"(after the overrides in '{OverrideFile}')", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_reads_an_override_file_from_disk()
    {
        var path = Path.Combine(Path.GetTempPath(), $"emergency-overrides-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "cn-2011": { "deadlines": { "obligations": { "startMonitoring": { "source": "county practice", "byLevel": { "IV": "PT3H" } } } } } }""");
        try
        {
            var catalog = RuleSetLoader.Load(RealRules.RulesDirectory, path);

            Assert.Equal(TimeSpan.FromHours(3), catalog.Get("cn-2011").Deadlines.Obligations[ObligationKind.StartMonitoring].ByLevel[IncidentLevel.IV]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_refuses_a_missing_override_file()
    {
        var missing = Path.Combine(RealRules.RulesDirectory, "no-such-overrides.json");

        var ex = Assert.Throws<RuleSetException>(() => RuleSetLoader.Load(RealRules.RulesDirectory, missing));

        Assert.Equal(missing, ex.File);
        Assert.Contains("Rules:OverrideFile", ex.Problem, StringComparison.Ordinal);
    }

    /// <summary>Parses the real 2011 file and an edited 2014 file; asserts the edit stops the load and names the file.</summary>
    private static RuleSetException Fails(Action<JsonObject> edit)
    {
        var node = RealRules.Node(File2014);
        edit(node);
        var sources = new List<(string File, string Json)> { ("cn-2011.json", RealRules.Text("cn-2011.json")), (File2014, node.ToJsonString()) };

        var ex = Assert.Throws<RuleSetException>(() => RuleSetLoader.Parse(sources));

        Assert.Equal(File2014, ex.File);
        Assert.StartsWith($"Rule file '{File2014}'", ex.Message, StringComparison.Ordinal);
        return ex;
    }

    private static JsonObject At(JsonObject root, string dottedPath) =>
        dottedPath.Split('.').Aggregate((JsonNode)root, (node, key) => node[key]!).AsObject();
}
