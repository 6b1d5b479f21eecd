using System.Text.Json;
using System.Text.Json.Serialization;
using Emergency.Contracts;

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
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        options.AllowTrailingCommas = false;
        options.MaxDepth = 16;
        return options;
    }

    private static string FieldOf(string? path) => (path ?? "").TrimStart('$').TrimStart('.');

    // System.Text.Json appends its own path and position; they are already given separately.
    private static string Clean(string message)
    {
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
