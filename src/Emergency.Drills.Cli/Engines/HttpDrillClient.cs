using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Emergency.Contracts;
using Emergency.Domain.Drills;
using Emergency.Domain.Messages;

namespace Emergency.Drills.Cli.Engines;

/// <summary>A running engine, reached through its drill API with a drill organiser's token.</summary>
internal sealed class HttpDrillClient(Uri engine, string token) : IDrillClient
{
    private readonly HttpClient _http = new()
    {
        BaseAddress = engine,
        Timeout = TimeSpan.FromSeconds(60),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
    };

    public async Task<DrillAnswer> StartAsync(string text, string file, DrillMode mode, double speed, CancellationToken cancellationToken)
    {
        var query = $"/api/drills?mode={(mode == DrillMode.Fast ? "fast" : "paced")}&speed={speed.ToString(CultureInfo.InvariantCulture)}&file={Uri.EscapeDataString(file)}";
        using var content = new StringContent(text, Encoding.UTF8, "application/yaml");
        using var response = await Send(() => _http.PostAsync(query, content, cancellationToken));
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge && ErrorsOf(body) is { Count: > 0 } errors)
        {
            return DrillAnswer.Invalid(errors);
        }

        Ensure(response, body);
        return DrillAnswer.Ok(JsonSerializer.Deserialize<DrillStatus>(body, DomainJson.Options)!);
    }

    public async Task<DrillStatus?> StatusAsync(string run, CancellationToken cancellationToken)
    {
        using var response = await Send(() => _http.GetAsync($"/api/drills/{Uri.EscapeDataString(run)}", cancellationToken));
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        Ensure(response, body);
        return JsonSerializer.Deserialize<DrillStatus>(body, DomainJson.Options);
    }

    public async Task<string?> ReportAsync(string run, CancellationToken cancellationToken)
    {
        using var response = await Send(() => _http.GetAsync($"/api/drills/{Uri.EscapeDataString(run)}/report", cancellationToken));
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
        {
            return null;
        }

        Ensure(response, body);
        return body;
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<HttpResponseMessage> Send(Func<Task<HttpResponseMessage>> send)
    {
        try
        {
            return await send();
        }
        catch (HttpRequestException ex)
        {
            throw new DrillCliException($"cannot reach the engine at {_http.BaseAddress}: {ex.Message}");
        }
        catch (TaskCanceledException ex) when (ex.InnerException is TimeoutException)
        {
            // HttpClient's own timeout, not Ctrl+C: the engine is there but does not answer.
            throw new DrillCliException($"the engine at {_http.BaseAddress} did not answer within {_http.Timeout.TotalSeconds:0} s");
        }
    }

    private static void Ensure(HttpResponseMessage response, string body)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var detail = TryRead(body, "detail") ?? TryRead(body, "title") ?? body;
        throw response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => new DrillCliException("the engine did not accept the token (401): pass a drill organiser's token with --token or EMERGENCY_TOKEN"),
            HttpStatusCode.Forbidden => new DrillCliException("the token is not a drill organiser's (403)"),
            _ => new DrillCliException($"the engine answered {(int)response.StatusCode}: {detail}"),
        };
    }

    private static List<ScenarioError>? ErrorsOf(string body)
    {
        try
        {
            using var problem = JsonDocument.Parse(body);
            return problem.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array
                ? [.. errors.EnumerateArray().Select(e => new ScenarioError(
                    e.GetProperty("file").GetString() ?? "", e.GetProperty("line").GetInt32(), e.GetProperty("column").GetInt32(), Message.Literal(e.GetProperty("reason").GetString() ?? "")))]
                : null;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string? TryRead(string body, string property)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty(property, out var value) ? value.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
