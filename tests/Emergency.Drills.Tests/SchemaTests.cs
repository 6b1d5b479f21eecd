using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Emergency.Domain.Cases;
using Emergency.Domain.Decisions;
using Emergency.Domain.Drills;
using Emergency.Domain.Incidents;
using Emergency.Drills.Tests.Infrastructure;
using Json.Schema;

namespace Emergency.Drills.Tests;

/// <summary>scenarios/scenario.schema.json says what the reader reads: the same names, the same kinds, the same verdicts.</summary>
public sealed class SchemaTests
{
    private static readonly JsonObject SchemaJson = JsonNode.Parse(File.ReadAllText(Scenarios.PathOf("scenario.schema.json")))!.AsObject();
    private static readonly JsonSchema Schema = JsonSchema.FromText(SchemaJson.ToJsonString());

    [Fact]
    public void The_schema_names_exactly_the_fields_and_kinds_the_reader_knows()
    {
        Assert.Equal(ScenarioVocabulary.TopLevel.Order(), SchemaJson["properties"]!.AsObject().Select(p => p.Key).Order());
        var injects = SchemaJson["$defs"]!["inject"]!["oneOf"]!.AsArray().Select(k => k!.AsObject()).ToList();
        foreach (var (kind, (onIncident, fields)) in ScenarioVocabulary.InjectKinds)
        {
            var shape = injects.Single(k => (string?)k["title"] == kind);
            var expected = ScenarioVocabulary.InjectCommon.Concat(onIncident ? ScenarioVocabulary.IncidentCommon : []).Concat(fields).Order();
            Assert.Equal(expected, shape["properties"]!.AsObject().Select(p => p.Key).Order());
        }

        Assert.Equal(
            ScenarioVocabulary.InjectKinds.Keys.Order(),
            injects.Select(k => (string)k["title"]!).Order());
        var expectations = SchemaJson["$defs"]!["expectation"]!["oneOf"]!.AsArray().Select(k => k!.AsObject()).ToList();
        foreach (var (kind, fields) in ScenarioVocabulary.ExpectationKinds)
        {
            var shape = expectations.Single(k => (string?)k["title"] == kind);
            Assert.Equal(fields.Order(), shape["properties"]![kind]!["properties"]!.AsObject().Select(p => p.Key).Order());
        }

        Assert.Equal(FactsPatch.Known.Order(), SchemaJson["$defs"]!["facts"]!["properties"]!.AsObject().Select(p => p.Key).Order());
        var refusals = expectations.Single(k => (string?)k["title"] == MoveRefusedExpectation.KindName)["properties"]![MoveRefusedExpectation.KindName]!["properties"]!["refusal"]!["enum"]!.AsArray();
        Assert.Equal(DecisionRefusals.All.Order(), refusals.Select(r => (string)r!).Order());
    }

    [Fact]
    public void The_schema_names_every_move_of_a_major_decision_as_an_action()
    {
        var moves = Moves.Of<MajorDecisionCommand>().Select(m => m.Name).ToList();
        var step = SchemaJson["$defs"]!["inject"]!["oneOf"]!.AsArray().Single(k => (string?)k!["title"] == DecisionStep.KindName)!;
        var refused = SchemaJson["$defs"]!["expectation"]!["oneOf"]!.AsArray().Single(k => (string?)k!["title"] == MoveRefusedExpectation.KindName)!;

        Assert.Equal(moves, step["properties"]!["action"]!["enum"]!.AsArray().Select(a => (string)a!));
        Assert.Equal(moves, refused["properties"]![MoveRefusedExpectation.KindName]!["properties"]!["action"]!["enum"]!.AsArray().Select(a => (string)a!));
    }

    [Fact]
    public void The_schema_names_every_move_on_an_existing_incident_as_an_action()
    {
        var moves = Moves.Of<IncidentCommand>().Where(m => !m.Creates).Select(m => m.Name).ToList();
        var step = SchemaJson["$defs"]!["inject"]!["oneOf"]!.AsArray().Single(k => (string?)k!["title"] == IncidentStep.KindName)!;

        Assert.Equal(moves, step["properties"]!["action"]!["enum"]!.AsArray().Select(a => (string)a!));
    }

    [Theory]
    [InlineData("changzhi-aniline-2012.yaml", true)]
    [InlineData("longjiang-cadmium-2012.yaml", true)]
    [InlineData("songhua-benzene-2005.yaml", true)]
    [InlineData("hotline-surge.yaml", true)]
    [InlineData("incinerator-siting.yaml", true)]
    public void The_shipped_scenarios_pass_the_schema_exactly_when_the_reader_takes_them(string file, bool valid)
    {
        var text = File.ReadAllText(Scenarios.PathOf(file));
        var result = Schema.Evaluate(AsJson(text), new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.Equal(valid, result.IsValid);
        var read = Record.Exception(() => ScenarioReader.Read(text, file));
        Assert.Equal(valid, read is null);
    }

    [Theory]
    [InlineData("  - {at: +1h, kind: explosion, incident: spill}")]
    [InlineData("  - {at: +1h, kind: message, text: hi, colour: red}")]
    [InlineData("  - {at: -1h, kind: message, text: hi}")]
    [InlineData("  - {at: +1h, kind: obligationCompleted, incident: spill, obligation: report}")]
    [InlineData("  - {kind: message, text: no time}")]
    public void Bad_injects_fail_the_schema_as_they_fail_the_reader(string inject)
    {
        var text = Scenarios.Minimal(inject);
        Assert.False(Schema.Evaluate(AsJson(text)).IsValid);
        Assert.Throws<ScenarioException>(() => ScenarioReader.Read(text, "bad.yaml"));
    }

    /// <summary>The YAML as JSON, plain scalars read by the YAML 1.2 core schema (as an editor's validator would).</summary>
    private static JsonElement AsJson(string yaml) => JsonSerializer.SerializeToElement(ToNode(YamlTree.Parse(yaml, "schema")));

    private static JsonNode? ToNode(YamlNode? node) => node switch
    {
        YamlMap map => new JsonObject(map.Entries.Select(e => KeyValuePair.Create(e.Key.Value, ToNode(e.Value)))),
        YamlList list => new JsonArray([.. list.Items.Select(ToNode)]),
        YamlScalar { IsNull: true } => null,
        YamlScalar { Plain: true, Value: "true" or "false" } s => JsonValue.Create(s.Value == "true"),
        YamlScalar { Plain: true } s when long.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => JsonValue.Create(n),
        YamlScalar { Plain: true } s when decimal.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
        YamlScalar s => JsonValue.Create(s.Value),
        _ => null,
    };
}
