using System.Net;
using System.Text.Json.Nodes;

namespace Emergency.Api.Tests.Infrastructure;

/// <summary>Checks RFC 7807 problem details.</summary>
public static class Problem
{
    /// <summary>
    /// The reply is a problem with <paramref name="status"/>, served as application/problem+json, with a
    /// title and a status member; when <paramref name="field"/> is given, <c>errors</c> names it.
    /// </summary>
    public static JsonNode Assert(Reply reply, HttpStatusCode status, string? field = null)
    {
        Xunit.Assert.True(reply.Status == status, $"expected {(int)status}, got {reply}");
        Xunit.Assert.Equal("application/problem+json", reply.ContentType);
        var body = reply.Body;
        Xunit.Assert.Equal((int)status, body["status"]?.GetValue<int>());
        Xunit.Assert.False(string.IsNullOrWhiteSpace(body["title"]?.GetValue<string>()), reply.ToString());
        Xunit.Assert.False(string.IsNullOrWhiteSpace(body["type"]?.GetValue<string>()), reply.ToString());
        if (field is not null)
        {
            var errors = body["errors"] as JsonObject;
            Xunit.Assert.True(errors is not null && errors[field] is JsonArray { Count: > 0 }, $"errors should name '{field}': {reply}");
        }

        return body;
    }

    /// <summary>A 409 of the procedure: the reason in <c>detail</c> and the moves that are possible now.</summary>
    public static JsonNode AssertNotAllowed(Reply reply, string detailContains)
    {
        var body = Assert(reply, HttpStatusCode.Conflict);
        Xunit.Assert.Equal("urn:emergency:problem:not-allowed", body["type"]?.GetValue<string>());
        Xunit.Assert.Contains(detailContains, body["detail"]?.GetValue<string>() ?? "", StringComparison.Ordinal);
        Xunit.Assert.True(body["allowedMoves"] is JsonArray { Count: > 0 }, $"allowedMoves should list the possible moves: {reply}");
        return body;
    }
}
