using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Emergency.Domain.Messages;

/// <summary>
/// A message as stored and sent between grains: <c>{"code": "...", "args": {"name": {...}}}</c>. A bare string is
/// read as a literal, so state written before texts had codes still loads.
/// </summary>
public sealed class MessageJsonConverter : JsonConverter<Message>
{
    public static MessageJsonConverter Instance { get; } = new();

    public override Message? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return Message.Literal(reader.GetString()!);
            case JsonTokenType.StartObject:
                break;
            default:
                throw new JsonException("a message is an object with a code and its arguments");
        }

        string? code = null;
        var args = ImmutableArray.CreateBuilder<KeyValuePair<string, Arg>>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var property = reader.GetString();
            reader.Read();
            switch (property)
            {
                case "code":
                    code = reader.GetString();
                    break;
                case "args" when reader.TokenType == JsonTokenType.StartObject:
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                    {
                        var name = reader.GetString()!;
                        reader.Read();
                        args.Add(new(name, ArgJsonConverter.Instance.Read(ref reader, typeof(Arg), options) ?? throw new JsonException($"argument {name} is null")));
                    }

                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new Message(code ?? throw new JsonException("a message has a code"), args.ToImmutable());
    }

    public override void Write(Utf8JsonWriter writer, Message value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        WriteCodeAndArgs(writer, value, options);
        writer.WriteEndObject();
    }

    /// <summary>The code and arguments, for an edge that writes more beside them (the rendered text).</summary>
    public static void WriteCodeAndArgs(Utf8JsonWriter writer, Message value, JsonSerializerOptions options)
    {
        writer.WriteString("code", value.Code);
        writer.WriteStartObject("args");
        foreach (var (name, arg) in value.Args)
        {
            writer.WritePropertyName(name);
            ArgJsonConverter.Instance.Write(writer, arg, options);
        }

        writer.WriteEndObject();
    }
}
