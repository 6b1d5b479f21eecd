using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Xml;

namespace Emergency.Domain.Rules;

/// <summary>
/// The mechanics every family of rule files shares (incidents, petitions, decisions): one JSON object per
/// file, a deployment's overrides as merge patches keyed by rule-set id, strict reading, and errors that
/// name the file, the key and the problem.
/// </summary>
public static class RuleFiles
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false), new IsoDurationConverter() },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowTrailingCommas = false,
    };

    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowDuplicateProperties = false };

    /// <summary>The text of every <c>*.json</c> file of a directory, in name order.</summary>
    public static IReadOnlyList<(string File, string Json)> Read(string directory, string setting)
    {
        if (!Directory.Exists(directory))
        {
            throw new RuleSetException(directory, "", $"the rule directory does not exist (setting {setting})");
        }

        return [.. Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal).Select(f => (f, File.ReadAllText(f)))];
    }

    /// <summary>
    /// Parses one family's files, applies the overrides meant for its rule sets, reads each as
    /// <typeparamref name="T"/> and runs the family's <paramref name="check"/> (which throws <see cref="RuleSetException"/>).
    /// </summary>
    public static IReadOnlyList<T> Parse<T>(IReadOnlyList<(string File, string Json)> sources, RuleOverrides? overrides, Action<string, T> check)
        where T : class
    {
        var nodes = sources.Select(s => (s.File, Node: ParseObject(s.File, s.Json))).ToList();
        var result = new List<T>(nodes.Count);
        foreach (var (file, node) in nodes)
        {
            var patchedBy = overrides?.ApplyTo(node);
            var note = patchedBy is null ? "" : $" (after the overrides in '{patchedBy}')";
            T? value;
            try
            {
                value = node.Deserialize<T>(Options);
            }
            catch (JsonException ex)
            {
                throw new RuleSetException(file, ex.Path?.TrimStart('$', '.') ?? "", ex.Message + note);
            }

            if (value is null)
            {
                throw new RuleSetException(file, "", "the file is empty");
            }

            try
            {
                check(file, value);
            }
            catch (RuleSetException ex) when (note.Length > 0)
            {
                throw new RuleSetException(ex.File, ex.Key, ex.Problem + note);
            }

            result.Add(value);
        }

        return result;
    }

    internal static JsonObject ParseObject(string file, string json)
    {
        try
        {
            return JsonNode.Parse(json, documentOptions: DocumentOptions) as JsonObject
                ?? throw new RuleSetException(file, "", "the file must hold one JSON object");
        }
        catch (JsonException ex)
        {
            throw new RuleSetException(file, ex.Path ?? "", $"invalid JSON at line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}: {ex.Message}");
        }
    }

    /// <summary>
    /// RFC 7396 merge. A changed value is credited to the source of the nearest object around it that has
    /// one, so that object must get a new "source" in the same patch: an overridden value must never be
    /// credited to a regulation that does not say it. Returns whether the patch changed values that no
    /// sourced object inside <paramref name="target"/> answers for.
    /// </summary>
    internal static bool Merge(JsonObject target, JsonObject patch, string file, string path)
    {
        var changed = false;
        foreach (var (key, value) in patch.ToList())
        {
            if (key == "source")
            {
                continue;
            }

            if (value is JsonObject patchChild && target[key] is JsonObject targetChild)
            {
                changed |= Merge(targetChild, patchChild, file, $"{path}.{key}");
                continue;
            }

            patch.Remove(key);
            if (value is null)
            {
                target.Remove(key);
            }
            else
            {
                target[key] = value;
            }

            changed = true;
        }

        var hadSource = target.ContainsKey("source");
        if (patch["source"] is { } source)
        {
            patch.Remove("source");
            target["source"] = source;
            return false;
        }

        if (hadSource && changed)
        {
            throw new RuleSetException(file, path, "an override of a value that has a source must give its own \"source\"");
        }

        return !hadSource && changed;
    }

    /// <summary>Durations are written as ISO 8601 ("PT2H", "P2D"), the way regulations state them.</summary>
    private sealed class IsoDurationConverter : JsonConverter<TimeSpan>
    {
        public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString() ?? "";
            try
            {
                return XmlConvert.ToTimeSpan(text);
            }
            catch (FormatException)
            {
                throw new JsonException($"'{text}' is not an ISO 8601 duration such as \"PT2H\" or \"P2D\"");
            }
        }

        public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
            writer.WriteStringValue(XmlConvert.ToString(value));
    }
}
