using System.Text.Json;
using System.Text.Json.Serialization;

namespace Emergency.Domain.Messages;

/// <summary>
/// A text written in configuration (a grading reason, a deadline's basis, a rule set's title) in Chinese and, where
/// given, English: the edge shows the reader's language, and Chinese when no English was written. In JSON either one
/// string, the same for every reader (rule files written before texts had languages still load), or
/// <c>{"zh": "...", "en": "..."}</c>.
/// </summary>
[JsonConverter(typeof(LocalTextJsonConverter))]
public sealed record LocalText(string Zh, string? En = null)
{
    /// <summary>The text for a reader of English (<paramref name="english"/>) or of Chinese.</summary>
    public string In(bool english) => english && En is not null ? En : Zh;

    public bool IsBlank => string.IsNullOrWhiteSpace(Zh) || (En is not null && string.IsNullOrWhiteSpace(En));

    public static implicit operator Arg(LocalText text) => Arg.Of(text);

    public override string ToString() => Zh;
}

/// <summary>Reads a <see cref="LocalText"/> from a string or from <c>{"zh", "en"}</c>; writes the shorter form that keeps both.</summary>
public sealed class LocalTextJsonConverter : JsonConverter<LocalText>
{
    public override LocalText? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return new LocalText(reader.GetString()!);
            case JsonTokenType.StartObject:
                break;
            default:
                throw new JsonException("a text is a string, or an object with \"zh\" and optionally \"en\"");
        }

        string? zh = null, en = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var property = reader.GetString();
            reader.Read();
            switch (property)
            {
                case "zh":
                    zh = reader.GetString();
                    break;
                case "en":
                    en = reader.GetString();
                    break;
                default:
                    throw new JsonException($"a text has only \"zh\" and \"en\", not \"{property}\"");
            }
        }

        return new LocalText(zh ?? throw new JsonException("a text needs its Chinese (\"zh\")"), en);
    }

    public override void Write(Utf8JsonWriter writer, LocalText value, JsonSerializerOptions options)
    {
        if (value.En is null)
        {
            writer.WriteStringValue(value.Zh);
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("zh", value.Zh);
        writer.WriteString("en", value.En);
        writer.WriteEndObject();
    }
}
