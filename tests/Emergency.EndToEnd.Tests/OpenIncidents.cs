using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Emergency.EndToEnd.Tests;

/// <summary>The open live incidents a board can reach: its snapshot, and when that holds only the most urgent, the open list's pages.</summary>
internal static class OpenIncidents
{
    public static async Task<(HashSet<string> Ids, bool Partial)> ReadAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var snapshot = (await http.GetFromJsonAsync<JsonObject>("/api/board", cancellationToken))!;
        var ids = snapshot["incidents"]!.AsArray().Select(i => (string)i!["id"]!).ToHashSet();
        var partial = snapshot["incidentsComplete"]?.GetValue<bool>() == false;
        if (!partial)
        {
            return (ids, false);
        }

        // The lane holds its most urgent: every open incident is on the list's pages.
        Assert.Equal(500, ids.Count);
        string? next = "/api/incidents?limit=1000";
        while (next is not null)
        {
            using var response = await http.GetAsync(next, cancellationToken);
            response.EnsureSuccessStatusCode();
            ids.UnionWith((await response.Content.ReadFromJsonAsync<JsonArray>(cancellationToken))!.Select(i => (string)i!["id"]!));
            next = response.Headers.TryGetValues("Link", out var links) && links.First() is var link
                ? link[(link.IndexOf('<', StringComparison.Ordinal) + 1)..link.IndexOf('>', StringComparison.Ordinal)]
                : null;
        }

        return (ids, true);
    }
}
