using System.Net;
using System.Text.Json.Nodes;
using Emergency.Api.Tests.Infrastructure;

namespace Emergency.Api.Tests;

[Collection(SharedEngine.Name)]
public sealed class HealthAndOpenApiTests(EngineFixture engine)
{
    [Fact]
    public async Task Health_and_the_OpenAPI_document_need_no_token()
    {
        var health = await engine.Anonymous.Get("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.Status);
        Assert.Equal("ready", health.Body.Str("status"));
        Assert.Equal("running", health.Body.Str("engine"));
        Assert.Equal("ready", health.Body.Str("storage"));
        Assert.Equal("Sqlite", health.Body.Str("provider"));

        var openApi = await engine.Anonymous.Get("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, openApi.Status);
        Assert.StartsWith("3.", openApi.Body.Str("openapi"));

        // A stale or wrong token does not lock anyone out of what needs none.
        using var wrong = engine.As("expired-token");
        Assert.Equal(HttpStatusCode.OK, (await wrong.Get("/healthz")).Status);
        Assert.Equal(HttpStatusCode.OK, (await wrong.Get("/openapi/v1.json")).Status);
    }

    [Fact]
    public async Task The_OpenAPI_document_declares_the_bearer_token_for_every_operation()
    {
        var document = (await engine.Anonymous.Get("/openapi/v1.json")).Body;

        var scheme = document["components"]!["securitySchemes"]!["Bearer"]!;
        Assert.Equal("http", scheme.Str("type"));
        Assert.Equal("bearer", scheme.Str("scheme"));
        Assert.True(document["security"]!.AsArray().Single()!["Bearer"] is JsonArray, "the document-wide requirement names the Bearer scheme");
        Assert.Equal("Emergency", document["info"]!.Str("title"));
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_every_api_endpoint()
    {
        var document = (await engine.Anonymous.Get("/openapi/v1.json")).Body;
        var paths = document["paths"]!.AsObject();

        var endpoints = engine.Engine.ApiEndpoints();
        Assert.NotEmpty(endpoints);
        foreach (var (method, pattern) in endpoints)
        {
            var path = pattern.Length > 1 ? pattern.TrimEnd('/') : pattern;
            var item = paths[path] ?? paths[path + "/"];
            Assert.True(item is JsonObject, $"the OpenAPI document has no path {path}; it has {string.Join(", ", paths.Select(p => p.Key))}");
            var operation = item![method.ToLowerInvariant()];
            Assert.True(operation is JsonObject, $"the OpenAPI document has no {method} {path}");
            Assert.False(string.IsNullOrWhiteSpace(operation!["summary"]?.GetValue<string>()), $"{method} {path} has no summary");
            if (method == "POST")
            {
                Assert.True(operation["requestBody"] is JsonObject, $"{method} {path} documents no request body");
            }
        }

        // The commands and reads the brief names are all there.
        foreach (var (method, path) in new[]
                 {
                     ("post", "/api/incidents"), ("get", "/api/incidents"), ("get", "/api/incidents/{id}"),
                     ("post", "/api/incidents/{id}/facts"), ("post", "/api/incidents/{id}/obligations/{obligation}/complete"),
                     ("post", "/api/incidents/{id}/reports"), ("post", "/api/incidents/{id}/close"),
                 })
        {
            var item = paths[path] ?? paths[path + "/"];
            Assert.True(item?[method] is JsonObject, $"missing {method} {path}");
        }
    }
}
