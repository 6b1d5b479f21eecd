using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Emergency.Domain.Messages;

namespace Emergency.Domain.Incidents;

/// <summary>
/// New facts laid over what the incident knew before: a fact not named keeps its value, a fact named with null
/// becomes unknown. The API's facts update and a drill's inject say what changed ("crossBoundary: crossProvince"),
/// so that news of one fact never erases the others. In JSON it is an object of the named facts only.
/// </summary>
[JsonConverter(typeof(FactsPatchJson))]
public sealed record FactsPatch(IncidentFacts Values, IReadOnlyList<string> Fields)
{
    /// <summary>The name the intake interruption had when it was a bare scale; read as an interruption whose intake is not named.</summary>
    public const string LegacyIntakeField = "drinkingWaterIntakeCut";

    private const string IntakeField = "intakeInterruption";

    private static readonly Fact[] Table =
    [
        Count("deaths", f => f.Deaths, (f, v) => f with { Deaths = v }),
        Count("poisoned", f => f.Poisoned, (f, v) => f with { Poisoned = v }),
        Count("seriouslyInjured", f => f.SeriouslyInjured, (f, v) => f with { SeriouslyInjured = v }),
        Count("evacuated", f => f.Evacuated, (f, v) => f with { Evacuated = v }),
        new("directLossCny", FactKind.Money, f => f.DirectLossCny, (f, v) => f with { DirectLossCny = (decimal?)v }),
        new(IntakeField, FactKind.Intake, f => f.IntakeInterruption, (f, v) => f with { IntakeInterruption = (IntakeInterruption?)v }),
        Scale<CrossBoundary>("crossBoundary", f => f.CrossBoundary, (f, v) => f with { CrossBoundary = v }),
        Scale<EcologicalImpact>("ecologicalImpact", f => f.EcologicalImpact, (f, v) => f with { EcologicalImpact = v }),
        Flag("hazardousReleaseInSensitiveArea", f => f.HazardousReleaseInSensitiveArea, (f, v) => f with { HazardousReleaseInSensitiveArea = v }),
        Flag("drinkingWaterSource", f => f.DrinkingWaterSource, (f, v) => f with { DrinkingWaterSource = v }),
        Flag("sensitiveReceptors", f => f.SensitiveReceptors, (f, v) => f with { SensitiveReceptors = v }),
        Flag("heavyMetals", f => f.HeavyMetals, (f, v) => f with { HeavyMetals = v }),
        Flag("possibleCrossProvince", f => f.PossibleCrossProvince, (f, v) => f with { PossibleCrossProvince = v }),
        Flag("massIncident", f => f.MassIncident, (f, v) => f with { MassIncident = v }),
    ];

    /// <summary>Every fact by its API name.</summary>
    public static readonly IReadOnlyList<string> Known = [.. Table.Select(f => f.Name)];

    public static FactsPatch Empty { get; } = new(new IncidentFacts(), []);

    /// <summary>A patch naming every fact: applied, it replaces all that was known.</summary>
    public static FactsPatch AllOf(IncidentFacts facts) => new(facts, Known);

    public IncidentFacts ApplyTo(IncidentFacts facts) =>
        Fields.Select(Lookup).Aggregate(facts, (current, fact) => fact.Set(current, fact.Get(Values)));

    /// <summary>Sets one fact (null: unknown).</summary>
    public FactsPatch With(string field, object? value)
    {
        var fact = Lookup(field);
        return new(fact.Set(Values, value), [.. Fields.Where(f => f != fact.Name), fact.Name]);
    }

    /// <summary>Each fact this patch changes in <paramref name="before"/>, from what to what ("evacuated 20,000 → unknown").</summary>
    public IReadOnlyList<Message> Changes(IncidentFacts before)
    {
        var after = ApplyTo(before);
        return
        [
            .. Fields.Distinct().Select(Lookup)
                .Where(fact => !Equals(fact.Get(before), fact.Get(after)))
                .Select(fact => IncidentTexts.FactChange.With(("fact", fact.Name), ("before", Describe(fact.Get(before))), ("after", Describe(fact.Get(after))))),
        ];
    }

    /// <summary>The fact's API name for a name as sent (any case; the old intake name maps to the new one), or null when unknown.</summary>
    public static string? NameOf(string name) =>
        string.Equals(name, LegacyIntakeField, StringComparison.OrdinalIgnoreCase)
            ? IntakeField
            : Known.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Reads one fact's value from JSON, as the API and scenario files give it: the value, or why it cannot be
    /// read. <paramref name="name"/> is the name as sent, so the old intake name reads its bare scale.
    /// </summary>
    public static (object? Value, Message? Error) Read(string name, JsonElement value)
    {
        var fact = Lookup(NameOf(name) ?? throw new ArgumentException($"unknown fact '{name}'", nameof(name)));
        if (fact.Kind == FactKind.Flag)
        {
            return value.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? (value.GetBoolean(), null)
                : (null, IncidentTexts.FactNotFlag);
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            return (null, null);
        }

        if (string.Equals(name, LegacyIntakeField, StringComparison.OrdinalIgnoreCase))
        {
            return ReadScale(typeof(IntakeScale), value) is IntakeScale scale
                ? (new IntakeInterruption { Scale = scale }, null)
                : (null, IncidentTexts.FactLegacyIntake.With(("allowed", Names(typeof(IntakeScale))), ("field", IntakeField)));
        }

        return fact.Kind switch
        {
            FactKind.Count => value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var count) && count >= 0
                ? (count, null)
                : (null, IncidentTexts.FactNotCount),
            FactKind.Money => value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var money) && money >= 0
                ? (money, null)
                : (null, IncidentTexts.FactNotMoney),
            FactKind.Intake => ReadIntake(value),
            _ => ReadScale(fact.Type, value) is { } scale
                ? (scale, null)
                : (null, IncidentTexts.FactNotScale.With(("allowed", Names(fact.Type)))),
        };
    }

    /// <summary>A fact's value as the timeline shows it: scales by their API names, which the duty room types.</summary>
    private static Arg Describe(object? value) => value switch
    {
        null => Arg.Of(IncidentTexts.FactUnknown.With()),
        bool flag => Arg.Of((flag ? IncidentTexts.FactYes : IncidentTexts.FactNo).With()),
        int count => Arg.Of(count.ToString("#,0", CultureInfo.InvariantCulture)),
        decimal money => Arg.Of(money.ToString("#,0.##", CultureInfo.InvariantCulture)),
        IntakeInterruption { Scale: IntakeScale.None } => Arg.Of(IncidentTexts.FactNone.With()),
        IntakeInterruption { Intake: { } intake } cut => Arg.Of(IncidentTexts.FactIntake.With(("scale", Wire(cut.Scale)), ("intake", intake))),
        IntakeInterruption cut => Arg.Of(IncidentTexts.FactIntakeNotNamed.With(("scale", Wire(cut.Scale)))),
        Enum scale => Arg.Of(Wire(scale)),
        _ => Arg.Of(value.ToString() ?? ""),
    };

    private static (object? Value, Message? Error) ReadIntake(JsonElement value)
    {
        Message shape = IncidentTexts.FactIntakeShape;
        if (value.ValueKind != JsonValueKind.Object)
        {
            return (null, shape);
        }

        string? intake = null;
        IntakeScale? scale = null;
        foreach (var property in value.EnumerateObject())
        {
            switch (property.Name.ToLowerInvariant())
            {
                case "intake" when property.Value.ValueKind is JsonValueKind.String or JsonValueKind.Null:
                    intake = property.Value.GetString();
                    break;
                case "scale":
                    scale = ReadScale(typeof(IntakeScale), property.Value) as IntakeScale?;
                    if (scale is null)
                    {
                        return (null, IncidentTexts.FactIntakeScale.With(("allowed", Names(typeof(IntakeScale)))));
                    }

                    break;
                default:
                    return (null, shape);
            }
        }

        if (scale is null)
        {
            return (null, shape);
        }

        return scale != IntakeScale.None && string.IsNullOrWhiteSpace(intake)
            ? (null, IncidentTexts.FactNameTheIntake)
            : (new IntakeInterruption { Intake = intake?.Trim(), Scale = scale.Value }, null);
    }

    private static Enum? ReadScale(Type type, JsonElement value) =>
        value.ValueKind == JsonValueKind.String
            ? Enum.GetValues(type).Cast<Enum>().FirstOrDefault(v => string.Equals(Wire(v), value.GetString(), StringComparison.OrdinalIgnoreCase))
            : null;

    private static Arg Names(Type type) => Arg.Of(Enum.GetValues(type).Cast<Enum>().Select(v => Arg.Of(Wire(v))));

    private static string Wire(Enum value) => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    private static Fact Lookup(string name) =>
        Table.FirstOrDefault(f => f.Name == name) ?? throw new InvalidOperationException($"unknown fact '{name}'");

    private static Fact Count(string name, Func<IncidentFacts, int?> get, Func<IncidentFacts, int?, IncidentFacts> set) =>
        new(name, FactKind.Count, f => get(f), (f, v) => set(f, (int?)v));

    private static Fact Scale<T>(string name, Func<IncidentFacts, T?> get, Func<IncidentFacts, T?, IncidentFacts> set)
        where T : struct, Enum =>
        new(name, FactKind.Scale, f => get(f), (f, v) => set(f, (T?)v), typeof(T));

    private static Fact Flag(string name, Func<IncidentFacts, bool> get, Func<IncidentFacts, bool, IncidentFacts> set) =>
        new(name, FactKind.Flag, f => get(f), (f, v) => set(f, (bool)v!));

    private enum FactKind
    {
        Count,
        Money,
        Intake,
        Scale,
        Flag,
    }

    private sealed record Fact(string Name, FactKind Kind, Func<IncidentFacts, object?> Get, Func<IncidentFacts, object?, IncidentFacts> Set, Type? ScaleType = null)
    {
        public Type Type => ScaleType ?? typeof(object);
    }

    /// <summary>A fact of a patch that cannot be read; the API lists it under its field.</summary>
    public sealed class FactException(string field, Message problem) : JsonException(problem.ToString())
    {
        public string Field { get; } = field;

        public Message Problem { get; } = problem;
    }

    /// <summary>Reads and writes a patch as the object of its facts; any other field or value is refused by name.</summary>
    private sealed class FactsPatchJson : JsonConverter<FactsPatch>
    {
        public override FactsPatch Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException($"must be an object of facts: {string.Join(", ", Known)}");
            }

            var patch = Empty;
            var named = new HashSet<string>();
            while (true)
            {
                string? name = null;
                JsonElement value;
                try
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.EndObject)
                    {
                        return patch;
                    }

                    name = reader.GetString()!;
                    reader.Read();
                    value = JsonElement.ParseValue(ref reader);
                }
                catch (JsonException ex) when (name is not null && ex is not FactException)
                {
                    throw new FactException(name, IncidentTexts.FactUnreadable);
                }

                var field = NameOf(name) ?? throw new FactException(name, IncidentTexts.FactNotAFact.With(("known", Arg.Of(Known.Select(Arg.Of)))));
                if (!named.Add(field))
                {
                    throw new FactException(name, IncidentTexts.FactNamedTwice.With(("field", field)));
                }

                var (read, error) = FactsPatch.Read(name, value);
                patch = error is null ? patch.With(field, read) : throw new FactException(name, error);
            }
        }

        public override void Write(Utf8JsonWriter writer, FactsPatch value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            foreach (var fact in value.Fields.Distinct().Select(Lookup))
            {
                var current = fact.Get(value.Values);

                // An interruption without its intake can only have come from the old field: written back under it, so it reads the same.
                var legacy = current is IntakeInterruption { Intake: null, Scale: not IntakeScale.None };
                writer.WritePropertyName(legacy ? LegacyIntakeField : fact.Name);
                switch (current)
                {
                    case IntakeInterruption cut when legacy:
                        writer.WriteStringValue(Wire(cut.Scale));
                        break;
                    case null:
                        writer.WriteNullValue();
                        break;
                    case int count:
                        writer.WriteNumberValue(count);
                        break;
                    case decimal money:
                        writer.WriteNumberValue(money);
                        break;
                    case bool flag:
                        writer.WriteBooleanValue(flag);
                        break;
                    case IntakeInterruption cut:
                        writer.WriteStartObject();
                        writer.WriteString("intake", cut.Intake);
                        writer.WriteString("scale", Wire(cut.Scale));
                        writer.WriteEndObject();
                        break;
                    case Enum scale:
                        writer.WriteStringValue(Wire(scale));
                        break;
                }
            }

            writer.WriteEndObject();
        }
    }
}
