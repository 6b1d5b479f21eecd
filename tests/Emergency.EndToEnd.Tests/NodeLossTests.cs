using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Emergency.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Npgsql;

namespace Emergency.EndToEnd.Tests;

/// <summary>
/// Issue 8, "a node dies": three engine processes form one cluster on PostgreSQL; a stream of registrations
/// and obligation completions (each with its Idempotency-Key) runs against all three, a board is connected to
/// the victim, and the victim is killed with SIGKILL mid-stream. Every 2xx is there afterwards, read through a
/// survivor; what was in flight on the victim either failed or succeeded whole, and a retry with the same key
/// replays or applies once; the victim's incidents come back on the survivors; deadlines registered through
/// the victim still fire; the victim's board reconnects to a survivor and its snapshot holds everything.
/// </summary>
public sealed class NodeLossTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>
    /// Shorter failure detection than Orleans' defaults, passed to every node as <c>Cluster:Membership:*</c>;
    /// <c>NODELOSS_DEFAULTS=1</c> runs with Orleans' own defaults instead (the victim is then declared dead after about 11 s).
    /// </summary>
    private static readonly IReadOnlyList<(string Key, string Value)> Membership = EngineSettings.QuickFailureDetection;

    private static readonly TimeSpan[] DeadlinesAhead = [TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(40)];

    private readonly TempDirectory _files = new("node-loss");
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
    public async Task NodeLoss_nothing_acknowledged_is_lost_and_deadlines_and_boards_carry_on()
    {
        _database = await PostgresTestServer.CreateDatabaseAsync("nodeloss");
        var first = new EngineSettings("PostgreSql", _database, _files.Path) { Extra = Environment.GetEnvironmentVariable("NODELOSS_DEFAULTS") == "1" ? [] : Membership };
        var victimSettings = first.AnotherNode();
        await using var survivor1 = await EngineProcess.StartAsync(first);
        await using var survivor2 = await EngineProcess.StartAsync(first.AnotherNode());
        await using var victim = await EngineProcess.StartAsync(victimSettings);
        var nodes = new[] { survivor1, survivor2, victim };
        var names = new Dictionary<EngineProcess, string> { [survivor1] = "survivor-1", [survivor2] = "survivor-2", [victim] = "victim" };

        await using var victimBoard = await Board.ConnectAsync(victim);
        await using var watchBoard = await Board.ConnectAsync(survivor2);

        // Deadlines held by the victim: registered through it, due 20-40 s ahead, never touched again by the test.
        var deadlines = new List<(string Id, DateTimeOffset Due)>();
        for (var i = 0; i < DeadlinesAhead.Length; i++)
        {
            deadlines.Add(await RegisterDueIn(victim, DeadlinesAhead[i], $"deadline-{i}"));
        }

        // The stream: two writers per node, each registering an incident and then completing its reachScene.
        var stream = new Stream();
        using var stop = new CancellationTokenSource();
        using var victimDead = new CancellationTokenSource();
        var writers = nodes.SelectMany(node => Enumerable.Range(0, 2).Select(w => Task.Run(() =>
            stream.WriteAsync(node, names[node], w, node == victim ? victimDead.Token : stop.Token)))).ToList();

        try
        {
            await Eventually.Until(() => Task.FromResult(stream.AcknowledgedThrough("victim")), n => n >= 20,
                "20 commands acknowledged through the victim", TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}; {stream.Failures.Count} failures, the last: {stream.LastRefusal}", ex);
        }

        var kill = Stopwatch.StartNew();
        var killedAt = DateTimeOffset.UtcNow;
        await victim.KillAsync();
        await victimDead.CancelAsync();
        output.WriteLine($"killed the victim at {killedAt:HH:mm:ss.fff} with {stream.AcknowledgedThrough("victim")} commands acknowledged through it");

        // Recovery, watched through a survivor: the victim's incidents readable again, and the victim declared dead.
        var victimIncidents = stream.Registered.Where(r => r.Value.Node == "victim").Select(r => r.Key).ToList();
        var detection = Task.Run(() => DeclaredDeadAsync(_database, victimSettings.SiloPort, kill));
        var (firstBack, allBack) = await RecoveryAsync(survivor1, victimIncidents, kill);
        var declaredDead = await detection;
        output.WriteLine($"victim declared dead in the membership table {declaredDead.TotalSeconds:0.0} s after the kill; "
            + $"first incident registered through it answered through a survivor after {firstBack.TotalSeconds:0.0} s, all {victimIncidents.Count} after {allBack.TotalSeconds:0.0} s");

        // The survivors' writers keep going a little longer after recovery, then stop.
        await Task.Delay(TimeSpan.FromSeconds(3), Ct);
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        // Every 2xx is there, in full, read through a survivor.
        var found = 0;
        var completionsFound = 0;
        foreach (var (id, ack) in stream.Registered)
        {
            var view = await GetAsync(survivor2, id);
            if (view is null)
            {
                continue;
            }

            found++;
            Assert.Equal(ack.Obligations, view["obligations"]!.AsArray().Count);
            if (stream.Completed.ContainsKey(id))
            {
                Assert.Equal("completed", ReachScene(view));
                completionsFound++;
            }
        }

        // In flight on a node when it died (or refused while the cluster caught up): failed whole or succeeded whole.
        // A retry with the same key through a survivor replays what was applied, or applies it once.
        var replayed = 0;
        var appliedOnRetry = 0;
        var retried = new List<string>();
        foreach (var failure in stream.Failures)
        {
            using var request = failure.Request();
            using var retry = await survivor1.Http.SendAsync(request, Ct);
            Assert.True(retry.IsSuccessStatusCode, $"retry of {failure} through a survivor: {(int)retry.StatusCode} {await retry.Content.ReadAsStringAsync(Ct)}");
            var id = (string)(await retry.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!;
            retried.Add(id);
            if (retry.Headers.TryGetValues("Idempotent-Replayed", out var values) && values.Single() == "true")
            {
                replayed++;
            }
            else
            {
                appliedOnRetry++;
            }

            var view = (await GetAsync(survivor2, id))!;
            // The five first-moment obligations, beside the hops of the reporting chain its region gives it.
            Assert.Equal(5, view["obligations"]!.AsArray().Count(o => (string?)o!["kind"] != "reportUp"));
            if (failure.Kind == "complete")
            {
                Assert.Equal("completed", ReachScene(view));
            }
        }

        var acknowledged = stream.Registered.Count + stream.Completed.Count;
        var lost = acknowledged - found - completionsFound;
        output.WriteLine($"sent {stream.Sent}, acknowledged {acknowledged} ({stream.Registered.Count} registrations, {stream.Completed.Count} completions; "
            + $"{stream.AcknowledgedThrough("victim")} through the victim), found {found + completionsFound}, lost {lost}; "
            + $"failed {stream.Failures.Count} ({string.Join(", ", stream.Failures.GroupBy(f => f.Why).Select(g => $"{g.Count()} {g.Key}"))}), "
            + $"on retry with the same key: {replayed} replayed, {appliedOnRetry} applied once");
        Assert.Equal(0, lost);

        // Deadlines the victim held: watched on a survivor's board (which does not wake the incident), then read.
        foreach (var (id, due) in deadlines)
        {
            try
            {
                await Eventually.Until(() => Task.FromResult(watchBoard.Updates(id)), n => n >= 2,
                    $"the overdue mark of {id} on a survivor's board", due + TimeSpan.FromSeconds(90) - DateTimeOffset.UtcNow);
            }
            catch (TimeoutException)
            {
                output.WriteLine($"no overdue update for {id} on the survivor's board; reading it");
            }

            var view = (await GetAsync(survivor1, id))!;
            var overdue = view["timeline"]!.AsArray().FirstOrDefault(e => (string)e!["kind"]! == "obligationOverdue" && (string?)e["ref"] == "report");
            Assert.NotNull(overdue);
            Assert.Equal(due, overdue!["at"]!.GetValue<DateTimeOffset>());
            var lag = overdue["recordedAt"]!.GetValue<DateTimeOffset>() - due;
            output.WriteLine($"deadline {(due - killedAt).TotalSeconds:0} s after the kill fired {lag.TotalSeconds:0.0} s late");
            Assert.InRange(lag, TimeSpan.FromSeconds(-1), TimeSpan.FromSeconds(90));
        }

        // The victim's board lost its node; reconnected to a survivor (as the page would), it resynchronises.
        Assert.True(victimBoard.Closed, "the board on the victim noticed that its node is gone");
        await using var reconnected = await Board.ConnectAsync(survivor1);
        var (onBoard, _) = await OpenIncidents.ReadAsync(survivor1.Http, Ct);
        var missing = stream.Registered.Keys.Concat(retried).Where(id => !onBoard.Contains(id)).ToList();
        output.WriteLine($"board reconnected to a survivor: snapshot of {onBoard.Count} incidents; missing: {missing.Count(stream.Registered.ContainsKey)} acknowledged at the first try, "
            + $"{missing.Count(id => !stream.Registered.ContainsKey(id))} of {retried.Count} applied or replayed on a retry");
        foreach (var id in missing)
        {
            var how = stream.Registered.TryGetValue(id, out var ack) ? $"acknowledged through {ack.Node}" : "applied on retry";
            output.WriteLine($"missing from the board: {id} ({how}); read through a survivor: {(await GetAsync(survivor1, id) is null ? "absent" : "present")}");
            await using var db = new NpgsqlConnection(_database);
            await db.OpenAsync(Ct);
            await using var rows = new NpgsqlCommand("SELECT StateName || ' ' || KeyExtension || ' v' || Version FROM GrainState WHERE convert_from(PayloadBinary, 'UTF8') LIKE '%' || @id || '%'", db);
            rows.Parameters.AddWithValue("id", id);
            await using var reader = await rows.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct))
            {
                output.WriteLine($"  stored in {reader.GetString(0)}");
            }

            await Task.Delay(TimeSpan.FromSeconds(3), Ct);
            foreach (var node in new[] { survivor1, survivor2 })
            {
                var again = (await node.Http.GetFromJsonAsync<JsonObject>("/api/board", Ct))!["incidents"]!.AsArray().Any(i => (string)i!["id"]! == id);
                output.WriteLine($"  on the board of {names[node]} 3 s later: {again}");
            }
        }

        if (missing.Count > 0)
        {
            foreach (var (node, name) in names)
            {
                var lines = node.Output.Split('\n');
                var failures = lines.Select((line, i) => (line, i)).Where(l => l.line.TrimStart().StartsWith("fail:", StringComparison.Ordinal))
                    .Select(l => string.Join(" | ", lines.Skip(l.i).Take(3).Select(x => x.Trim()))).Distinct().Take(20);
                output.WriteLine($"{name}:\n  {string.Join("\n  ", failures)}");
            }
        }

        // Every incident acknowledged, at the first try or on a retry, is on the board: a summary lost with the node
        // is fetched again by the directory shard when it is listed.
        Assert.Empty(missing);
    }

    /// <summary>How long after the kill the membership table says Dead (6) for the victim's silo port.</summary>
    private static async Task<TimeSpan> DeclaredDeadAsync(string connectionString, int siloPort, Stopwatch kill)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await Eventually.Until(async () =>
        {
            await using var query = new NpgsqlCommand("SELECT COUNT(*) FROM Membership WHERE Port = @port AND Status = 6", connection);
            query.Parameters.AddWithValue("port", siloPort);
            return (long)(await query.ExecuteScalarAsync(Ct))!;
        }, n => n > 0, "the victim declared dead", TimeSpan.FromSeconds(90));
        return kill.Elapsed;
    }

    /// <summary>Reads the victim's incidents through a survivor until all answer: when the first and the last did.</summary>
    private static async Task<(TimeSpan First, TimeSpan All)> RecoveryAsync(EngineProcess survivor, List<string> ids, Stopwatch kill)
    {
        var pending = ids.ToHashSet();
        TimeSpan? first = null;
        await Eventually.Until(async () =>
        {
            foreach (var id in pending.ToList())
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                try
                {
                    using var response = await survivor.Http.GetAsync($"/api/incidents/{id}", timeout.Token);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        first ??= kill.Elapsed;
                        pending.Remove(id);
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
                {
                    // Not yet: its activation still points at the dead node.
                }
            }

            return pending.Count;
        }, n => n == 0, "every incident registered through the victim readable through a survivor", TimeSpan.FromSeconds(90));
        return (first ?? kill.Elapsed, kill.Elapsed);
    }

    private static async Task<JsonObject?> GetAsync(EngineProcess node, string id)
    {
        using var response = await node.Http.GetAsync($"/api/incidents/{id}", Ct);
        return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonObject>(Ct) : null;
    }

    private static string? ReachScene(JsonObject view) =>
        (string?)view["obligations"]!.AsArray().Single(o => (string)o!["kind"]! == "reachScene")!["status"];

    private static async Task<(string Id, DateTimeOffset Due)> RegisterDueIn(EngineProcess engine, TimeSpan dueIn, string key)
    {
        // Level IV: the initial report is due 4 h after discovery.
        var discovered = DateTimeOffset.UtcNow - TimeSpan.FromHours(4) + dueIn;
        discovered = new DateTimeOffset(discovered.Ticks - (discovered.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        using var response = await engine.Http.SendAsync(Command.Register(key, discovered), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        var report = body["obligations"]!.AsArray().Single(o => (string)o!["kind"]! == "report")!;
        return ((string)body["id"]!, report["dueAt"]!.GetValue<DateTimeOffset>());
    }

    /// <summary>One command of the stream: what it was, so that it can be sent again with the same key.</summary>
    private sealed record Command(string Kind, string Key, string Id, string Node, string Why)
    {
        public static readonly DateTimeOffset Discovered = DateTimeOffset.UtcNow.AddMinutes(-5);

        public HttpRequestMessage Request() => Kind == "register" ? Register(Key, Discovered) : Complete(Id, Key);

        public static HttpRequestMessage Register(string key, DateTimeOffset discoveredAt)
        {
            var body = new JsonObject
            {
                ["title"] = $"Node loss {key}",
                ["region"] = "Taiyuan",
                ["discoveredAt"] = discoveredAt.ToString("O", CultureInfo.InvariantCulture),
                ["sourceChannel"] = "hotline12369",
                ["facts"] = new JsonObject
                {
                    ["deaths"] = 0, ["poisoned"] = 0, ["seriouslyInjured"] = 0, ["evacuated"] = 0, ["directLossCny"] = 0,
                    ["intakeInterruption"] = new JsonObject { ["scale"] = "none" }, ["crossBoundary"] = "none", ["ecologicalImpact"] = "none",
                },
            };
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/incidents") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", key);
            return request;
        }

        public static HttpRequestMessage Complete(string id, string key)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/incidents/{id}/obligations/reachScene/complete")
            {
                Content = JsonContent.Create(new JsonObject { ["note"] = "team on site" }),
            };
            request.Headers.Add("Idempotency-Key", key);
            return request;
        }
    }

    private sealed record Acknowledged(string Node, int Obligations);

    /// <summary>The command stream and what came of each command.</summary>
    private sealed class Stream
    {
        private int _sent;

        public int Sent => _sent;

        public ConcurrentDictionary<string, Acknowledged> Registered { get; } = new();

        public ConcurrentDictionary<string, string> Completed { get; } = new();

        public ConcurrentBag<Command> Failures { get; } = [];

        public string? LastRefusal { get; private set; }

        public int AcknowledgedThrough(string node) =>
            Registered.Count(r => r.Value.Node == node) + Completed.Count(c => c.Value == node);

        public async Task WriteAsync(EngineProcess node, string name, int writer, CancellationToken stop)
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var key = $"{name}-w{writer}-{i}";
                var id = await SendAsync(node, name, new Command("register", key, "", name, ""), stop);
                if (id is not null)
                {
                    await SendAsync(node, name, new Command("complete", key + "-scene", id, name, ""), stop);
                }
            }
        }

        /// <returns>The incident's id when the command was acknowledged.</returns>
        private async Task<string?> SendAsync(EngineProcess node, string name, Command command, CancellationToken stop)
        {
            Interlocked.Increment(ref _sent);
            var id = command.Kind == "register" ? null : command.Id;
            try
            {
                using var request = command.Request();
                using var response = await node.Http.SendAsync(request, CancellationToken.None);
                var text = await response.Content.ReadAsStringAsync(CancellationToken.None);
                var body = response.Content.Headers.ContentType?.MediaType == "application/json" ? JsonNode.Parse(text) as JsonObject : null;
                if (command.Kind == "register")
                {
                    id = (string?)body?["id"];
                }

                if (response.StatusCode == HttpStatusCode.Created && command.Kind == "register")
                {
                    Registered[id!] = new Acknowledged(name, body!["obligations"]!.AsArray().Count);
                    return id;
                }

                if (response.StatusCode == HttpStatusCode.OK && command.Kind == "complete")
                {
                    Completed[id!] = name;
                    return id;
                }

                LastRefusal = $"{(int)response.StatusCode} {text}";
                Failures.Add(command with { Id = id ?? "", Why = $"{(int)response.StatusCode}" });
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
            {
                LastRefusal = ex.Message;
                Failures.Add(command with { Id = id ?? "", Why = ex.GetType().Name });
            }

            if (stop.IsCancellationRequested)
            {
                return null;
            }

            await Task.Delay(50, CancellationToken.None);
            return null;
        }
    }

    /// <summary>A board as the browser sees it: its SignalR connection and the updates it received per incident.</summary>
    private sealed class Board : IAsyncDisposable
    {
        private readonly HubConnection _connection;
        private readonly ConcurrentDictionary<string, int> _updates = new();
        private volatile bool _closed;

        private Board(HubConnection connection) => _connection = connection;

        public bool Closed => _closed;

        public int Updates(string id) => _updates.GetValueOrDefault(id);

        public static async Task<Board> ConnectAsync(EngineProcess engine)
        {
            var connection = new HubConnectionBuilder()
                .WithUrl(new Uri(engine.BaseAddress, "/hubs/board"), options => options.AccessTokenProvider = () => Task.FromResult<string?>("observer-dev-token"))
                .Build();
            var board = new Board(connection);
            connection.On<JsonElement>("caseChanged", change =>
                board._updates.AddOrUpdate(change.GetProperty("summary").GetProperty("id").GetString()!, 1, (_, n) => n + 1));
            connection.Closed += _ =>
            {
                board._closed = true;
                return Task.CompletedTask;
            };
            await connection.StartAsync(Ct);
            await connection.InvokeAsync("Watch", "live", Ct);
            return board;
        }

        public ValueTask DisposeAsync() => _connection.DisposeAsync();
    }
}
