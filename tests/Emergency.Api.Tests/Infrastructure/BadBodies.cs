using System.Text;
using System.Text.Json.Nodes;

namespace Emergency.Api.Tests.Infrastructure;

/// <summary>A request body as bytes, with the Content-Type it is sent with and what it is, for the failure message.</summary>
public sealed record BadBody(string What, byte[] Bytes, string ContentType = "application/json")
{
    public static BadBody Json(string what, string text) => new(what, Encoding.UTF8.GetBytes(text));

    /// <summary>The node as JSON text, with every <see cref="BadBodies.Lone"/> written as lone surrogates (a JsonNode cannot hold them).</summary>
    public static BadBody Json(string what, JsonNode? node) =>
        Json(what, (node?.ToJsonString() ?? "null").Replace($"\"{BadBodies.Lone}\"", BadBodies.LoneSurrogates, StringComparison.Ordinal));

    public override string ToString() => $"{What} ({Bytes.Length:N0} bytes{(Bytes.Length <= 300 ? $": {Encoding.UTF8.GetString(Bytes)}" : "")})";
}

/// <summary>
/// Bodies derived from an operation's request schema in the engine's OpenAPI document: one of the documented shape,
/// then, field by field, null, the wrong type, empty, a huge string, lone surrogates, deep nesting and a list holding
/// null; plus bodies that are bad whatever the schema (empty, <c>null</c>, <c>[]</c>, not JSON, not UTF-8).
/// </summary>
public sealed class BadBodies(JsonObject document)
{
    /// <summary>A lone low surrogate then a lone high one, as a JSON escape: valid JSON text, not valid Unicode.</summary>
    public const string LoneSurrogates = "\"\\uDC00\\uD800\"";

    /// <summary>Stands for <see cref="LoneSurrogates"/> in a JsonNode until it is written.</summary>
    public const string Lone = "@lone-surrogates@";

    private const int MaxDepth = 6;

    /// <summary>Far beyond any text limit of a command (long texts take a few thousand characters), yet cheap to send thousands of times.</summary>
    private static readonly string Huge = new('長', 20_000);

    public static IReadOnlyList<BadBody> Generic { get; } =
    [
        new("empty", []),
        BadBody.Json("null", "null"),
        BadBody.Json("an array", "[]"),
        BadBody.Json("not JSON", "{\"title\": "),
        BadBody.Json("a lone surrogate", LoneSurrogates),
        BadBody.Json("an object with a lone surrogate", $"{{\"title\":{LoneSurrogates}}}"),
        new("not UTF-8", [(byte)'{', (byte)'"', 0xC3, 0x28, 0xFF, (byte)'"', (byte)':', (byte)'1', (byte)'}']),
        BadBody.Json("deeply nested", new string('[', 5_000) + new string(']', 5_000)),
        new("YAML with a lone surrogate", Encoding.UTF8.GetBytes($"title: {LoneSurrogates}\n"), "application/yaml"),
        new("not UTF-8 YAML", [(byte)'t', (byte)':', (byte)' ', 0xFE, 0xFF, (byte)'\n'], "application/yaml"),
    ];

    /// <summary>The bodies for a request schema (a JSON schema object, possibly a reference); none when there is none.</summary>
    public List<BadBody> For(JsonNode? schema)
    {
        var bodies = new List<BadBody>();
        if (schema is null)
        {
            return bodies;
        }

        var valid = Valid(schema, 0);
        bodies.Add(BadBody.Json("of the documented shape", valid));
        if (Resolve(schema) is { } resolved && Type(resolved) == "object" && valid is JsonObject shape)
        {
            foreach (var (name, property) in Properties(resolved))
            {
                foreach (var (what, value) in Variants(property))
                {
                    var body = (JsonObject)shape.DeepClone();
                    body[name] = value;
                    bodies.Add(BadBody.Json($"{name} {what}", body));
                }
            }
        }
        else if (Resolve(schema) is { } text && Type(text) == "string")
        {
            // A text body (a drill scenario or inject): YAML, which JSON also is.
            bodies.Add(new("YAML with lone surrogates", Encoding.UTF8.GetBytes($"title: {LoneSurrogates}\nregion: {LoneSurrogates}\n"), "application/yaml"));
            bodies.Add(new("YAML nested deep", Encoding.UTF8.GetBytes(new string('[', 500) + new string(']', 500)), "application/yaml"));
            bodies.Add(BadBody.Json("an inject with a lone surrogate", $"{{\"at\":\"+1h\",\"type\":\"message\",\"text\":{LoneSurrogates}}}"));
        }

        return bodies;
    }

    /// <summary>What each field is replaced with; a list also gets a null item and an item of the wrong type.</summary>
    private IEnumerable<(string What, JsonNode? Value)> Variants(JsonNode property)
    {
        var schema = Resolve(property);
        var type = schema is null ? null : Type(schema);
        yield return ("null", null);
        yield return ("of the wrong type", type is "string" ? JsonValue.Create(12345) : JsonValue.Create("not the type"));
        yield return ("empty", type switch { "array" => new JsonArray(), "object" => new JsonObject(), "string" => JsonValue.Create(""), _ => JsonValue.Create("") });
        yield return ("huge", JsonValue.Create(Huge));
        yield return ("lone surrogates", JsonValue.Create(Lone));
        yield return ("nested deep", Nested(40));
        yield return ("a list holding null", new JsonArray((JsonNode?)null));
        if (type == "array")
        {
            yield return ("a list holding null and a good item", new JsonArray(null, Valid(schema!["items"], 1)));
            yield return ("a list holding lone surrogates", new JsonArray(JsonValue.Create(Lone)));
        }
        else if (type == "object" && Valid(property, 1) is JsonObject inner)
        {
            foreach (var (name, _) in Properties(schema!))
            {
                var copy = (JsonObject)inner.DeepClone();
                copy[name] = null;
                yield return ($"with {name} null", copy);
            }
        }
    }

    private static JsonNode Nested(int depth)
    {
        JsonNode node = new JsonArray();
        for (var i = 0; i < depth; i++)
        {
            node = new JsonObject { ["a"] = node };
        }

        return node;
    }

    /// <summary>A value of the schema's shape: every property filled, the first enum value, a moment with its offset.</summary>
    private JsonNode? Valid(JsonNode? schema, int depth)
    {
        var resolved = Resolve(schema);
        if (resolved is null || depth > MaxDepth)
        {
            return null;
        }

        if (resolved["enum"] is JsonArray values && values.FirstOrDefault(v => v is not null) is { } first)
        {
            return first.DeepClone();
        }

        return Type(resolved) switch
        {
            "object" => new JsonObject(Properties(resolved).Select(p => KeyValuePair.Create(p.Name, Valid(p.Schema, depth + 1)))),
            "array" => new JsonArray(Valid(resolved["items"], depth + 1)),
            "integer" or "number" => JsonValue.Create(1),
            "boolean" => JsonValue.Create(true),
            "string" when resolved["format"]?.GetValue<string>() == "date-time" => JsonValue.Create("2026-03-02T07:30:00+08:00"),
            "string" => JsonValue.Create("Changzhi"),
            _ => null,
        };
    }

    private static IEnumerable<(string Name, JsonNode Schema)> Properties(JsonNode schema) =>
        schema["properties"] is JsonObject properties ? properties.Where(p => p.Value is not null).Select(p => (p.Key, p.Value!)) : [];

    /// <summary>The schema behind references and nullable unions (OpenAPI 3.1: "type": ["null", "string"], oneOf with a null).</summary>
    private JsonNode? Resolve(JsonNode? schema)
    {
        for (var hops = 0; schema is not null && hops < 10; hops++)
        {
            if (schema["$ref"]?.GetValue<string>() is { } reference)
            {
                schema = document["components"]?["schemas"]?[reference.Split('/')[^1]];
            }
            else if ((schema["oneOf"] ?? schema["anyOf"] ?? schema["allOf"]) is JsonArray union)
            {
                schema = union.FirstOrDefault(s => s?["type"]?.ToString() != "null") ?? union.FirstOrDefault();
            }
            else
            {
                return schema;
            }
        }

        return schema;
    }

    private static string? Type(JsonNode schema) => schema["type"] switch
    {
        JsonValue value => value.GetValue<string>(),
        JsonArray types => types.Select(t => t?.GetValue<string>()).FirstOrDefault(t => t is not "null"),
        _ => schema["properties"] is not null ? "object" : null,
    };
}
