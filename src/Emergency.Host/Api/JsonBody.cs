using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Json.Serialization;
using Emergency.Contracts;
using Emergency.Domain;
using Emergency.Domain.Incidents;
using Emergency.Domain.Rules;

namespace Emergency.Host.Api;

/// <summary>
/// Reads a command from the request body strictly: unknown fields, unknown enum values, missing
/// required fields and malformed JSON are refused with the JSON path and line of the problem.
/// </summary>
public static partial class JsonBody
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
            return (null, Problems.BadRequest("the body must be JSON (Content-Type: application/json)", [new("Content-Type", "must be application/json")]));
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync(request.Body, type, Strict, cancellationToken);
            return value is null
                ? (null, Problems.BadRequest("the body must be a JSON object", [new(BodyField, "must be a JSON object")]))
                : (value, null);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" (line {line + 1}, position {ex.BytePositionInLine + 1})" : "";
            var errors = ErrorsOf(ex);
            return (null, Problems.BadRequest($"the body is not a valid command{where}: {string.Join("; ", errors.Select(e => $"{e.Field} {e.Message}"))}", errors));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Problems.PayloadTooLarge(null));
        }
    }

    /// <summary>The name under which problems of the body as a whole are listed (not JSON, empty, not an object).</summary>
    public const string BodyField = "body";

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

    /// <summary>Every field the exception is about, by its JSON path; "body" when it is about no field.</summary>
    private static List<FieldError> ErrorsOf(JsonException ex)
    {
        var at = FieldOf(ex.Path);
        var message = ex.Message;
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        message = cut > 0 ? message[..cut] : message;

        // A fact of a facts update: the path is the facts object, the fact a field in it.
        if (ex is FactsPatch.FactException fact)
        {
            return [new FieldError(Join(at, fact.Field), Clean(message))];
        }

        // "missing required properties including: 'title', 'region'": the path is the object, each name a field in it.
        if (MissingRequired().Match(message) is { Success: true } missing)
        {
            return [.. QuotedName().Matches(missing.Groups[1].Value).Select(m => new FieldError(Join(at, m.Groups[1].Value), "is required"))];
        }

        return [new FieldError(at.Length == 0 ? BodyField : at, Clean(message))];
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    /// <summary>Turns System.Text.Json's messages, which name .NET types, into ones a duty officer can act on.</summary>
    private static string Clean(string message)
    {
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        message = cut > 0 ? message[..cut] : message;
        if (UnknownField().Match(message) is { Success: true } unknown)
        {
            return $"unknown field '{unknown.Groups[1].Value}'";
        }

        if (message.StartsWith("The input does not contain any JSON tokens", StringComparison.Ordinal))
        {
            return "is empty: send a JSON object";
        }

        if (NullNotAllowed().IsMatch(message))
        {
            return "is required and cannot be null";
        }

        if (NotConvertible().Match(message) is { Success: true } convert)
        {
            var type = typeof(ReportIncident).Assembly.GetType(convert.Groups[1].Value);
            return type is { IsEnum: true }
                ? $"must be one of {string.Join(", ", Enum.GetNames(type).Select(n => type == typeof(IncidentLevel) ? n : JsonNamingPolicy.CamelCase.ConvertName(n)))}"
                : $"has the wrong type (expected {FriendlyType(convert.Groups[1].Value)})";
        }

        return message;
    }

    private static string FriendlyType(string dotnetType) => dotnetType switch
    {
        "System.DateTimeOffset" or "System.Nullable`1[System.DateTimeOffset]" => "a date and time such as 2026-01-05T17:00:00+08:00",
        "System.Int32" or "System.Nullable`1[System.Int32]" => "a whole number",
        "System.Decimal" or "System.Nullable`1[System.Decimal]" => "a number",
        "System.String" => "a string",
        "System.Boolean" => "true or false",
        _ => "an object of the documented shape",
    };

    [GeneratedRegex(@"^The JSON property '([^']*)' could not be mapped")]
    private static partial Regex UnknownField();

    [GeneratedRegex(@"was missing required properties including: (.*)$")]
    private static partial Regex MissingRequired();

    [GeneratedRegex(@"'([^']*)'")]
    private static partial Regex QuotedName();

    [GeneratedRegex(@"^The property or field '[^']*' on type '[^']*' doesn't allow setting null values")]
    private static partial Regex NullNotAllowed();

    /// <summary>
    /// Reads a moment only when it says its UTC offset ("…+08:00" or "…Z"). Without one, System.Text.Json takes
    /// the server's time zone, so "2026-03-02T07:50:00" from a duty officer in Beijing would become 15:50 in
    /// Beijing on a server that runs in UTC, and every deadline would move with it.
    /// </summary>
    private sealed partial class OffsetRequiredConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String
            && reader.GetString() is { } text
            && WithOffset().IsMatch(text)
            && reader.TryGetDateTimeOffset(out var value)
                ? value
                : throw new JsonException("must be a date and time with its UTC offset, such as 2026-01-05T17:00:00+08:00 or 2026-01-05T09:00:00Z");

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);

        [GeneratedRegex(@"T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.IgnoreCase)]
        private static partial Regex WithOffset();
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

        private static readonly string Expected = $"must be one of {string.Join(", ", Enum.GetValues<TEnum>().Select(WireName))}";

        public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && reader.GetString() is { } name && ByName.TryGetValue(name, out var value)
                ? value
                : throw new JsonException(Expected);

        public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
            writer.WriteStringValue(WireName(value));

        private static string WireName(TEnum value) =>
            typeof(TEnum) == typeof(IncidentLevel) ? value.ToString() : JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
    }

    [GeneratedRegex(@"could not be converted to ([\w.`\[\]]+)")]
    private static partial Regex NotConvertible();
}
