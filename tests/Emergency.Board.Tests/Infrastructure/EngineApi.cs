using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Emergency.Board.Tests.Infrastructure;

/// <summary>The dev tokens of <c>config/tokens.json</c>.</summary>
public static class Tokens
{
    public const string Commander = "commander-dev-token";
    public const string Observer = "observer-dev-token";
    public const string Organiser = "drill-dev-token";
    public const string Administrator = "admin-dev-token";

    public const string PetitionOfficer = "petition-dev-token";

    public const string Auditor = "auditor-dev-token";
}

/// <summary>What the other side of the board does: a duty commander changing incidents through the API.</summary>
public sealed class EngineApi(HttpClient http)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Registers an incident discovered at <paramref name="discoveredAt"/>; returns its id.</summary>
    public async Task<string> Register(string title, string region, DateTimeOffset discoveredAt, JsonObject facts)
    {
        var incident = await Post(http, "/api/incidents", new JsonObject
        {
            ["title"] = title,
            ["region"] = region,
            ["discoveredAt"] = discoveredAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["sourceChannel"] = "hotline12369",
            ["description"] = "A hose burst at a chemical plant; aniline reached the river.",
            ["facts"] = facts,
        }, HttpStatusCode.Created);
        return incident["id"]!.GetValue<string>();
    }

    public Task Complete(string id, string obligation) =>
        Post(http, $"/api/incidents/{id}/obligations/{obligation}/complete", new JsonObject { ["note"] = "done through the API" });

    public Task Correct(string id, string kind, string concerns, string declared, string actual) =>
        Post(http, $"/api/incidents/{id}/corrections", new JsonObject { ["kind"] = kind, ["concerns"] = concerns, ["declared"] = declared, ["actual"] = actual });

    /// <summary>Drafts, approves and publishes release 1: how releaseInformation is completed.</summary>
    public async Task PublishRelease(string id)
    {
        await Post(http, $"/api/incidents/{id}/draftRelease", new JsonObject { ["audience"] = "public", ["headline"] = "出水镉浓度78 μg/L", ["text"] = "实测78 μg/L" });
        await Post(http, $"/api/incidents/{id}/approveRelease", new JsonObject { ["release"] = 1, ["approvedBy"] = "王副局长" });
        await Post(http, $"/api/incidents/{id}/publishRelease", new JsonObject { ["release"] = 1 });
    }

    public Task UpdateFacts(string id, JsonObject facts, string note) =>
        Post(http, $"/api/incidents/{id}/facts", new JsonObject { ["facts"] = facts, ["note"] = note });

    public Task Report(string id, string kind) => Post(http, $"/api/incidents/{id}/reports", new JsonObject
    {
        ["kind"] = kind,
        ["medium"] = "written",
        ["signedOffBy"] = "Wang Min, deputy director",
        ["contact"] = "0355-2021234",
        ["content"] = $"{kind} report: 8.7 t of aniline reached the river.",
    });

    /// <summary>The incident as the API shows it (its reports, obligations and timeline).</summary>
    public async Task<JsonNode> Incident(string id)
    {
        var text = await http.GetStringAsync($"/api/incidents/{id}", Ct);
        return JsonNode.Parse(text)!;
    }

    /// <summary>The open live incidents of one region, as the API lists them.</summary>
    public async Task<JsonArray> InRegion(string region)
    {
        var text = await http.GetStringAsync($"/api/incidents?region={Uri.EscapeDataString(region)}", Ct);
        return JsonNode.Parse(text)!.AsArray();
    }

    /// <summary>Posts a command as <paramref name="http"/>'s user, asserts the status, and returns the answer.</summary>
    public static async Task<JsonNode> Post(HttpClient http, string path, JsonObject body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var response = await http.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }
}

/// <summary>Grading facts that give a known level under the 2014 rules.</summary>
public static class Facts
{
    /// <summary>Crosses a province boundary: level II (on scene within 1 h, report within 2 h).</summary>
    public static JsonObject LevelII() => Known("crossProvince");

    /// <summary>Nothing serious: level IV (on scene within 2 h, report within 4 h).</summary>
    public static JsonObject LevelIV() => Known("none");

    private static JsonObject Known(string crossBoundary) => new()
    {
        ["deaths"] = 0,
        ["poisoned"] = 0,
        ["seriouslyInjured"] = 0,
        ["evacuated"] = 0,
        ["directLossCny"] = 0,
        ["intakeInterruption"] = new JsonObject { ["scale"] = "none" },
        ["crossBoundary"] = crossBoundary,
        ["ecologicalImpact"] = "someEffect",
    };
}
