using System.Globalization;
using System.Text.Json.Nodes;
using Emergency.Domain.Decisions;
using Emergency.Domain.Rules;
using Emergency.Testing;

namespace Emergency.Domain.Tests.Decisions;

/// <summary>The decision rule files: what they say, which one judges a matter, and how a bad file stops the start.</summary>
public sealed class MajorDecisionRuleTests
{
    private const string File2019 = "cn-2019.json";
    private const string OverrideFile = "local-overrides.json";

    [Fact]
    public void The_real_files_load_with_their_values()
    {
        var catalog = MajorDecisionRuleLoader.Parse(RealDecisionRules.Sources());

        Assert.Equal(["decisions-local-2012", "decisions-cn-2019"], catalog.All.Select(r => r.Id));
        var rules = catalog.Get("decisions-cn-2019");
        Assert.Equal(TimeSpan.FromDays(30), rules.PublicComment.MinimumPeriod);
        Assert.Contains("重大行政决策程序暂行条例", rules.PublicComment.Source, StringComparison.Ordinal);
        Assert.Equal([ViewMethod.PublicComment], rules.RequiredMethods);
        Assert.Equal([AnalysisDimension.Legality, AnalysisDimension.Reasonableness, AnalysisDimension.Feasibility, AnalysisDimension.Controllability], rules.Dimensions.Keys);
        Assert.Equal([CollectiveDecisionOutcome.Postpone, CollectiveDecisionOutcome.DoNotImplement], rules.RiskLevels[RiskLevel.High].Outcomes);
        Assert.True(rules.RiskLevels[RiskLevel.Medium].MitigateAndReRate);
        Assert.DoesNotContain(CollectiveDecisionOutcome.Implement, rules.RiskLevels[RiskLevel.Medium].Outcomes);
        Assert.True(rules.RiskLevels[RiskLevel.Low].ExplanationRequired);
        Assert.Equal([RiskLevel.Low], rules.InvestmentProjects.ApprovableAt);

        var local = catalog.Get("decisions-local-2012");
        Assert.Equal(TimeSpan.FromDays(20), local.PublicComment.MinimumPeriod);
        Assert.Equal([AnalysisDimension.Legality, AnalysisDimension.Reasonableness, AnalysisDimension.Feasibility, AnalysisDimension.Controllability], local.Dimensions.Keys);
        Assert.Equal([AnalysisDimension.Safety], local.Dimensions[AnalysisDimension.Controllability].AlsoCalled);
    }

    [Fact]
    public void Every_value_of_the_real_files_has_a_source()
    {
        foreach (var rules in RealDecisionRules.Catalog.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(rules.PublicComment.Source));
            Assert.All(rules.ViewMethods.Values, m => Assert.False(string.IsNullOrWhiteSpace(m.Source)));
            Assert.All(rules.Dimensions.Values, d => Assert.False(string.IsNullOrWhiteSpace(d.Source)));
            Assert.All(rules.RiskLevels.Values, l => Assert.False(string.IsNullOrWhiteSpace(l.Source)));
            Assert.False(string.IsNullOrWhiteSpace(rules.InvestmentProjects.Source));
        }
    }

    [Theory]
    [InlineData("2012-06-01T09:00:00+08:00", "decisions-local-2012")]
    [InlineData("2019-08-31T23:59:59+08:00", "decisions-local-2012")]
    [InlineData("2019-09-01T00:00:00+08:00", "decisions-cn-2019")]
    [InlineData("2019-08-31T16:00:00+00:00", "decisions-cn-2019")]
    [InlineData("2026-11-27T09:00:00+08:00", "decisions-cn-2019")]
    public void A_matter_is_judged_by_the_rule_set_in_force_when_it_was_submitted(string submittedAt, string expected)
    {
        var submitted = DateTimeOffset.Parse(submittedAt, CultureInfo.InvariantCulture);
        var c = new MatterCase(start: submitted.AddHours(-1));

        c.Submit();

        Assert.Equal(submitted, c.State.SubmittedAt);
        Assert.Equal(expected, c.State.RuleSetId);
        Assert.Equal(expected, c.Matter.Rules!.Id);
        Assert.Contains($"judged by rule set {expected}", c.State.Timeline[^1].Text.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_draft_has_no_rule_set_yet()
    {
        var c = new MatterCase(start: new DateTimeOffset(2019, 8, 31, 12, 0, 0, MatterCase.China));

        Assert.Null(c.Matter.Rules);
        c.Later(TimeSpan.FromDays(2)).Submit();

        Assert.Equal("decisions-cn-2019", c.State.RuleSetId);
    }

    [Fact]
    public void Submission_before_any_rule_set_is_refused()
    {
        var c = new MatterCase(start: new DateTimeOffset(2011, 6, 1, 9, 0, 0, MatterCase.China));

        var decision = c.Refused(m => m.Handle(new SubmitMajorDecision(), People.Maker, c.Now));

        Assert.Equal("no rule set for major decisions was in force on 2011-06-01 09:00 Beijing time; the earliest starts 2012-01-01 00:00 Beijing time", decision.Reason.En());
        Assert.DoesNotContain("submit", c.Matter.AllowedMoves(c.Now));
    }

    [Fact]
    public void Invalid_json_names_the_file_and_the_line()
    {
        var lines = RealDecisionRules.Text(File2019).Split('\n');
        var index = Array.FindIndex(lines, l => l.Contains("\"minimumPeriod\": \"P30D\",", StringComparison.Ordinal));
        lines[index] = lines[index].TrimEnd(',');

        var ex = Assert.Throws<RuleSetException>(() => MajorDecisionRuleLoader.Parse([(File2019, string.Join('\n', lines))]));

        Assert.Equal(File2019, ex.File);
        Assert.Contains($"invalid JSON at line {index + 2}", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_property_is_refused_with_its_path()
    {
        var ex = Fails(n => n["riskLevels"]!["low"]!["colour"] = "green");

        Assert.Equal("riskLevels.low.colour", ex.Key);
        Assert.Contains("'colour'", ex.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dimensions", "safetyAndHealth")]
    [InlineData("viewMethods", "survey")]
    [InlineData("riskLevels", "critical")]
    [InlineData("dimensions", "0")]
    public void An_unknown_name_used_as_a_key_is_refused(string section, string name)
    {
        var ex = Fails(n => n[section]![name] = n[section]!.AsObject().First().Value!.DeepClone());

        Assert.Equal($"{section}.{name}", ex.Key);
    }

    [Theory]
    [InlineData("riskLevels.medium.outcomes", "implementLater")]
    [InlineData("investmentProjects.approvableAt", "veryLow")]
    public void An_unknown_name_used_as_a_value_is_refused(string path, string value)
    {
        var ex = Fails(n => At(n, path).AsArray().Add(value));

        Assert.StartsWith(path, ex.Key, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("publicComment")]
    [InlineData("questionnaire")]
    [InlineData("visit")]
    [InlineData("hearing")]
    public void A_missing_view_method_is_refused(string method)
    {
        var ex = Fails(n => n["viewMethods"]!.AsObject().Remove(method));

        Assert.Equal($"viewMethods.{method}", ex.Key);
        Assert.Equal("is missing: say whether the assessment must use it", ex.Problem);
    }

    [Theory]
    [InlineData("low")]
    [InlineData("medium")]
    [InlineData("high")]
    public void A_missing_risk_level_is_refused(string level)
    {
        var ex = Fails(n => n["riskLevels"]!.AsObject().Remove(level));

        Assert.Equal($"riskLevels.{level}", ex.Key);
        Assert.Equal("is missing", ex.Problem);
    }

    [Theory]
    [InlineData("implement")]
    [InlineData("implementAfterMitigation")]
    public void A_rule_set_under_which_a_high_risk_could_be_implemented_is_refused(string outcome)
    {
        var ex = Fails(n => n["riskLevels"]!["high"]!["outcomes"]!.AsArray().Add(outcome));

        Assert.Equal("riskLevels.high.outcomes", ex.Key);
        Assert.Equal($"'{outcome}' is not allowed: a high risk is never implemented; it may be redesigned and assessed again", ex.Problem);
    }

    [Fact]
    public void A_rule_set_under_which_a_medium_risk_goes_on_unmitigated_is_refused()
    {
        var ex = Fails(n => n["riskLevels"]!["medium"]!["mitigateAndReRate"] = false);

        Assert.Equal("riskLevels.medium.mitigateAndReRate", ex.Key);
        Assert.StartsWith("must be true", ex.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("medium")]
    [InlineData("high")]
    public void A_rule_set_approving_investment_projects_above_low_risk_is_refused(string level)
    {
        var ex = Fails(n => n["investmentProjects"]!["approvableAt"]!.AsArray().Add(level));

        Assert.Equal("investmentProjects.approvableAt", ex.Key);
        Assert.Equal($"'{level}' is not allowed: an investment project is never approved at medium or high risk; a rule set may only tighten this", ex.Problem);
    }

    [Fact]
    public void Every_level_must_allow_not_implementing()
    {
        var ex = Fails(n => n["riskLevels"]!["low"]!["outcomes"] = new JsonArray("implement"));

        Assert.Equal("riskLevels.low.outcomes", ex.Key);
        Assert.Equal("must include 'doNotImplement': the collective decision may always refuse", ex.Problem);
    }

    [Fact]
    public void An_outcome_listed_twice_is_refused()
    {
        var ex = Fails(n => n["riskLevels"]!["medium"]!["outcomes"]!.AsArray().Add("postpone"));

        Assert.Equal("riskLevels.medium.outcomes", ex.Key);
        Assert.Equal("lists 'postpone' twice", ex.Problem);
    }

    [Theory]
    [InlineData("PT0S")]
    [InlineData("-P30D")]
    public void The_minimum_comment_period_must_be_positive(string period)
    {
        var ex = Fails(n => n["publicComment"]!["minimumPeriod"] = period);

        Assert.Equal("publicComment.minimumPeriod", ex.Key);
        Assert.Equal("must be a positive duration such as \"P30D\"", ex.Problem);
    }

    [Fact]
    public void The_minimum_comment_period_must_be_an_iso_duration()
    {
        var ex = Fails(n => n["publicComment"]!["minimumPeriod"] = "30 days");

        Assert.Equal("publicComment.minimumPeriod", ex.Key);
        Assert.Contains("'30 days' is not an ISO 8601 duration", ex.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("publicComment")]
    [InlineData("viewMethods.hearing")]
    [InlineData("dimensions.feasibility")]
    [InlineData("riskLevels.medium")]
    [InlineData("investmentProjects")]
    public void Every_value_needs_its_source(string path)
    {
        var ex = Fails(n => At(n, path)["source"] = " ");

        Assert.Equal($"{path}.source", ex.Key);
        Assert.Equal("every value needs its source", ex.Problem);
    }

    [Fact]
    public void A_missing_source_is_refused()
    {
        var ex = Fails(n => n["riskLevels"]!["high"]!.AsObject().Remove("source"));

        Assert.Equal("riskLevels.high", ex.Key);
        Assert.Contains("source", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void At_least_one_dimension_is_analysed()
    {
        var ex = Fails(n => n["dimensions"] = new JsonObject());

        Assert.Equal("dimensions", ex.Key);
        Assert.Equal("must name at least one dimension to analyse", ex.Problem);
    }

    [Fact]
    public void A_dimension_needs_its_question()
    {
        var ex = Fails(n => n["dimensions"]!["legality"]!["question"] = "");

        Assert.Equal("dimensions.legality.question", ex.Key);
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
        var ex = Assert.Throws<RuleSetException>(() => MajorDecisionRuleLoader.Parse([(File2019, RealDecisionRules.Text(File2019)), ("copy.json", RealDecisionRules.Text(File2019))]));

        Assert.Equal("rule set id 'decisions-cn-2019' is used twice", ex.Problem);
    }

    [Fact]
    public void No_rule_set_at_all_is_refused()
    {
        var ex = Assert.Throws<RuleSetException>(() => MajorDecisionRuleLoader.Parse([]));

        Assert.Equal("no rule set is configured", ex.Problem);
    }

    [Fact]
    public void A_missing_directory_is_refused_with_its_setting()
    {
        var missing = Path.Combine(RealDecisionRules.Directory, "no-such-folder");

        var ex = Assert.Throws<RuleSetException>(() => MajorDecisionRuleLoader.Load(missing));

        Assert.Equal(missing, ex.File);
        Assert.Contains("Rules:Directory", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stricter_local_comment_period_applies_with_its_own_source()
    {
        const string Patch = """{ "decisions-cn-2019": { "publicComment": { "minimumPeriod": "P45D", "source": "province rule 2021: at least 45 days" } } }""";

        var catalog = MajorDecisionRuleLoader.Parse(RealDecisionRules.Sources(), OverrideFile, Patch);

        Assert.Equal(TimeSpan.FromDays(45), catalog.Get("decisions-cn-2019").PublicComment.MinimumPeriod);
        var c = new MatterCase(catalog: catalog).CommentOpen();
        var opened = c.State.Round!.PublicComment!;
        Assert.Equal(opened.OpenedAt.AddDays(45), opened.MayCloseAt);
        Assert.Contains("province rule 2021: at least 45 days", c.State.Timeline.Single(e => e.Kind == MajorDecisionTimelineKind.PublicCommentOpened).Text.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_override_can_require_a_hearing()
    {
        const string Patch = """{ "decisions-cn-2019": { "viewMethods": { "hearing": { "required": true, "source": "city rule: every incinerator site is heard" } } } }""";

        var catalog = MajorDecisionRuleLoader.Parse(RealDecisionRules.Sources(), OverrideFile, Patch);

        Assert.Equal([ViewMethod.PublicComment, ViewMethod.Hearing], catalog.Get("decisions-cn-2019").RequiredMethods);
    }

    [Fact]
    public void An_override_that_loosens_a_guard_is_refused_and_names_the_override_file()
    {
        const string Patch = """{ "decisions-cn-2019": { "riskLevels": { "high": { "outcomes": ["implement", "doNotImplement"], "source": "wishful thinking" } } } }""";

        var ex = Assert.Throws<RuleSetException>(() => MajorDecisionRuleLoader.Parse(RealDecisionRules.Sources(), OverrideFile, Patch));

        Assert.Equal("riskLevels.high.outcomes", ex.Key);
        Assert.EndsWith($"(after the overrides in '{OverrideFile}')", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_override_without_its_own_source_is_refused()
    {
        const string Patch = """{ "decisions-cn-2019": { "publicComment": { "minimumPeriod": "P40D" } } }""";

        var ex = Assert.Throws<RuleSetException>(() => MajorDecisionRuleLoader.Parse(RealDecisionRules.Sources(), OverrideFile, Patch));

        Assert.Equal(OverrideFile, ex.File);
        Assert.Equal("decisions-cn-2019.publicComment", ex.Key);
        Assert.Equal("an override of a value that has a source must give its own \"source\"", ex.Problem);
    }

    [Fact]
    public void An_override_for_an_unknown_rule_set_is_refused()
    {
        var ex = Assert.Throws<RuleSetException>(() => MajorDecisionRuleLoader.Parse(RealDecisionRules.Sources(), OverrideFile, """{ "decisions-cn-2099": { "title": "future" } }"""));

        Assert.Equal("no rule set has the id 'decisions-cn-2099' (known: decisions-local-2012, decisions-cn-2019)", ex.Problem);
    }

    [Fact]
    public void One_override_file_serves_the_incident_and_the_decision_rules()
    {
        var path = Path.Combine(Path.GetTempPath(), $"emergency-overrides-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """
            {
              "cn-2014": { "deadlines": { "obligations": { "reachScene": { "source": "county practice", "byLevel": { "IV": "PT3H" } } } } },
              "decisions-local-2012": { "publicComment": { "minimumPeriod": "P25D", "source": "province rule 2014" } }
            }
            """);
        try
        {
            var overrides = RuleOverrides.Load(path);
            var incidents = RuleSetLoader.Load(RealRules.RulesDirectory, overrides);
            var decisions = MajorDecisionRuleLoader.Load(RealDecisionRules.Directory, overrides);

            overrides.EnsureAllUsed(incidents.All.Select(r => r.Id).Concat(decisions.All.Select(r => r.Id)));
            Assert.Equal(TimeSpan.FromDays(25), decisions.Get("decisions-local-2012").PublicComment.MinimumPeriod);
            Assert.Equal(TimeSpan.FromDays(30), decisions.Get("decisions-cn-2019").PublicComment.MinimumPeriod);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Parses the real local file and an edited 2019 file; asserts the edit stops the load and names the file.</summary>
    private static RuleSetException Fails(Action<JsonObject> edit)
    {
        var node = RealDecisionRules.Node(File2019);
        edit(node);
        var sources = new List<(string File, string Json)> { ("local-2012.json", RealDecisionRules.Text("local-2012.json")), (File2019, node.ToJsonString()) };

        var ex = Assert.Throws<RuleSetException>(() => MajorDecisionRuleLoader.Parse(sources));

        Assert.Equal(File2019, ex.File);
        Assert.StartsWith($"Rule file '{File2019}'", ex.Message, StringComparison.Ordinal);
        return ex;
    }

    private static JsonNode At(JsonObject root, string dottedPath) =>
        dottedPath.Split('.').Aggregate((JsonNode)root, (node, key) => node[key]!);
}
