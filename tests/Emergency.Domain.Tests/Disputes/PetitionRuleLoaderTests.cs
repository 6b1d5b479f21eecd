using System.Text.Json.Nodes;
using Emergency.Domain.Calendar;
using Emergency.Domain.Disputes;
using Emergency.Domain.Disputes.Rules;
using Emergency.Domain.Rules;

namespace Emergency.Domain.Tests.Disputes;

/// <summary>
/// The petition rule files as data: each value with its source, the rule set chosen by the moment the case was
/// received, strict reading with the file, the key and the problem, and overrides shared with the other families.
/// </summary>
public sealed class PetitionRuleLoaderTests
{
    private const string File2022 = "cn-2022.json";
    private const string OverrideFile = "local-overrides.json";
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    [Fact]
    public void The_real_files_hold_the_limits_of_each_rule_set()
    {
        var catalog = RealDisputeRules.Petitions;

        Assert.Equal(["cn-2005", "henan-2012", "cn-2022"], catalog.All.Select(r => r.Id));
        var national2005 = catalog.Get("cn-2005").Limits;
        var national2022 = catalog.Get("cn-2022").Limits;
        var henan = catalog.Get("henan-2012").Limits;

        Assert.Equal((15, LimitUnit.CalendarDays), (national2005.Transfer.Length, national2005.Transfer.Unit));
        Assert.Equal((5, LimitUnit.CalendarDays), (henan.Transfer.Length, henan.Transfer.Unit));
        Assert.Equal(15, national2022.Acceptance.Length);
        Assert.Equal("this engine's reading", henan.Acceptance.Basis);
        Assert.Null(national2005.WrongAssignment);
        Assert.Equal((5, LimitUnit.WorkingDays), (national2022.WrongAssignment!.Length, national2022.WrongAssignment.Unit));
        Assert.Null(henan.WrongAssignment);
        Assert.Equal((60, 30, 1), (national2005.Reply.Length, national2005.Reply.Extension!.Length, national2005.Reply.Extension.Times));
        Assert.Equal((60, 30), (national2022.Reply.Length, national2022.Reply.Extension!.Length));
        Assert.Equal((30, 60), (henan.Reply.Length, henan.Reply.Extension!.Length));
        Assert.All([national2005.Review, national2022.Review, henan.Review, national2005.SecondReview!, national2022.SecondReview!], r =>
        {
            Assert.Equal(30, r.Request.Length);
            Assert.Equal(30, r.Answer.Length);
        });
        Assert.Null(henan.SecondReview);
        Assert.Equal(CountFrom.DayAfterEvent, catalog.Get("cn-2005").Counting.StartsOn);
    }

    [Fact]
    public void Every_limit_has_a_basis_and_a_source_and_every_reading_says_so()
    {
        foreach (var rules in RealDisputeRules.Petitions.All)
        {
            var limits = new[] { rules.Limits.Transfer, rules.Limits.Acceptance, rules.Limits.WrongAssignment, rules.Limits.Reply, rules.Limits.Review.Request, rules.Limits.Review.Answer, rules.Limits.SecondReview?.Request, rules.Limits.SecondReview?.Answer };
            foreach (var limit in limits.OfType<Limit>())
            {
                Assert.False(string.IsNullOrWhiteSpace(limit.Source), rules.Id);
                Assert.Contains(limit.Basis, new[] { "statute", "local rule", "local practice", "this engine's reading" });
                if (limit.Basis == "this engine's reading")
                {
                    Assert.StartsWith("this engine's reading", limit.Source, StringComparison.Ordinal);
                }
            }

            Assert.StartsWith("this engine's reading", rules.Counting.Source, StringComparison.Ordinal);
            Assert.Equal("local practice", rules.EarlyWarning.Basis);
            Assert.StartsWith("local practice", rules.EarlyWarning.Source, StringComparison.Ordinal);
            Assert.Contains("MEP Order 15", rules.Hotline12369!.Source, StringComparison.Ordinal);
            Assert.Equal([NotAcceptedGround.OutsideRemit, NotAcceptedGround.LegalProceedings, NotAcceptedGround.AlreadyAccepted, NotAcceptedGround.AlreadyAnswered], rules.Hotline12369.NotAcceptedGrounds);
        }
    }

    [Theory]
    [InlineData("CN", "2005-04-30T23:59:59+08:00", null)]
    [InlineData("CN", "2005-05-01T00:00:00+08:00", "cn-2005")]
    [InlineData("CN", "2013-01-01T00:00:00+08:00", "cn-2005")]
    [InlineData("CN", "2022-04-30T23:59:59+08:00", "cn-2005")]
    [InlineData("CN", "2022-04-30T16:00:00+00:00", "cn-2022")]
    [InlineData("CN", "2022-05-01T00:00:00+08:00", "cn-2022")]
    [InlineData("CN-HA", "2011-12-31T23:59:59+08:00", "cn-2005")]
    [InlineData("CN-HA", "2012-01-01T00:00:00+08:00", "henan-2012")]
    [InlineData("CN-HA", "2022-04-30T23:59:59+08:00", "henan-2012")]
    [InlineData("CN-HA", "2022-05-01T00:00:00+08:00", "cn-2022")]
    [InlineData("CN-SX", "2013-01-01T00:00:00+08:00", "cn-2005")]
    public void A_case_is_judged_by_the_rule_set_in_force_in_its_jurisdiction_when_it_was_received(string jurisdiction, string receivedAt, string? expected)
    {
        var catalog = RealDisputeRules.Petitions.For(jurisdiction);

        Assert.Equal(expected, catalog.InForceAt(DateTimeOffset.Parse(receivedAt, System.Globalization.CultureInfo.InvariantCulture))?.Id);
    }

    [Fact]
    public void The_real_files_parse_from_text_as_they_load_from_disk()
    {
        var catalog = PetitionRuleLoader.Parse(RealDisputeRules.PetitionSources(), RealDisputeRules.Calendar);

        Assert.Equal(RealDisputeRules.Petitions.All.Select(r => r.Id), catalog.All.Select(r => r.Id));
    }

    [Theory]
    [InlineData("missing transfer", "limits", "transfer")]
    [InlineData("unknown unit", "limits.transfer.unit", "")]
    [InlineData("unit as a number", "limits.transfer.unit", "")]
    [InlineData("zero length", "limits.acceptance.length", "must be between 1 and 3660 CalendarDays (is 0)")]
    [InlineData("too many months", "limits.acceptance.length", "must be between 1 and 120 Months (is 121)")]
    [InlineData("length as text", "limits.acceptance.length", "")]
    [InlineData("extension on acceptance", "limits.acceptance.extension", "only the reply limit can be extended")]
    [InlineData("extension in another unit", "limits.reply.extension.unit", "must be the unit of the limit it extends (CalendarDays), not WorkingDays")]
    [InlineData("extension zero times", "limits.reply.extension.times", "must be at least 1 (is 0)")]
    [InlineData("blank limit source", "limits.transfer.source", "every limit needs its source")]
    [InlineData("missing limit source", "limits.transfer", "source")]
    [InlineData("blank basis", "limits.review.answer.basis", "say whether the limit is statute")]
    [InlineData("blank limits source", "limits.source", "must say where it comes from")]
    [InlineData("second review without answer", "limits.secondReview", "answer")]
    [InlineData("one complaint is not a cluster", "earlyWarning.complaints", "must be between 2 and 100000 (is 1)")]
    [InlineData("zero window", "earlyWarning.window", "must be a positive duration")]
    [InlineData("window not ISO", "earlyWarning.window", "'7 days' is not an ISO 8601 duration")]
    [InlineData("unknown ground", "hotline12369.notAcceptedGrounds[1]", "")]
    [InlineData("ground twice", "hotline12369.notAcceptedGrounds", "names a ground twice")]
    [InlineData("bad jurisdiction", "jurisdiction", "'Henan' is not a jurisdiction")]
    [InlineData("empty id", "id", "must not be empty")]
    [InlineData("unknown top-level property", "effectiveUntil", "'effectiveUntil'")]
    [InlineData("unknown limit", "limits.appeal", "'appeal'")]
    [InlineData("counting rule unknown", "counting.startsOn", "")]
    public void A_broken_rule_file_names_the_file_the_key_and_the_problem(string @case, string key, string problem)
    {
        var node = RealDisputeRules.PetitionNode(File2022);
        var limits = node["limits"]!.AsObject();
        switch (@case)
        {
            case "missing transfer": limits.Remove("transfer"); break;
            case "unknown unit": limits["transfer"]!["unit"] = "Fortnights"; break;
            case "unit as a number": limits["transfer"]!["unit"] = 0; break;
            case "zero length": limits["acceptance"]!["length"] = 0; break;
            case "too many months": limits["acceptance"]!["unit"] = "Months"; limits["acceptance"]!["length"] = 121; break;
            case "length as text": limits["acceptance"]!["length"] = "15 days"; break;
            case "extension on acceptance": limits["acceptance"]!["extension"] = limits["reply"]!["extension"]!.DeepClone(); break;
            case "extension in another unit": limits["reply"]!["extension"]!["unit"] = "WorkingDays"; break;
            case "extension zero times": limits["reply"]!["extension"]!["times"] = 0; break;
            case "blank limit source": limits["transfer"]!["source"] = " "; break;
            case "missing limit source": limits["transfer"]!.AsObject().Remove("source"); break;
            case "blank basis": limits["review"]!["answer"]!["basis"] = ""; break;
            case "blank limits source": limits["source"] = ""; break;
            case "second review without answer": limits["secondReview"]!.AsObject().Remove("answer"); break;
            case "one complaint is not a cluster": node["earlyWarning"]!["complaints"] = 1; break;
            case "zero window": node["earlyWarning"]!["window"] = "PT0S"; break;
            case "window not ISO": node["earlyWarning"]!["window"] = "7 days"; break;
            case "unknown ground": node["hotline12369"]!["notAcceptedGrounds"]![1] = "Boring"; break;
            case "ground twice": node["hotline12369"]!["notAcceptedGrounds"]![1] = "OutsideRemit"; break;
            case "bad jurisdiction": node["jurisdiction"] = "Henan"; break;
            case "empty id": node["id"] = ""; break;
            case "unknown top-level property": node["effectiveUntil"] = "2030-01-01T00:00:00+08:00"; break;
            case "unknown limit": limits["appeal"] = limits["transfer"]!.DeepClone(); break;
            case "counting rule unknown": node["counting"]!["startsOn"] = "Tomorrow"; break;
        }

        var ex = Assert.Throws<RuleSetException>(() => PetitionRuleLoader.Parse([(File2022, node.ToJsonString())], RealDisputeRules.Calendar));

        Assert.Equal(File2022, ex.File);
        Assert.Equal(key, ex.Key);
        Assert.Contains(problem, ex.Problem, StringComparison.Ordinal);
        Assert.Contains(File2022, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_json_names_the_file_and_the_line()
    {
        var lines = RealDisputeRules.PetitionText(File2022).Split('\n');
        var index = Array.FindIndex(lines, l => l.Contains("\"jurisdiction\"", StringComparison.Ordinal));
        lines[index] = lines[index].TrimEnd(',');

        var ex = Assert.Throws<RuleSetException>(() => PetitionRuleLoader.Parse([(File2022, string.Join('\n', lines))], RealDisputeRules.Calendar));

        Assert.Equal(File2022, ex.File);
        Assert.Contains($"invalid JSON at line {index + 2}", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_ids_are_refused()
    {
        var ex = Assert.Throws<RuleSetException>(() => PetitionRuleLoader.Parse([(File2022, RealDisputeRules.PetitionText(File2022)), ("copy.json", RealDisputeRules.PetitionText(File2022))], RealDisputeRules.Calendar));

        Assert.Equal("rule set id 'cn-2022' is used twice", ex.Problem);
    }

    [Fact]
    public void No_rule_set_at_all_is_refused()
    {
        var ex = Assert.Throws<RuleSetException>(() => PetitionRuleLoader.Parse([], RealDisputeRules.Calendar));

        Assert.Equal("no rule set is configured", ex.Problem);
    }

    [Fact]
    public void A_deployment_jurisdiction_that_is_not_one_is_refused()
    {
        var ex = Assert.Throws<RuleSetException>(() => RealDisputeRules.Petitions.For("Henan"));

        Assert.Equal("jurisdiction", ex.Key);
    }

    [Fact]
    public void A_missing_directory_is_refused_with_its_setting()
    {
        var missing = Path.Combine(RealDisputeRules.PetitionDirectory, "no-such-folder");

        var ex = Assert.Throws<RuleSetException>(() => PetitionRuleLoader.Load(missing, RealDisputeRules.Calendar));

        Assert.Equal(missing, ex.File);
        Assert.Contains("Rules:Directory", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stricter_local_limit_is_an_override_with_its_own_source()
    {
        const string Patch = """{ "cn-2022": { "limits": { "acceptance": { "length": 10, "source": "county rule 2023-4: acceptance within 10 days", "basis": "local rule" } } } }""";

        var catalog = PetitionRuleLoader.Parse(RealDisputeRules.PetitionSources(), RealDisputeRules.Calendar, OverrideFile, Patch);

        var acceptance = catalog.Get("cn-2022").Limits.Acceptance;
        Assert.Equal(10, acceptance.Length);
        Assert.Equal("county rule 2023-4: acceptance within 10 days", acceptance.Source);
        Assert.Equal(15, catalog.Get("cn-2005").Limits.Acceptance.Length);
    }

    [Theory]
    [InlineData("""{ "cn-2022": { "limits": { "acceptance": { "length": 10 } } } }""", "cn-2022.limits.acceptance")]
    [InlineData("""{ "cn-2022": { "limits": { "secondReview": null } } }""", "cn-2022.limits")]
    [InlineData("""{ "cn-2022": { "earlyWarning": { "complaints": 3 } } }""", "cn-2022.earlyWarning")]
    [InlineData("""{ "henan-2012": { "hotline12369": { "findingRequired": false } } }""", "henan-2012.hotline12369")]
    public void An_override_without_its_own_source_is_refused(string patch, string key)
    {
        var ex = Assert.Throws<RuleSetException>(() => PetitionRuleLoader.Parse(RealDisputeRules.PetitionSources(), RealDisputeRules.Calendar, OverrideFile, patch));

        Assert.Equal(OverrideFile, ex.File);
        Assert.Equal(key, ex.Key);
        Assert.Equal("an override of a value that has a source must give its own \"source\"", ex.Problem);
    }

    [Fact]
    public void An_override_can_remove_a_step_with_its_own_source()
    {
        const string Patch = """{ "cn-2022": { "limits": { "source": "province rule 2023: no second review", "secondReview": null } } }""";

        var catalog = PetitionRuleLoader.Parse(RealDisputeRules.PetitionSources(), RealDisputeRules.Calendar, OverrideFile, Patch);

        Assert.Null(catalog.Get("cn-2022").Limits.SecondReview);
    }

    [Fact]
    public void An_override_for_an_unknown_rule_set_is_refused()
    {
        var ex = Assert.Throws<RuleSetException>(() => PetitionRuleLoader.Parse(RealDisputeRules.PetitionSources(), RealDisputeRules.Calendar, OverrideFile, """{ "cn-2099": { "title": "future" } }"""));

        Assert.Equal("cn-2099", ex.Key);
        Assert.Equal("no rule set has the id 'cn-2099' (known: cn-2005, henan-2012, cn-2022)", ex.Problem);
    }

    [Fact]
    public void One_override_file_serves_every_family()
    {
        var file = Path.Combine(Path.GetTempPath(), $"emergency-overrides-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, """
            {
              "cn-2014": { "deadlines": { "obligations": { "reachScene": { "source": "county practice", "byLevel": { "IV": "PT3H" } } } } },
              "cn-2022": { "limits": { "transfer": { "length": 7, "source": "province rule: transfer within 7 days", "basis": "local rule" } } },
              "cn-holidays": { "title": "Holidays with the county's own days" },
              "cn-suggestions": { "limits": { "newReply": { "length": 20, "source": "congress office rule: 20 days", "basis": "local rule" } } }
            }
            """);
        try
        {
            var overrides = RuleOverrides.Load(file);
            var incidents = RuleSetLoader.Load(Tests.RealRules.RulesDirectory, overrides);
            var calendar = WorkingCalendar.Load(RealDisputeRules.CalendarFile, overrides);
            var petitions = PetitionRuleLoader.Load(RealDisputeRules.PetitionDirectory, calendar, overrides);
            var suggestions = SuggestionRuleLoader.Load(RealDisputeRules.SuggestionDirectory, calendar, overrides);

            overrides.EnsureAllUsed(incidents.All.Select(r => r.Id).Concat(petitions.All.Select(r => r.Id)).Append(calendar.Id).Concat(suggestions.All.Select(r => r.Id)));
            Assert.Equal(7, petitions.Get("cn-2022").Limits.Transfer.Length);
            Assert.Equal(20, suggestions.Get("cn-suggestions").Limits.NewReply.Length);
            Assert.Equal("Holidays with the county's own days", calendar.Title);
            Assert.Equal(TimeSpan.FromHours(3), incidents.Get("cn-2014").Deadlines.Obligations[Domain.Incidents.ObligationKind.ReachScene].ByLevel[IncidentLevel.IV]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void An_override_meant_for_no_family_is_still_refused()
    {
        var overrides = RuleOverrides.Parse(OverrideFile, """{ "cn-2023": { "title": "typo" } }""");
        var petitions = PetitionRuleLoader.Load(RealDisputeRules.PetitionDirectory, RealDisputeRules.Calendar, overrides);

        var ex = Assert.Throws<RuleSetException>(() => overrides.EnsureAllUsed(petitions.All.Select(r => r.Id)));

        Assert.Equal("cn-2023", ex.Key);
    }

    [Fact]
    public void The_suggestion_rules_hold_three_and_six_months_ten_and_thirty_days()
    {
        var rules = RealDisputeRules.Suggestions.Get("cn-suggestions").Limits;

        Assert.Equal((3, LimitUnit.Months), (rules.Reply.Length, rules.Reply.Unit));
        Assert.Equal((6, LimitUnit.Months), (rules.ComplexReply.Length, rules.ComplexReply.Unit));
        Assert.Equal((10, LimitUnit.CalendarDays), (rules.WrongAssignment.Length, rules.WrongAssignment.Unit));
        Assert.Equal((30, LimitUnit.CalendarDays), (rules.NewReply.Length, rules.NewReply.Unit));
        Assert.Equal("cn-suggestions", RealDisputeRules.Suggestions.InForceAt(new DateTimeOffset(2013, 3, 1, 0, 0, 0, China))?.Id);
    }

    [Fact]
    public void A_broken_suggestion_file_names_the_file_and_the_key()
    {
        var node = JsonNode.Parse(File.ReadAllText(Path.Combine(RealDisputeRules.SuggestionDirectory, "cn-suggestions.json")))!.AsObject();
        node["limits"]!["complexReply"]!["extension"] = new JsonObject { ["length"] = 1, ["unit"] = "Months", ["times"] = 1, ["source"] = "x" };

        var ex = Assert.Throws<RuleSetException>(() => SuggestionRuleLoader.Parse([("cn-suggestions.json", node.ToJsonString())], RealDisputeRules.Calendar));

        Assert.Equal("cn-suggestions.json", ex.File);
        Assert.Equal("limits.complexReply.extension", ex.Key);
    }
}
