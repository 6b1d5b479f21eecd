using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Emergency.Contracts;
using Emergency.Domain.Incidents;
using Emergency.Host.Board;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Emergency.Benchmarks;

/// <summary>
/// Time from an accepted API command to its update arriving at N connected boards (SignalR clients), on
/// the embedded default. Baseline in the same run: the same payload broadcast straight from the hub,
/// i.e. SignalR alone, without the command, the grain, the write and the feed.
/// </summary>
public sealed class BoardFanOutBenchmark : IBenchmark
{
    private const int Commands = 40;
    private const int WarmUp = 5;
    private static readonly int[] Boards = [1, 100, 500];

    public async Task<BenchmarkReport> RunAsync(string[] args)
    {
        await using var engine = await EngineUnderTest.StartAsync();
        using var http = new HttpClient { BaseAddress = engine.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "commander-dev-token");
        var hub = engine.App.Services.GetRequiredService<IHubContext<BoardHub>>();
        var rows = new List<IReadOnlyList<string>>();
        var sequence = 0;

        foreach (var count in Boards)
        {
            var boards = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => BenchBoard.ConnectAsync(engine.BaseAddress)));
            try
            {
                var engineLatencies = new List<double>();
                var baselineLatencies = new List<double>();
                IncidentSummary? sample = null;
                for (var i = 0; i < WarmUp + Commands; i++)
                {
                    var key = $"bench-{count}-{sequence++}";
                    var started = Stopwatch.GetTimestamp();
                    var id = await RegisterAsync(http, key);
                    var arrivals = await WaitAllAsync(boards, id);
                    if (i >= WarmUp)
                    {
                        engineLatencies.AddRange(arrivals.Select(a => Stopwatch.GetElapsedTime(started, a).TotalMilliseconds));
                    }

                    sample ??= (await http.GetFromJsonAsync<JsonObject>($"/api/board"))!["incidents"]!.AsArray()
                        .Select(n => n.Deserialize<IncidentSummary>(DomainJson.Options)!).First();
                }

                for (var i = 0; i < WarmUp + Commands; i++)
                {
                    var id = $"inc-baseline{sequence++}";
                    var started = Stopwatch.GetTimestamp();
                    await hub.Clients.Group(BoardHub.Group(Scopes.Live))
                        .SendAsync(CaseChange.Method, CaseChange.Of(new BoardUpdate { Scope = Scopes.Live, Incident = sample! with { Id = id } }));
                    var arrivals = await WaitAllAsync(boards, id);
                    if (i >= WarmUp)
                    {
                        baselineLatencies.AddRange(arrivals.Select(a => Stopwatch.GetElapsedTime(started, a).TotalMilliseconds));
                    }
                }

                rows.Add(Row(count, "engine: POST accepted → update at every board", engineLatencies));
                rows.Add(Row(count, "baseline: hub broadcast → update (SignalR alone)", baselineLatencies));
                Console.Error.WriteLine($"{count} boards done");
            }
            finally
            {
                await Task.WhenAll(boards.Select(b => b.DisposeAsync().AsTask()));
            }
        }

        return new BenchmarkReport(
            "board-fanout",
            $"embedded default (SQLite, synchronous=FULL), one node; boards and engine in one process; {Commands} sequential registrations per row after {WarmUp} warm-up; latency counted from before the POST (engine) or the broadcast (baseline) to each board's receipt",
            ["boards", "path", "samples", "p50 ms", "p99 ms", "max ms"],
            rows);
    }

    private static IReadOnlyList<string> Row(int boards, string path, List<double> latencies)
    {
        latencies.Sort();
        return [boards.ToString(CultureInfo.InvariantCulture), path, latencies.Count.ToString(CultureInfo.InvariantCulture),
            Percentiles.Ms(Percentiles.Of(latencies, 50)), Percentiles.Ms(Percentiles.Of(latencies, 99)), Percentiles.Ms(latencies[^1])];
    }

    private static async Task<string> RegisterAsync(HttpClient http, string key)
    {
        var body = new JsonObject
        {
            ["title"] = $"Benchmark {key}",
            ["region"] = "Bench",
            ["discoveredAt"] = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O", CultureInfo.InvariantCulture),
            ["sourceChannel"] = "patrol",
            ["facts"] = new JsonObject { ["deaths"] = 0 },
        };
        using var response = await http.PostAsJsonAsync("/api/incidents", body);
        response.EnsureSuccessStatusCode();
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    private static async Task<long[]> WaitAllAsync(BenchBoard[] boards, string id)
    {
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 30;
        while (true)
        {
            var arrivals = boards.Select(b => b.Arrivals.TryGetValue(id, out var at) ? at : 0).ToArray();
            if (arrivals.All(a => a != 0))
            {
                return arrivals;
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"{arrivals.Count(a => a == 0)} of {boards.Length} boards never received {id}");
            }

            await Task.Delay(1);
        }
    }

    private sealed class BenchBoard : IAsyncDisposable
    {
        private readonly HubConnection _connection;

        private BenchBoard(HubConnection connection) => _connection = connection;

        public ConcurrentDictionary<string, long> Arrivals { get; } = new();

        public static async Task<BenchBoard> ConnectAsync(Uri engine)
        {
            var connection = new HubConnectionBuilder()
                .WithUrl(new Uri(engine, BoardHub.Path), options => options.AccessTokenProvider = () => Task.FromResult<string?>("observer-dev-token"))
                .Build();
            var board = new BenchBoard(connection);
            connection.On<JsonElement>(CaseChange.Method, change =>
                board.Arrivals.TryAdd(change.GetProperty("summary").GetProperty("id").GetString()!, Stopwatch.GetTimestamp()));
            await connection.StartAsync();
            await connection.InvokeAsync("Watch", Scopes.Live);
            return board;
        }

        public ValueTask DisposeAsync() => _connection.DisposeAsync();
    }
}
