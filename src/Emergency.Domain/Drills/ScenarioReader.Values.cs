using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Emergency.Domain.Cases;
using Emergency.Domain.Decisions;
using Emergency.Domain.Incidents;
using Emergency.Domain.Messages;
using Emergency.Domain.Rules;

namespace Emergency.Domain.Drills;

/// <summary>Reads the values of a YAML node (text, names, offsets, moments, roles, facts) and records a problem where one does not fit.</summary>
public static partial class ScenarioReader
{
    private sealed partial class Reading
    {
        private Dictionary<string, YamlNode> Fields(YamlMap map, string what, IReadOnlyList<string> allowed, IReadOnlyList<string> required)
        {
            var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
            foreach (var (key, value) in map.Entries)
            {
                if (!allowed.Contains(key.Value))
                {
                    Error(key.At, ScenarioTexts.UnknownField.With(("field", key.Value), ("what", what), ("known", Arg.Of(allowed.Select(Arg.Of)))));
                    continue;
                }

                if (!IsNull(value) || required.Contains(key.Value))
                {
                    fields[key.Value] = value;
                }
            }

            foreach (var name in required.Where(r => !fields.ContainsKey(r)))
            {
                Error(map.At, ScenarioTexts.RequiredIn.With(("name", name), ("what", what)));
            }

            return fields;
        }

        private YamlNode? Required(Dictionary<string, YamlNode> fields, YamlMap map, string name)
        {
            if (fields.TryGetValue(name, out var node))
            {
                return node;
            }

            Error(map.At, ScenarioTexts.Required.With(("name", name)));
            return null;
        }

        private string? Text(Dictionary<string, YamlNode> fields, string name, int maxLength) =>
            fields.TryGetValue(name, out var node) ? Text(node, name, maxLength) : null;

        private string? Text(YamlNode node, string name, int maxLength)
        {
            if (node is not YamlScalar scalar || scalar.IsNull || scalar.Value.Trim().Length == 0)
            {
                Error(node.At, ScenarioTexts.MustBeText.With(("name", name)));
                return null;
            }

            if (scalar.Value.Length > maxLength)
            {
                Error(node.At, ScenarioTexts.TextTooLong.With(("name", name), ("length", scalar.Value.Length), ("max", maxLength)));
                return null;
            }

            return scalar.Value;
        }

        private string? Name(YamlNode node, string name)
        {
            if (node is YamlScalar { IsNull: false } scalar && NamePattern().IsMatch(scalar.Value))
            {
                return scalar.Value;
            }

            Error(node.At, ScenarioTexts.NotAName.With(("name", name)));
            return null;
        }

        private int? Int(YamlNode node, string name) =>
            node is YamlScalar { Plain: true } scalar && int.TryParse(scalar.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                ? value
                : Fail<int>(node, ScenarioTexts.NotCount.With(("name", name)));

        private TimeSpan? Offset(YamlNode node, string name)
        {
            if (node is not YamlScalar { IsNull: false } scalar)
            {
                Error(node.At, ScenarioTexts.NotAnOffset.With(("name", name)));
                return null;
            }

            var (value, problem) = Offsets.Parse(scalar.Value);
            if (problem is not null)
            {
                Error(node.At, ScenarioTexts.FieldProblem.With(("name", name), ("problem", problem)));
            }

            return value;
        }

        private DateOnly? Date(YamlNode node, string name) =>
            node is YamlScalar scalar && DateOnly.TryParseExact(scalar.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date
                : Fail<DateOnly>(node, ScenarioTexts.NotDate.With(("name", name)));

        private DateTimeOffset? Moment(YamlNode node, string name) =>
            node is YamlScalar scalar && MomentPattern().IsMatch(scalar.Value)
            && DateTimeOffset.TryParse(scalar.Value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var moment)
                ? moment
                : Fail<DateTimeOffset>(node, ScenarioTexts.NotMoment.With(("name", name)));

        private Role? Role(YamlNode node, Role allowed, string kind)
        {
            var role = Enum<Role>(node, "by");
            if (role is not null && role != allowed)
            {
                Error(node.At, ScenarioTexts.RoleCannot.With(("role", Wire(role.Value)), ("move", kind), ("allowed", Wire(allowed))));
                return null;
            }

            return role;
        }

        private ObligationKind? Step(YamlNode node)
        {
            var kind = Enum<ObligationKind>(node, "obligation");
            if (kind is { } k && k.IsReport())
            {
                Error(node.At, ScenarioTexts.StepIsReport.With(("obligation", Wire(k))));
                return null;
            }

            if (kind == ObligationKind.ReleaseInformation)
            {
                Error(node.At, ScenarioTexts.ReleaseByDocument);
                return null;
            }

            return kind;
        }

        private string? ObligationId(YamlNode node) =>
            node is YamlScalar scalar && ObligationIdPattern().IsMatch(scalar.Value)
                ? scalar.Value
                : FailRef<string>(node, ScenarioTexts.ObligationShape);

        /// <summary>A move of a kind of case by its name, as the API's routes name it; the creating move only where the step may create the case.</summary>
        private MoveInfo? Move<TCommand>(YamlNode node, bool creating)
            where TCommand : CaseCommand
        {
            var moves = Moves.Of<TCommand>().Where(m => creating || !m.Creates).ToList();
            if (node is YamlScalar { IsNull: false } scalar && moves.FirstOrDefault(m => string.Equals(m.Name, scalar.Value, StringComparison.OrdinalIgnoreCase)) is { } move)
            {
                return move;
            }

            Error(node.At, ScenarioTexts.ActionOneOf.With(("moves", Arg.Of(moves.Select(m => Arg.Of(m.Name))))));
            return null;
        }

        private string? RefusalCode(YamlNode node) =>
            node is YamlScalar { IsNull: false } scalar && DecisionRefusals.All.Contains(scalar.Value, StringComparer.Ordinal)
                ? scalar.Value
                : FailRef<string>(node, ScenarioTexts.RefusalCode.With(("codes", Arg.Of(DecisionRefusals.All.Select(Arg.Of)))));

        private IncidentLevel? Level(YamlNode node) =>
            node is YamlScalar scalar && IncidentLevels.All.FirstOrDefault(l => l.ToString() == scalar.Value) is var level && level.ToString() == scalar.Value
                ? level
                : Fail<IncidentLevel>(node, ScenarioTexts.LevelShape);

        private T? Enum<T>(YamlNode node, string name)
            where T : struct, Enum
        {
            if (node is YamlScalar { IsNull: false } scalar)
            {
                foreach (var value in System.Enum.GetValues<T>())
                {
                    if (string.Equals(Wire(value), scalar.Value, StringComparison.OrdinalIgnoreCase) && (typeof(T) != typeof(Role) || !Equals(value, Domain.Role.System)))
                    {
                        return value;
                    }
                }
            }

            var names = System.Enum.GetValues<T>().Where(v => typeof(T) != typeof(Role) || !Equals(v, Domain.Role.System)).Select(v => Wire(v));
            Error(node.At, ScenarioTexts.OneOf.With(("name", name), ("allowed", Arg.Of(names.Select(Arg.Of)))));
            return null;
        }

        private FactsPatch? Facts(YamlNode node)
        {
            if (node is not YamlMap map)
            {
                Error(node.At, ScenarioTexts.FactsNotMap.With(("known", Arg.Of(FactsPatch.Known.Select(Arg.Of)))));
                return null;
            }

            var patch = FactsPatch.Empty;
            var errorsBefore = Errors.Count;
            foreach (var (key, value) in map.Entries)
            {
                if (FactsPatch.NameOf(key.Value) is not { } field || field != key.Value && key.Value != FactsPatch.LegacyIntakeField)
                {
                    Error(key.At, ScenarioTexts.UnknownFact.With(("fact", key.Value), ("known", Arg.Of(FactsPatch.Known.Select(Arg.Of)))));
                    continue;
                }

                // Read as the API reads a body, so a fact has one meaning and one set of messages in both.
                var (read, error) = FactsPatch.Read(key.Value, JsonSerializer.SerializeToElement(ToJson(value)));
                if (error is null)
                {
                    patch = patch.With(field, read);
                }
                else
                {
                    Error(value.At, ScenarioTexts.FactProblem.With(("fact", key.Value), ("problem", error)));
                }
            }

            return Errors.Count > errorsBefore ? null : patch;
        }

        private static bool IsNull(YamlNode node) => node is YamlScalar { IsNull: true };

        /// <summary>A YAML value as JSON: plain scalars read by the YAML 1.2 core schema (true, false, numbers, null), quoted ones as text.</summary>
        private static JsonNode? ToJson(YamlNode? node) => node switch
        {
            YamlMap map => new JsonObject(map.Entries.Select(e => KeyValuePair.Create(e.Key.Value, ToJson(e.Value)))),
            YamlList list => new JsonArray([.. list.Items.Select(ToJson)]),
            YamlScalar { IsNull: true } => null,
            YamlScalar { Plain: true, Value: "true" or "false" } b => JsonValue.Create(b.Value == "true"),
            YamlScalar { Plain: true } n when long.TryParse(n.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) => JsonValue.Create(whole),
            YamlScalar { Plain: true } d when decimal.TryParse(d.Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
            YamlScalar text => JsonValue.Create(text.Value),
            _ => null,
        };

        private T? Fail<T>(YamlNode node, Message reason)
            where T : struct
        {
            Error(node.At, reason);
            return null;
        }

        private T? FailRef<T>(YamlNode node, Message reason)
            where T : class
        {
            Error(node.At, reason);
            return null;
        }
    }
}
