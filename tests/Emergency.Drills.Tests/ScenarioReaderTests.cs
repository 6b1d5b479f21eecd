using System.Diagnostics;
using System.Text;
using Emergency.Domain.Disputes;
using Emergency.Domain.Drills;
using Emergency.Domain.Incidents;
using Emergency.Domain.Rules;
using Emergency.Drills.Tests.Infrastructure;
using Emergency.Testing;

namespace Emergency.Drills.Tests;

/// <summary>Scenario files: what is read, and every bad file refused before anything runs, with file, line, column and reason.</summary>
public sealed class ScenarioReaderTests
{
    private const string File = "bad.yaml";

    [Fact]
    public void The_Changzhi_scenario_reads_into_a_schedule_by_virtual_time()
    {
        var scenario = ScenarioReader.Read(Scenarios.Changzhi, "changzhi-aniline-2012.yaml");

        Assert.Equal(new DateTimeOffset(2012, 12, 31, 7, 40, 0, TimeSpan.FromHours(8)), scenario.Start);
        Assert.Equal(new DateOnly(2012, 12, 31), scenario.RuleSetDate);
        Assert.Equal(TimeSpan.FromDays(10), scenario.End);
        Assert.Equal(["changzhi"], scenario.Incidents);
        Assert.Equal(20, scenario.Injects.Count);
        Assert.Equal(11, scenario.Expectations.Count);
        Assert.Equal(scenario.Injects.OrderBy(i => i.At).ThenBy(i => i.Sequence), scenario.Injects);
        var report = Assert.IsType<ReportFiled>(scenario.Injects.Single(i => i.Inject is ReportFiled).Inject);
        Assert.Equal(ReportKind.Initial, report.Report);
        Assert.Equal(TimeSpan.FromDays(5) + TimeSpan.FromHours(9) + TimeSpan.FromMinutes(20), scenario.Injects.Single(i => i.Inject is ReportFiled).At);
        var reported = Assert.IsType<IncidentReported>(scenario.Injects[0].Inject);
        Assert.Null(reported.Facts.ApplyTo(new IncidentFacts()).CrossBoundary);
        Assert.True(reported.Facts.ApplyTo(new IncidentFacts()).DrinkingWaterSource);
        var corrected = Assert.IsType<CorrectionRecorded>(scenario.Injects.Single(i => i.Inject is CorrectionRecorded).Inject);
        Assert.Equal((CorrectionKind.Falsified, "registration", (TimeSpan?)null), (corrected.Correction, corrected.Concerns, corrected.Known));
        Assert.StartsWith("8.68 t", corrected.Actual, StringComparison.Ordinal);
        var notice = scenario.Injects.Select(i => i.Inject).OfType<ObligationCompleted>().Single(i => i.Obligation == ObligationKind.NotifyNeighbours);
        Assert.Equal("Hebei (Handan) and Henan (Anyang) downstream", notice.Notified);
        Assert.Equal(["recordSpill", "recordHop", "sendWarning", "sendWarning", "sendWarning", "sendWarning"], scenario.Injects.Select(i => i.Inject).OfType<IncidentStep>().Where(m => m.Action is "recordSpill" or "recordHop" or "sendWarning").Select(m => m.Action));
    }

    [Fact]
    public void Injects_are_ordered_by_moment_then_by_their_place_in_the_file_and_after_chains_add_up()
    {
        var scenario = ScenarioReader.Read(Scenarios.Minimal("""
              - {id: c, after: b, at: +30m, kind: message, text: c}
              - {id: late, at: +5h, kind: message, text: late}
              - {id: b, after: a, at: +1h, kind: message, text: b}
              - {id: a, after: first, at: +2h, kind: message, text: a}
              - {id: same1, at: +3h30m, kind: message, text: same1}
              - {id: zero, after: late, kind: message, text: zero}
            """), File);

        var order = scenario.Injects.Select(i => (i.Inject.Id, Offsets.Format(i.At))).ToList();
        Assert.Equal(
            [("first", "+0"), ("a", "+2h"), ("b", "+3h"), ("c", "+3h30m"), ("same1", "+3h30m"), ("late", "+5h"), ("zero", "+5h")],
            order);
        Assert.Equal(TimeSpan.FromHours(5), scenario.End);
    }

    [Fact]
    public void Offsets_read_and_write_the_same_notation()
    {
        Assert.Equal(TimeSpan.Zero, Offsets.Parse("+0").Value);
        Assert.Equal(new TimeSpan(5, 3, 20, 0), Offsets.Parse("+5d3h20m").Value);
        Assert.Equal(TimeSpan.FromSeconds(90), Offsets.Parse("90s").Value);
        Assert.Equal("+5d3h20m", Offsets.Format(new TimeSpan(5, 3, 20, 0)));
        Assert.Contains("negative", Offsets.Parse("-1h").Problem?.En(), StringComparison.Ordinal);
        Assert.NotNull(Offsets.Parse("+2x").Problem);
        Assert.NotNull(Offsets.Parse("+").Problem);
        Assert.NotNull(Offsets.Parse("+400d").Problem);
    }

    [Fact]
    public void A_syntax_error_names_its_place()
    {
        var yaml = "title: Test\nregion: [unclosed\nstart: 2026-03-01T08:00:00+08:00\n";
        var error = Refused(yaml);
        AssertAt(yaml, "[unclosed", error);
        Assert.Equal("not valid YAML: this [ ] or { } is never closed", error.Reason.En());
        var indented = "title: Test\n  region: x\n";
        var bad = Refused(indented);
        Assert.Equal(2, bad.Line);
        Assert.StartsWith("not valid YAML: ", bad.Reason.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_inject_kind_is_refused_at_the_kind()
    {
        var yaml = Scenarios.Minimal("  - {at: +1h, kind: explosion, incident: spill}");
        var error = Refused(yaml);
        AssertAt(yaml, "explosion", error);
        Assert.Contains("unknown inject kind 'explosion'", error.Reason.En(), StringComparison.Ordinal);
        Assert.Contains("incidentReported", error.Reason.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_hotline_surge_scenario_reads_with_its_surge_expanded_in_order()
    {
        var scenario = ScenarioReader.Read(Scenarios.HotlineSurge, "hotline-surge.yaml");

        var complaints = scenario.Injects.Where(s => s.Inject is ComplaintFiled).ToList();
        Assert.Equal(41, complaints.Count);
        var surge = complaints.Where(c => ((ComplaintFiled)c.Inject).Repeat == 39).ToList();
        Assert.Equal(Enumerable.Range(0, 39), surge.Select(c => c.Copy));
        Assert.Equal(TimeSpan.FromMinutes(20), surge[0].At);
        Assert.Equal(TimeSpan.FromMinutes(20 + (38 * 10)), surge[^1].At);
        Assert.Equal(scenario.Injects.OrderBy(s => s.At).ThenBy(s => s.Sequence).ThenBy(s => s.Copy), scenario.Injects);
        Assert.Equal(PetitionChannel.Online, ((ComplaintFiled)complaints.Single(c => c.At == TimeSpan.FromMinutes(35)).Inject).Channel);
        var escalated = Assert.IsType<WarningEscalated>(scenario.Injects.Single(s => s.Inject is WarningEscalated).Inject);
        Assert.Equal(("xiaohe", "Xiaohe chemical plant"), (escalated.Incident, escalated.Enterprise));
        Assert.Equal(["xiaohe"], scenario.Incidents);
        var expected = Assert.IsType<WarningRaisedExpectation>(scenario.Expectations[0]);
        Assert.Equal(TimeSpan.FromHours(2), expected.By);
    }

    [Theory]
    [InlineData("  - {at: +1h, kind: complaint, channel: hotline12369, text: smell}", "'enterprise' or 'place' is required", "{at: +1h, kind: complaint")]
    [InlineData("  - {at: +1h, kind: complaint, channel: fax, enterprise: Plant, text: smell}", "'channel' must be one of", "fax")]
    [InlineData("  - {at: +1h, kind: complaint, channel: visit, enterprise: Plant, text: smell, repeat: 5}", "'every' is required with 'repeat'", "{at: +1h, kind: complaint")]
    [InlineData("  - {at: +1h, kind: complaint, channel: visit, enterprise: Plant, text: smell, every: 5m}", "'every' only goes with 'repeat'", "5m")]
    [InlineData("  - {at: +1h, kind: complaint, channel: visit, enterprise: Plant, text: smell, repeat: 10001, every: 1m}", "'repeat' must be between 1 and 10,000", "10001")]
    [InlineData("  - {at: +1h, kind: complaint, channel: visit, enterprise: Plant, text: smell, repeat: 0, every: 1m}", "'repeat' must be between 1 and 10,000", "0, every")]
    [InlineData("  - {at: +1h, kind: complaint, channel: visit, enterprise: Plant, text: smell, repeat: 3, every: 0}", "'every' must be longer than zero", "0}")]
    [InlineData("  - {at: +1h, kind: complaint, channel: visit, enterprise: Plant, text: smell, repeat: 9000, every: 1h}", "later than a drill may run", "+1h")]
    public void Bad_complaints_are_refused_at_the_field(string inject, string reason, string at)
    {
        var yaml = Scenarios.Minimal(inject);
        var error = Refused(yaml);
        AssertAt(yaml, at, error);
        Assert.Contains(reason, error.Reason.En(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("reportUp-140406-140400", true)]
    [InlineData("reportUp-140406-140406.gov", true)]
    [InlineData("reportUp-ministry-stateCouncil", true)]
    [InlineData("warnDownstream-130426", true)]
    [InlineData("warnDownstream-liuzhou-hexi", true)]
    [InlineData("warnNeighbour-410500", true)]
    [InlineData("warnNeighbour-henan", false)]
    [InlineData("reportUp-140406", false)]
    [InlineData("warnDownstream-", false)]
    [InlineData("reportUp-140406-140400 ", false)]
    public void A_hop_of_the_chain_and_a_warning_downstream_are_obligations_an_expectation_scores(string obligation, bool read)
    {
        var yaml = Scenarios.Minimal(expectations: $"  - obligationOnTime: {{incident: spill, obligation: \"{obligation}\"}}");

        if (read)
        {
            Assert.Equal(obligation, Assert.IsType<ObligationOnTimeExpectation>(Assert.Single(ScenarioReader.Read(yaml, File).Expectations)).Obligation);
        }
        else
        {
            Assert.Contains("reportUp-FROM-TO", Refused(yaml).Reason.En(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_warning_expected_or_escalated_about_a_subject_nobody_complained_about_is_refused()
    {
        var yaml = Scenarios.Minimal(
            """
              - {at: +1h, kind: complaint, channel: hotline12369, enterprise: Plant A, text: smell}
              - {at: +2h, kind: warningEscalated, place: Riverside, incident: river, title: Smell, source: hotline12369, facts: {deaths: 0}}
            """,
            "  - warningRaised: {enterprise: Plant B, by: +3h}");
        var errors = Assert.Throws<ScenarioException>(() => ScenarioReader.Read(yaml, File)).Errors;
        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.Reason.En().Contains("no complaint of the scenario is about 'Plant B'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Reason.En().Contains("no complaint of the scenario is about 'Riverside'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_subject_is_matched_as_the_early_warning_matches_it()
    {
        var yaml = Scenarios.Minimal(
            "  - {at: +1h, kind: complaint, channel: hotline12369, enterprise: '  Plant   A ', text: smell}",
            "  - warningRaised: {enterprise: plant a, by: +3h}");
        var scenario = ScenarioReader.Read(yaml, File);
        Assert.Equal("plant a", ((WarningRaisedExpectation)scenario.Expectations[0]).Enterprise);
    }

    [Fact]
    public void Unknown_fields_are_refused_at_the_field()
    {
        var yaml = Scenarios.Minimal("  - {at: +1h, kind: message, text: hello, colour: red}", header: "organiser: Wang");
        var errors = Assert.Throws<ScenarioException>(() => ScenarioReader.Read(yaml, File)).Errors;
        Assert.Equal(2, errors.Count);
        AssertAt(yaml, "organiser", errors[0]);
        Assert.Contains("unknown field 'organiser'", errors[0].Reason.En(), StringComparison.Ordinal);
        AssertAt(yaml, "colour", errors[1]);
        Assert.Contains("unknown field 'colour' in an inject of kind message", errors[1].Reason.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_reference_to_an_unknown_incident_is_refused()
    {
        var yaml = Scenarios.Minimal("  - {at: +1h, kind: incidentClosed, incident: nowhere}");
        var error = Refused(yaml);
        AssertAt(yaml, "{at: +1h, kind: incidentClosed", error);
        Assert.Contains("unknown incident 'nowhere'", error.Reason.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_expectation_about_an_unknown_incident_is_refused()
    {
        var yaml = Scenarios.Minimal(expectations: "  - graded: {incident: elsewhere, level: II}");
        var error = Refused(yaml);
        AssertAt(yaml, "graded", error);
        Assert.Contains("unknown incident 'elsewhere'", error.Reason.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_reference_to_an_unknown_inject_is_refused()
    {
        var yaml = Scenarios.Minimal("  - {after: ghost, kind: message, text: boo}");
        var error = Refused(yaml);
        AssertAt(yaml, "ghost", error);
        Assert.Equal("after 'ghost': no inject has this id", error.Reason.En());
    }

    [Fact]
    public void An_after_chain_that_goes_round_is_refused_and_named()
    {
        var yaml = Scenarios.Minimal("""
              - {id: a, after: b, kind: message, text: a}
              - {id: b, after: c, at: +1h, kind: message, text: b}
              - {id: c, after: a, kind: message, text: c}
            """);
        var error = Refused(yaml);
        Assert.Contains("'after' goes round in a circle", error.Reason.En(), StringComparison.Ordinal);
        Assert.Contains("a → b → c → a", error.Reason.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_offset_is_refused()
    {
        var yaml = Scenarios.Minimal("  - {at: -2h, kind: message, text: before the start}");
        var error = Refused(yaml);
        AssertAt(yaml, "-2h", error);
        Assert.Contains("negative", error.Reason.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_inject_before_its_incident_is_reported_is_refused()
    {
        var yaml = Scenarios.Minimal("""
              - {at: +1h, kind: obligationCompleted, incident: second, obligation: reachScene}
              - {at: +2h, kind: incidentReported, incident: second, title: Second, source: patrol, facts: {deaths: 0}}
            """);
        var error = Refused(yaml);
        AssertAt(yaml, "{at: +1h, kind: obligationCompleted", error);
        Assert.Contains("comes before incident 'second' is reported (+2h", error.Reason.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_inject_after_the_stated_end_is_refused()
    {
        var yaml = Scenarios.Minimal("  - {at: +3h, kind: message, text: too late}", header: "end: +2h");
        var error = Refused(yaml);
        Assert.Contains("comes after the end (+2h)", error.Reason.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_ten_megabyte_file_is_refused_before_it_is_parsed()
    {
        var yaml = Scenarios.Minimal() + "# " + new string('x', 10 * 1024 * 1024) + "\n";
        var watch = Stopwatch.StartNew();
        var error = Refused(yaml);
        Assert.Equal((1, 1), (error.Line, error.Column));
        Assert.Contains("at most 1,048,576 bytes", error.Reason.En(), StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
    }

    [Fact]
    public void A_yaml_alias_bomb_is_refused_at_its_first_anchor_without_expanding_anything()
    {
        var bomb = new StringBuilder("title: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var level = 'b'; level <= 'i'; level++)
        {
            var previous = (char)(level - 1);
            bomb.Append(CultureInfoFree($"{level}: &{level} [*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous}]\n"));
        }

        var error = Refused(bomb.ToString());
        Assert.Equal((1, 8), (error.Line, error.Column));
        Assert.Contains("anchors (&a) are not allowed", error.Reason.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_alias_alone_is_refused_too()
    {
        var error = Refused("title: *nothing\n");
        Assert.Equal(1, error.Line);
        Assert.Contains("aliases (*nothing) are not allowed", error.Reason.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_nesting_is_refused_without_recursing()
    {
        var yaml = "title: " + new string('[', 200_000) + new string(']', 200_000) + "\n";
        var error = Refused(yaml);
        Assert.Contains("nested more than 16 deep", error.Reason.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_given_twice_and_a_second_document_are_refused()
    {
        Assert.Contains("'title' is given twice", Refused("title: a\ntitle: b\n").Reason.En(), StringComparison.Ordinal);
        Assert.Contains("one YAML document", Refused("title: a\n---\ntitle: b\n").Reason.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_value_lists_the_allowed_ones_and_a_missing_field_is_named()
    {
        var yaml = Scenarios.Minimal("""
              - {at: +1h, kind: incidentReported, incident: b, title: B, source: telepathy, facts: {deaths: 0}}
              - {at: +2h, kind: incidentReported, incident: c, source: patrol, facts: {deaths: -1}}
            """);
        var errors = Assert.Throws<ScenarioException>(() => ScenarioReader.Read(yaml, File)).Errors;
        AssertAt(yaml, "telepathy", errors[0]);
        Assert.Contains("'source' must be one of hotline12369, enterprise", errors[0].Reason.En(), StringComparison.Ordinal);
        Assert.Contains(errors, e => e.Reason.En() == "'title' is required");
        Assert.Contains(errors, e => e.Reason.En().StartsWith("'facts.deaths' must be a whole number", StringComparison.Ordinal));
    }

    [Fact]
    public void An_intake_interruption_names_its_intake_and_the_old_field_still_reads_none()
    {
        var scenario = ScenarioReader.Read(Scenarios.Minimal("""
              - {at: +1h, kind: incidentReported, incident: b, title: B, source: patrol, facts: {drinkingWaterIntakeCut: none, crossBoundary: majorCrossBorder}}
              - {at: +2h, kind: factsChanged, incident: b, facts: {intakeInterruption: {intake: Handan city drinking-water source intake, scale: city}}}
            """), File);

        var reported = scenario.Injects.Select(i => i.Inject).OfType<IncidentReported>().Single(r => r.Incident == "b");
        var changed = scenario.Injects.Select(i => i.Inject).OfType<FactsChanged>().Single();
        var facts = changed.Facts.ApplyTo(reported.Facts.ApplyTo(new IncidentFacts()));
        Assert.Equal(new IntakeInterruption { Intake = "Handan city drinking-water source intake", Scale = IntakeScale.City }, facts.IntakeInterruption);
        Assert.Equal(CrossBoundary.MajorCrossBorder, facts.CrossBoundary);
        Assert.Equal(["intakeInterruption"], changed.Facts.Fields);
    }

    [Fact]
    public void An_intake_interruption_without_its_intake_is_refused_where_it_stands()
    {
        var yaml = Scenarios.Minimal("""
              - {at: +1h, kind: incidentReported, incident: b, title: B, source: patrol, facts: {intakeInterruption: {scale: city}}}
            """);

        var error = Assert.Single(Assert.Throws<ScenarioException>(() => ScenarioReader.Read(yaml, File)).Errors);
        AssertAt(yaml, "{scale: city}", error);
        Assert.StartsWith("'facts.intakeInterruption' must name its intake", error.Reason.En(), StringComparison.Ordinal);
        Assert.Contains("a precautionary supply cut (停水) is not an intake interruption", error.Reason.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_incident_discovered_under_another_rule_set_than_the_rule_set_date_names_is_refused()
    {
        var yaml = Scenarios.Minimal().Replace("ruleSetDate: 2026-03-01", "ruleSetDate: 2012-12-31", StringComparison.Ordinal);
        var scenario = ScenarioReader.Read(yaml, File);
        var error = Assert.Single(scenario.CheckRules(RuleSetLoader.Load(RepoPaths.IncidentRules)));
        AssertAt(yaml, "id: first", error);
        Assert.Contains("rule set cn-2014 was in force, but ruleSetDate 2012-12-31 names cn-2011", error.Reason.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_set_date_before_every_rule_set_is_refused_at_the_date()
    {
        var yaml = Scenarios.Minimal()
            .Replace("ruleSetDate: 2026-03-01", "ruleSetDate: 2005-11-13", StringComparison.Ordinal)
            .Replace("start: 2026-03-01T08:00:00+08:00", "start: 2005-11-13T13:45:00+08:00", StringComparison.Ordinal);
        var scenario = ScenarioReader.Read(yaml, File);
        var error = Assert.Single(scenario.CheckRules(RuleSetLoader.Load(RepoPaths.IncidentRules)));
        AssertAt(yaml, "2005-11-13", error);
        Assert.StartsWith("no rule set was in force on 2005-11-13 (ruleSetDate)", error.Reason.En(), StringComparison.Ordinal);
        Assert.Contains("judgedUnder", error.Reason.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_what_if_names_its_rule_set_and_one_that_does_not_exist_is_refused_at_its_place()
    {
        var rules = RuleSetLoader.Load(RepoPaths.IncidentRules);
        var history = Scenarios.Minimal(header: "judgedUnder: cn-2014")
            .Replace("ruleSetDate: 2026-03-01", "ruleSetDate: 2005-11-13", StringComparison.Ordinal)
            .Replace("start: 2026-03-01T08:00:00+08:00", "start: 2005-11-13T13:45:00+08:00", StringComparison.Ordinal);
        var scenario = ScenarioReader.Read(history, File);
        Assert.Equal("cn-2014", scenario.JudgedUnder);
        Assert.Empty(scenario.CheckRules(rules));

        var unknown = Scenarios.Minimal(header: "judgedUnder: cn-2099");
        var error = Assert.Single(ScenarioReader.Read(unknown, File).CheckRules(rules));
        AssertAt(unknown, "cn-2099", error);
        Assert.Equal("no rule set has the id 'cn-2099' (judgedUnder); known: cn-2011, cn-2014", error.Reason.En());
    }

    [Fact]
    public void An_inject_sent_by_hand_has_the_same_shape_and_json_reads_as_well()
    {
        var (inject, at) = ScenarioReader.ReadInject("""{"kind": "obligationCompleted", "incident": "spill", "obligation": "reachScene", "at": "+2h"}""", "inject");
        Assert.Equal(ObligationKind.ReachScene, Assert.IsType<ObligationCompleted>(inject).Obligation);
        Assert.Equal(TimeSpan.FromHours(2), at);
        var error = Assert.Single(Assert.Throws<ScenarioException>(() => ScenarioReader.ReadInject("{kind: message, text: hi, after: first}", "inject")).Errors);
        Assert.Contains("'after' belongs in scenario files", error.Reason.En(), StringComparison.Ordinal);
    }

    private static ScenarioError Refused(string yaml)
    {
        var errors = Assert.Throws<ScenarioException>(() => ScenarioReader.Read(yaml, File)).Errors;
        var error = Assert.Single(errors);
        Assert.Equal(File, error.File);
        return error;
    }

    /// <summary>The error is at the first occurrence of <paramref name="token"/> in the file (line and column from 1).</summary>
    private static void AssertAt(string yaml, string token, ScenarioError error)
    {
        var lines = yaml.Split('\n');
        var line = Array.FindIndex(lines, l => l.Contains(token, StringComparison.Ordinal));
        Assert.True(line >= 0, $"'{token}' is not in the file");
        Assert.Equal((line + 1, lines[line].IndexOf(token, StringComparison.Ordinal) + 1), (error.Line, error.Column));
    }

    private static string CultureInfoFree(FormattableString text) => FormattableString.Invariant(text);
}
