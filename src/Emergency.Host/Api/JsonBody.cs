using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Json.Serialization;
using Emergency.Contracts;
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
        if (request.ContentLength is > MaxBytes)
        {
            return (null, Problems.PayloadTooLarge(request.ContentLength.Value));
        }

        if (!request.HasJsonContentType())
        {
            return (null, Problems.BadRequest("the body must be JSON (Content-Type: application/json)", []));
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, Strict, cancellationToken);
            return value is null
                ? (null, Problems.BadRequest("the body must be a JSON object", []))
                : (value, null);
        }
        catch (JsonException ex)
        {
            var field = FieldOf(ex.Path);
            var where = ex.LineNumber is { } line ? $" (line {line + 1}, position {ex.BytePositionInLine + 1})" : "";
            return (null, Problems.BadRequest($"the body is not a valid command{where}: {Clean(ex.Message)}", field.Length == 0 ? [] : [new(field, Clean(ex.Message))]));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Problems.PayloadTooLarge(null));
        }
    }

    private static JsonSerializerOptions CreateStrict()
    {
        var options = DomainJson.Create();
        options.Converters.Insert(0, new StrictEnumConverterFactory());
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        options.AllowTrailingCommas = false;
        options.MaxDepth = 16;
        return options;
    }

    private static string FieldOf(string? path) => (path ?? "").TrimStart('$').TrimStart('.');

    /// <summary>Turns System.Text.Json's messages, which name .NET types, into ones a duty officer can act on.</summary>
    private static string Clean(string message)
    {
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        message = cut > 0 ? message[..cut] : message;
        if (UnknownField().Match(message) is { Success: true } unknown)
        {
            return $"unknown field '{unknown.Groups[1].Value}'";
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

    [GeneratedRegex(@"could not be converted to ([\w.`\[\]]+)")]
    private static partial Regex NotConvertible();

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
}
