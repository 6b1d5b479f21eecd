using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Emergency.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace Emergency.EndToEnd.Tests;

/// <summary>
/// Two engine processes form one cluster on PostgreSQL. A board (a real SignalR client) connected to either
/// node receives every change, whichever node took the command and wherever the incident's grain lives.
/// </summary>
public sealed class BoardAcrossNodesTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TempDirectory _files = new("board-nodes");
    private string? _database;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await PostgresTestServer.DropDatabaseAsync(_database);
        }

        _files.Dispose();
    }

    [Fact]
    public async Task A_board_on_either_node_sees_every_change_made_through_the_other()
    {
        _database = await PostgresTestServer.CreateDatabaseAsync("board");
        var first = new EngineSettings("PostgreSql", _database, _files.Path);
        await using var nodeA = await EngineProcess.StartAsync(first);
        await using var nodeB = await EngineProcess.StartAsync(first.AnotherNode());
        await using var boardA = await Board.ConnectAsync(nodeA);
        await using var boardB = await Board.ConnectAsync(nodeB);

        // Until both nodes' relays have subscribed, an update can reach only one of them: wait for a probe
        // registered through each node to show on both boards.
        await Eventually.Until(async () => await RegisterProbeAsync(nodeA, boardA, boardB) && await RegisterProbeAsync(nodeB, boardA, boardB),
            ok => ok, "both boards to receive updates from both nodes", TimeSpan.FromSeconds(30));

        var sentAt = new ConcurrentDictionary<string, DateTimeOffset>();
        for (var i = 0; i < 20; i++)
        {
            var node = i % 2 == 0 ? nodeA : nodeB;
            var sending = DateTimeOffset.UtcNow;
            sentAt[await RegisterAsync(node, $"cross-{i}")] = sending;
        }

        foreach (var board in new[] { boardA, boardB })
        {
            await Eventually.Until(() => Task.FromResult(sentAt.Keys.Count(board.Seen.ContainsKey)), n => n == sentAt.Count,
                $"all {sentAt.Count} incidents on the board of {board.Node}", TimeSpan.FromSeconds(10));
            var lags = sentAt.Select(s => (board.Seen[s.Key] - s.Value).TotalMilliseconds).Order().ToList();
            output.WriteLine($"board on {board.Node}: {lags.Count} updates, from sending the command: median {lags[lags.Count / 2]:0} ms, max {lags[^1]:0} ms");
            Assert.True(lags[^1] < 1000, $"an update took {lags[^1]:0} ms to reach the board on {board.Node}");
        }
    }

    private static async Task<bool> RegisterProbeAsync(EngineProcess node, Board a, Board b)
    {
        var id = await RegisterAsync(node, $"probe-{Guid.NewGuid():N}");
        try
        {
            await Eventually.Until(() => Task.FromResult(a.Seen.ContainsKey(id) && b.Seen.ContainsKey(id)), seen => seen, "the probe on both boards", TimeSpan.FromSeconds(2));
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private static async Task<string> RegisterAsync(EngineProcess node, string key)
    {
        var body = new JsonObject
        {
            ["title"] = $"Board {key}",
            ["region"] = "Handan",
            ["discoveredAt"] = DateTimeOffset.UtcNow.AddMinutes(-10).ToString("O", CultureInfo.InvariantCulture),
            ["sourceChannel"] = "patrol",
            ["facts"] = new JsonObject { ["crossBoundary"] = "crossProvince" },
        };
        using var response = await node.Http.PostAsJsonAsync("/api/incidents", body, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!;
    }

    /// <summary>A board as the browser sees it: the SignalR connection and the time each incident's update arrived.</summary>
    private sealed class Board : IAsyncDisposable
    {
        private readonly HubConnection _connection;

        private Board(HubConnection connection, string node)
        {
            _connection = connection;
            Node = node;
        }

        public string Node { get; }

        public ConcurrentDictionary<string, DateTimeOffset> Seen { get; } = new();

        public static async Task<Board> ConnectAsync(EngineProcess engine)
        {
            var connection = new HubConnectionBuilder()
                .WithUrl(new Uri(engine.BaseAddress, "/hubs/board"), options => options.AccessTokenProvider = () => Task.FromResult<string?>("observer-dev-token"))
                .Build();
            var board = new Board(connection, engine.BaseAddress.Authority);
            connection.On<JsonElement>("caseChanged", change =>
                board.Seen.TryAdd(change.GetProperty("summary").GetProperty("id").GetString()!, DateTimeOffset.UtcNow));
            await connection.StartAsync(Ct);
            await connection.InvokeAsync("Watch", "live", Ct);
            return board;
        }

        public ValueTask DisposeAsync() => _connection.DisposeAsync();
    }
}
