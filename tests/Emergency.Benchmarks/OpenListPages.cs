using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Emergency.Benchmarks;

/// <summary>Reads a list of open cases page by page, following each response's Link header (rel="next").</summary>
internal static class OpenListPages
{
    public static async Task<(HashSet<string> Ids, int Pages, TimeSpan Slowest)> ReadAllAsync(HttpClient http, string first)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var pages = 0;
        var slowest = TimeSpan.Zero;
        string? next = first;
        while (next is not null)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await http.GetAsync(next);
            response.EnsureSuccessStatusCode();
            var page = (await response.Content.ReadFromJsonAsync<JsonArray>())!;
            var took = Stopwatch.GetElapsedTime(started);
            slowest = took > slowest ? took : slowest;
            pages++;
            ids.UnionWith(page.Select(d => d!["id"]!.GetValue<string>()));
            next = response.Headers.TryGetValues("Link", out var links) && links.FirstOrDefault() is { } link && link.EndsWith("rel=\"next\"", StringComparison.Ordinal)
                ? link[(link.IndexOf('<', StringComparison.Ordinal) + 1)..link.IndexOf('>', StringComparison.Ordinal)]
                : null;
        }

        return (ids, pages, slowest);
    }
}
