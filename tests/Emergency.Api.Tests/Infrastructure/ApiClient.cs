using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Emergency.Api.Tests.Infrastructure;

/// <summary>The dev tokens of <c>config/tokens.json</c>.</summary>
public static class Tokens
{
    public const string Commander = "commander-dev-token";
    public const string DecisionMaker = "decision-dev-token";
    public const string DrillOrganiser = "drill-dev-token";
    public const string Observer = "observer-dev-token";
    public const string Administrator = "admin-dev-token";

    /// <summary>How the timeline names the duty commander of <see cref="Commander"/>.</summary>
    public const string CommanderActor = "duty.zhang (DutyCommander)";
}

/// <summary>A response read completely: status, headers, and the body as JSON when it is JSON.</summary>
public sealed record Reply(HttpStatusCode Status, HttpResponseHeaders Headers, string? ContentType, string Text, JsonNode? Json)
{
    public JsonNode Body => Json ?? throw new InvalidOperationException($"the {(int)Status} response has no JSON body: '{Text}'");

    public string? Header(string name) => Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    public override string ToString() => $"{(int)Status} {ContentType}: {(Text.Length > 2000 ? Text[..2000] + "…" : Text)}";
}

/// <summary>A thin client over the engine's HTTP API, for one token.</summary>
public sealed class ApiClient(HttpClient http) : IDisposable
{
    public HttpClient Http => http;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public Task<Reply> Get(string path) => Send(new HttpRequestMessage(HttpMethod.Get, path));

    /// <summary>POSTs <paramref name="body"/>: a string is sent as it is, anything else serialized; null sends no body.</summary>
    public Task<Reply> Post(string path, object? body, string? idempotencyKey = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (body is not null)
        {
            var text = body as string ?? JsonSerializer.Serialize(body, JsonSerializerOptions.Web);
            request.Content = new StringContent(text, Encoding.UTF8, contentType);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return Send(request);
    }

    public async Task<Reply> Send(HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await http.SendAsync(request, Ct);
            var text = await response.Content.ReadAsStringAsync(Ct);
            var contentType = response.Content.Headers.ContentType?.MediaType;
            JsonNode? json = null;
            if (contentType is not null && contentType.Contains("json", StringComparison.Ordinal) && text.Length > 0)
            {
                json = JsonNode.Parse(text);
            }

            return new Reply(response.StatusCode, response.Headers, contentType, text, json);
        }
    }

    /// <summary>Registers an incident and insists on 201; returns the incident.</summary>
    public async Task<JsonNode> Register(JsonObject body, string? idempotencyKey = null)
    {
        var reply = await Post("/api/incidents", body, idempotencyKey);
        Assert.True(reply.Status == HttpStatusCode.Created, $"register: {reply}");
        return reply.Body;
    }

    public async Task<JsonNode> Incident(string id)
    {
        var reply = await Get($"/api/incidents/{id}");
        Assert.True(reply.Status == HttpStatusCode.OK, $"GET {id}: {reply}");
        return reply.Body;
    }

    /// <summary>Runs a command and insists on 200; returns the incident afterwards.</summary>
    public async Task<JsonNode> Command(string path, object? body, string? idempotencyKey = null)
    {
        var reply = await Post(path, body, idempotencyKey);
        Assert.True(reply.Status == HttpStatusCode.OK, $"POST {path}: {reply}");
        return reply.Body;
    }

    public async Task<JsonArray> List(string query = "")
    {
        var reply = await Get("/api/incidents" + query);
        Assert.True(reply.Status == HttpStatusCode.OK, $"list{query}: {reply}");
        return reply.Body.AsArray();
    }

    public void Dispose() => http.Dispose();
}

/// <summary>Request bodies in the wire format of the API.</summary>
public static class Bodies
{
    public static string Time(DateTimeOffset at) => at.ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    public static JsonObject Incident(string region, DateTimeOffset discoveredAt, JsonObject? facts = null, string title = "Aniline spill into the Zhuozhang river") => new()
    {
        ["title"] = title,
        ["region"] = region,
        ["discoveredAt"] = Time(discoveredAt),
        ["sourceChannel"] = "hotline12369",
        ["description"] = "A hose burst at a chemical plant; aniline reached the river.",
        ["facts"] = facts ?? new JsonObject(),
    };

    public static JsonObject CrossProvince() => new() { ["crossBoundary"] = "crossProvince" };

    public static JsonObject Report(string kind, DateTimeOffset? at = null, string signedOffBy = "Wang Min, deputy director") => new()
    {
        ["kind"] = kind,
        ["medium"] = "written",
        ["signedOffBy"] = signedOffBy,
        ["contact"] = "0355-2021234",
        ["content"] = $"{kind} report: 8.7 t of aniline reached the river; monitoring under way.",
        ["at"] = at is { } a ? Time(a) : null,
    };

    public static JsonObject Release(string headline = "浊漳河苯胺泄漏事件情况通报", string text = "潞城市一企业输送软管破裂，部分苯胺进入浊漳河，下游已接到通报。", string? headlineEn = null, string? textEn = null) => new()
    {
        ["audience"] = "public",
        ["headline"] = headline,
        ["text"] = text,
        ["headlineEn"] = headlineEn,
        ["textEn"] = textEn,
    };

    public static JsonObject Completion(DateTimeOffset? at = null, string? note = null) => new()
    {
        ["at"] = at is { } a ? Time(a) : null,
        ["note"] = note,
    };
}

/// <summary>Reading the JSON the API returns.</summary>
public static class Wire
{
    public static string Str(this JsonNode? node, string property) =>
        node?[property]?.GetValue<string>() ?? throw new InvalidOperationException($"no string '{property}' in {node?.ToJsonString()}");

    public static long Long(this JsonNode? node, string property) =>
        node?[property]?.GetValue<long>() ?? throw new InvalidOperationException($"no number '{property}' in {node?.ToJsonString()}");

    public static DateTimeOffset Time(this JsonNode? node, string property) =>
        DateTimeOffset.Parse(node.Str(property), System.Globalization.CultureInfo.InvariantCulture);

    public static JsonNode Obligation(this JsonNode incident, string id) =>
        incident["obligations"]!.AsArray().Single(o => o!.Str("id") == id)!;

    public static IReadOnlyList<JsonNode> Timeline(this JsonNode incident) => [.. incident["timeline"]!.AsArray().Select(e => e!)];

    public static IReadOnlyList<string> Ids(this JsonArray list) => [.. list.Select(s => s!.Str("id"))];
}
