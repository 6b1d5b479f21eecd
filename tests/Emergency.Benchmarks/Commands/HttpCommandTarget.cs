using System.Net.Http.Headers;
using System.Net.Http.Json;
using Emergency.Contracts;

namespace Emergency.Benchmarks.Commands;

/// <summary>The commands over the engine's HTTP API on its real Kestrel port, as a duty commander.</summary>
public sealed class HttpCommandTarget : ICommandTarget, IDisposable
{
    private readonly HttpClient _http;

    public HttpCommandTarget(Uri engine)
    {
        // One pooled handler for every client: the connections a browser fleet or a gateway would hold open.
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024 }) { BaseAddress = engine };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "commander-dev-token");
    }

    public async Task<string?> RegisterAsync()
    {
        using var response = await _http.PostAsJsonAsync("/api/incidents", BenchCommands.Report(DateTimeOffset.UtcNow), DomainJson.Options);
        if (!response.IsSuccessStatusCode)
        {
            await ReportFirstFailure(response);
            return null;
        }

        // The new case's address, not its view parsed whole: the client's own parsing is not the engine's cost.
        await response.Content.LoadIntoBufferAsync();
        return response.Headers.Location?.OriginalString.Split('/')[^1];
    }

    public async Task<bool> UpdateFactsAsync(string incidentId, int evacuated)
    {
        using var response = await _http.PostAsJsonAsync($"/api/incidents/{incidentId}/facts", BenchCommands.Update(evacuated), DomainJson.Options);
        if (!response.IsSuccessStatusCode)
        {
            await ReportFirstFailure(response);
        }

        return response.IsSuccessStatusCode;
    }

    private int _failuresReported;

    /// <summary>A row that only fails says why, once, instead of printing a rate of zero with no reason.</summary>
    private async Task ReportFirstFailure(HttpResponseMessage response)
    {
        if (Interlocked.Exchange(ref _failuresReported, 1) == 0)
        {
            var body = await response.Content.ReadAsStringAsync();
            Console.Error.WriteLine($"http: {(int)response.StatusCode} {response.RequestMessage?.RequestUri?.AbsolutePath}: {body[..Math.Min(body.Length, 400)]}");
        }
    }

    public void Dispose() => _http.Dispose();
}
