using System.Text.Json;
using System.Text.Json.Serialization;

namespace Emergency.Domain.Messages;

/// <summary>
/// An argument as the serializer's own object converter wrote it, <c>{"text": "..."}</c> (each kind that is set, in
/// declaration order, named by the options' naming policy), without its per-argument cost: every stored state, summary
/// and report writes every argument of every message, and a message wrote each one through a top-level serializer call
/// (3 % of a registration's CPU). Reading accepts what that converter accepted; the rarer kinds (a local text, a
/// duration, a list) still go through the serializer, so their shape is its own.
/// </summary>
public sealed class ArgJsonConverter : JsonConverter<Arg>
{
    public static ArgJsonConverter Instance { get; } = new();

    private static readonly Names Pascal = new(static name => name);
    private static readonly Names Camel = new(JsonNamingPolicy.CamelCase.ConvertName);

    public override Arg? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("an argument is an object naming its kind");
        }

        var names = NamesFor(options);
        var arg = new Arg();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var kind = names.Find(ref reader, options.PropertyNameCaseInsensitive);
            reader.Read();
            arg = kind switch
            {
                Kind.Text => arg with { Text = reader.TokenType == JsonTokenType.Null ? null : reader.GetString() },
                Kind.Local => arg with { Local = JsonSerializer.Deserialize<LocalText>(ref reader, options) },
                Kind.Number => arg with { Number = JsonSerializer.Deserialize<decimal?>(ref reader, options) },
                Kind.Time => arg with { Time = JsonSerializer.Deserialize<DateTimeOffset?>(ref reader, options) },
                Kind.Duration => arg with { Duration = JsonSerializer.Deserialize<TimeSpan?>(ref reader, options) },
                Kind.Term => arg with { Term = reader.TokenType == JsonTokenType.Null ? null : reader.GetString() },
                Kind.Message => arg with { Message = reader.TokenType == JsonTokenType.Null ? null : MessageJsonConverter.Instance.Read(ref reader, typeof(Message), options) },
                Kind.List => arg with { List = JsonSerializer.Deserialize<IReadOnlyList<Arg>>(ref reader, options) },
                _ => Skipped(ref reader, arg),
            };
        }

        return arg;
    }

    public override void Write(Utf8JsonWriter writer, Arg value, JsonSerializerOptions options)
    {
        var names = NamesFor(options);
        writer.WriteStartObject();
        if (value.Text is { } text)
        {
            writer.WriteString(names.Text, text);
        }

        if (value.Local is { } local)
        {
            writer.WritePropertyName(names.Local);
            JsonSerializer.Serialize(writer, local, options);
        }

        if (value.Number is { } number)
        {
            writer.WritePropertyName(names.Number);
            if ((options.NumberHandling & JsonNumberHandling.WriteAsString) == 0)
            {
                writer.WriteNumberValue(number);
            }
            else
            {
                JsonSerializer.Serialize(writer, number, options);
            }
        }

        if (value.Time is { } time)
        {
            writer.WriteString(names.Time, time);
        }

        if (value.Duration is { } duration)
        {
            writer.WritePropertyName(names.Duration);
            JsonSerializer.Serialize<TimeSpan?>(writer, duration, options);
        }

        if (value.Term is { } term)
        {
            writer.WriteString(names.Term, term);
        }

        if (value.Message is { } message)
        {
            writer.WritePropertyName(names.Message);
            MessageJsonConverter.Instance.Write(writer, message, options);
        }

        if (value.List is { } list)
        {
            writer.WritePropertyName(names.List);
            JsonSerializer.Serialize(writer, list, options);
        }

        writer.WriteEndObject();
    }

    private static Arg Skipped(ref Utf8JsonReader reader, Arg arg)
    {
        reader.Skip();
        return arg;
    }

    private static Names NamesFor(JsonSerializerOptions options) => options.PropertyNamingPolicy switch
    {
        null => Pascal,
        var policy when policy == JsonNamingPolicy.CamelCase => Camel,
        var policy => new Names(policy.ConvertName),
    };

    private enum Kind
    {
        Unknown,
        Text,
        Local,
        Number,
        Time,
        Duration,
        Term,
        Message,
        List,
    }

    /// <summary>The property names of the eight kinds under one naming policy, encoded once.</summary>
    private sealed class Names(Func<string, string> convert)
    {
        private readonly (string Name, Kind Kind)[] _all =
        [
            (convert(nameof(Arg.Text)), Kind.Text), (convert(nameof(Arg.Local)), Kind.Local), (convert(nameof(Arg.Number)), Kind.Number),
            (convert(nameof(Arg.Time)), Kind.Time), (convert(nameof(Arg.Duration)), Kind.Duration), (convert(nameof(Arg.Term)), Kind.Term),
            (convert(nameof(Arg.Message)), Kind.Message), (convert(nameof(Arg.List)), Kind.List),
        ];

        public JsonEncodedText Text { get; } = JsonEncodedText.Encode(convert(nameof(Arg.Text)));

        public JsonEncodedText Local { get; } = JsonEncodedText.Encode(convert(nameof(Arg.Local)));

        public JsonEncodedText Number { get; } = JsonEncodedText.Encode(convert(nameof(Arg.Number)));

        public JsonEncodedText Time { get; } = JsonEncodedText.Encode(convert(nameof(Arg.Time)));

        public JsonEncodedText Duration { get; } = JsonEncodedText.Encode(convert(nameof(Arg.Duration)));

        public JsonEncodedText Term { get; } = JsonEncodedText.Encode(convert(nameof(Arg.Term)));

        public JsonEncodedText Message { get; } = JsonEncodedText.Encode(convert(nameof(Arg.Message)));

        public JsonEncodedText List { get; } = JsonEncodedText.Encode(convert(nameof(Arg.List)));

        public Kind Find(ref Utf8JsonReader reader, bool ignoreCase)
        {
            foreach (var (name, kind) in _all)
            {
                if (reader.ValueTextEquals(name))
                {
                    return kind;
                }
            }

            if (ignoreCase)
            {
                var given = reader.GetString();
                foreach (var (name, kind) in _all)
                {
                    if (string.Equals(name, given, StringComparison.OrdinalIgnoreCase))
                    {
                        return kind;
                    }
                }
            }

            return Kind.Unknown;
        }
    }
}
