using System.Text.Json;
using System.Text.Json.Serialization;
using Emergency.Contracts;
using Emergency.Domain;
using Emergency.Domain.Incidents;
using Emergency.Domain.Rules;
using Emergency.Host.Texts;

namespace Emergency.Host.Api;

/// <summary>
/// Reads a command from the request body strictly: unknown fields, unknown enum values, missing
/// required fields and malformed JSON are refused with the JSON path and line of the problem.
/// </summary>
public static class JsonBody
{
    /// <summary>Large enough for any real report; a bigger body is refused before it is read.</summary>
    public const long MaxBytes = 2 * 1024 * 1024;

    public static readonly JsonSerializerOptions Strict = CreateStrict();

    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        var (value, problem) = await ReadAsync(request, typeof(T), cancellationToken);
        return ((T?)value, problem);
    }

    /// <summary>Reads a body of the type only known at run time (a move's record, found by its route).</summary>
    public static async Task<(object? Value, IResult? Problem)> ReadAsync(HttpRequest request, Type type, CancellationToken cancellationToken)
    {
        if (request.ContentLength is > MaxBytes)
        {
            return (null, Problems.PayloadTooLarge(request.ContentLength.Value));
        }

        if (!request.HasJsonContentType())
        {
            return Refuse(new FieldError("Content-Type", HostTexts.NotJsonContent));
        }

        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, cancellationToken);
            body = buffer.ToArray();
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Problems.PayloadTooLarge(null));
        }

        if (body.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            return Refuse(new FieldError(BodyField, HostTexts.EmptyBody));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException ex)
        {
            var line = (ex.LineNumber ?? 0) + 1;
            var position = (ex.BytePositionInLine ?? 0) + 1;
            return Refuse(new FieldError(PathOfSyntaxError(body), HostTexts.NotValidJson.With(("line", line), ("position", position))));
        }

        using (document)
        {
            var errors = BodyShape.Check(document.RootElement, type, Strict);
            if (errors.Count > 0)
            {
                return Refuse([.. errors]);
            }

            try
            {
                return (document.RootElement.Deserialize(type, Strict), null);
            }
            catch (FactsPatch.FactException fact)
            {
                return Refuse(new FieldError(Join(FieldOf(fact.Path), fact.Field), fact.Problem));
            }
            catch (JsonException ex)
            {
                // The shape was checked above; what is left is a value only a converter of the domain refuses.
                return Refuse(new FieldError(FieldOf(ex.Path) is { Length: > 0 } field ? field : BodyField, HostTexts.WrongShape));
            }
        }
    }

    /// <summary>The name under which problems of the body as a whole are listed (not JSON, empty, not an object).</summary>
    public const string BodyField = "body";

    /// <summary>
    /// The names an enum is written with in a body: camelCase, levels as Roman numerals. Made once per enum: every enum
    /// field of every body is checked against them, and making them anew cost a list and a string per name each time.
    /// </summary>
    public static IReadOnlyList<string> WireNamesOf(Type enumType) => WireNames.GetOrAdd(enumType, static type =>
        Array.AsReadOnly(Enum.GetNames(type).Select(n => type == typeof(IncidentLevel) ? n : JsonNamingPolicy.CamelCase.ConvertName(n)).ToArray()));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, IReadOnlyList<string>> WireNames = new();

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16, AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };

    private static (object? Value, IResult? Problem) Refuse(params FieldError[] errors) => (null, Problems.Invalid(errors));

    private static JsonSerializerOptions CreateStrict()
    {
        var options = DomainJson.Create();
        options.Converters.Insert(0, new StrictEnumConverterFactory());
        options.Converters.Insert(0, new OffsetRequiredConverter());
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        options.AllowTrailingCommas = false;
        options.MaxDepth = 16;
        return options;
    }

    private static string FieldOf(string? path) => (path ?? "").TrimStart('$').TrimStart('.');

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    /// <summary>
    /// Where in the body the JSON breaks: the field whose value is broken ("region" in <c>{"region": }</c>), or the
    /// object it breaks inside; "body" at the top. Found by reading the body again up to the break.
    /// </summary>
    private static string PathOfSyntaxError(byte[] body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 16, AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        var containers = new Stack<string>();
        string? pending = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        pending = reader.GetString();
                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        containers.Push(pending is null ? "" : pending);
                        pending = null;
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        containers.TryPop(out _);
                        break;
                    default:
                        pending = null;
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // The break: the path is where the reader stood.
        }

        var path = string.Join('.', containers.Reverse().Append(pending ?? "").Where(segment => segment.Length > 0));
        return path.Length == 0 ? BodyField : path;
    }

    /// <summary>
    /// Reads a moment only when it says its UTC offset ("…+08:00" or "…Z"). Without one, System.Text.Json takes
    /// the server's time zone, so "2026-03-02T07:50:00" from a duty officer in Beijing would become 15:50 in
    /// Beijing on a server that runs in UTC, and every deadline would move with it.
    /// </summary>
    /// The body's shape is checked first (<see cref="BodyShape"/>), so this converter refuses only what slipped past it.
    private sealed class OffsetRequiredConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String
            && reader.GetString() is { } text
            && BodyShape.WithOffset().IsMatch(text)
            && reader.TryGetDateTimeOffset(out var value)
                ? value
                : throw new JsonException();

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }

    /// <summary>
    /// Reads an enum from exactly one of its wire names (camelCase; levels as Roman numerals), ignoring case.
    /// System.Text.Json's own converter also reads "countyDispute, crossCity" and combines the two values into a
    /// third one (crossProvince), which turns a typo into a different grade.
    /// </summary>
    private sealed class StrictEnumConverterFactory : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(StrictEnumConverter<>).MakeGenericType(typeToConvert))!;
    }

    private sealed class StrictEnumConverter<TEnum> : JsonConverter<TEnum>
        where TEnum : struct, Enum
    {
        private static readonly Dictionary<string, TEnum> ByName =
            Enum.GetValues<TEnum>().ToDictionary(WireName, StringComparer.OrdinalIgnoreCase);

        public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && reader.GetString() is { } name && ByName.TryGetValue(name, out var value)
                ? value
                : throw new JsonException();

        public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
            writer.WriteStringValue(WireName(value));

        private static string WireName(TEnum value) => WireNamesOf(typeof(TEnum))[Array.IndexOf(Enum.GetValues<TEnum>(), value)];
    }
}
