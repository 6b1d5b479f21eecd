using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Emergency.Testing;

namespace Emergency.EndToEnd.Tests;

/// <summary>
/// Issue 8, "rolling restart": three engine processes on one PostgreSQL database; each node in turn is stopped
/// gracefully (SIGTERM) and started again on the same ports while writers spread commands over all three and a
/// board is connected to every node. Every 2xx is there afterwards; every failed attempt was a clear "try
/// again" (503, connection refused or closed) and its retry with the same key replayed or applied it once;
/// deadlines that fall due during the restarts fire; every board reconnects and its snapshot holds everything.
/// </summary>
public sealed class RollingRestartTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan[] DeadlinesAhead = [TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(45)];

    private readonly TempDirectory _files = new("rolling");
    private readonly List<EngineProcess> _processes = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<string> _failedStarts = [];
    private string? _database;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        if (_database is not null)
        {
            await PostgresTestServer.DropDatabaseAsync(_database);
        }

        _files.Dispose();
    }

    [Fact]
    public async Task RollingRestart_every_node_in_turn_loses_nothing_and_deadlines_and_boards_carry_on()
    {
        _database = await PostgresTestServer.CreateDatabaseAsync("rolling");
        var first = new EngineSettings("PostgreSql", _database, _files.Path);
        var settings = new[] { first, first.AnotherNode(), first.AnotherNode() };
        var starting = settings.Select(EngineProcess.StartAsync).ToList();
        try
        {
            await Task.WhenAll(starting);
        }
        finally
        {
            _processes.AddRange(starting.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
        }

        var nodes = starting.Select(t => t.Result).ToArray();

        output.WriteLine($"[{_clock.Elapsed.TotalSeconds:0.0} s] three nodes ready");
        var boards = new List<ReconnectingBoard>();
        for (var i = 0; i < nodes.Length; i++)
        {
            var slot = i;
            boards.Add(await ReconnectingBoard.ConnectAsync(() => Volatile.Read(ref nodes[slot]), Ct));
        }

        try
        {
            await RunAsync(settings, nodes, boards);
        }
        finally
        {
            foreach (var board in boards)
            {
                await board.DisposeAsync();
            }
        }
    }

    private async Task RunAsync(EngineSettings[] settings, EngineProcess[] nodes, List<ReconnectingBoard> boards)
    {
        // Deadlines due while the nodes restart, registered through the node restarted first.
        var deadlines = new List<(string Id, DateTimeOffset Due)>();
        foreach (var ahead in DeadlinesAhead)
        {
            deadlines.Add(await RegisterDueIn(nodes[0], ahead, $"rolling-deadline-{ahead.TotalSeconds}"));
        }

        var load = new CommandLoad(slot => Volatile.Read(ref nodes[slot]), nodes.Length, "rolling");
        using var stop = new CancellationTokenSource();
        var writers = load.RunAsync(6, stop.Token);
        try
        {
            await RestartEachAsync(settings, nodes, boards, deadlines, load, stop, writers);
        }
        finally
        {
            load.Abandon();
            await writers;
        }
    }

    private async Task RestartEachAsync(EngineSettings[] settings, EngineProcess[] nodes, List<ReconnectingBoard> boards,
        List<(string Id, DateTimeOffset Due)> deadlines, CommandLoad load, CancellationTokenSource stop, Task writers)
    {
        await WaitAcknowledgedAsync(load, 30, "before the first restart");

        var restarts = new List<string>();
        var acknowledgedBeforeStop = new List<string>[nodes.Length];
        for (var i = 0; i < nodes.Length; i++)
        {
            var before = load.Acknowledged;
            acknowledgedBeforeStop[i] = [.. load.Registered.Keys];
            var stopped = await nodes[i].StopAsync();
            Assert.Equal(0, nodes[i].ExitCode);
            var watch = Stopwatch.StartNew();
            var restarted = await StartAsSupervisedAsync(settings[i], i);
            var ready = watch.Elapsed;
            Volatile.Write(ref nodes[i], restarted);

            // Back in service: it acknowledges commands again (the writers that meet it refused moved on to the others).
            var slot = i;
            var through = load.AcknowledgedThrough(slot);
            await Eventually.Until(() => Task.FromResult(load.AcknowledgedThrough(slot)), n => n > through,
                $"node {i + 1} to acknowledge a command after its restart", TimeSpan.FromSeconds(60));
            var serving = watch.Elapsed;
            restarts.Add($"node {i + 1}: stopped in {stopped.TotalSeconds:0.0} s (exit code 0), ready {ready.TotalSeconds:0.0} s after start, "
                + $"acknowledging {serving.TotalSeconds:0.0} s after start; {load.Acknowledged - before} commands acknowledged cluster-wide meanwhile");
            output.WriteLine($"[{_clock.Elapsed.TotalSeconds:0.0} s] {restarts[^1]}");
        }

        await WaitAcknowledgedAsync(load, load.Acknowledged + 20, "after the last restart");
        await stop.CancelAsync();
        await writers;
        output.WriteLine($"[{_clock.Elapsed.TotalSeconds:0.0} s] writers stopped");

        // Every 2xx is there, in full, read through one node.
        var (found, lost) = await load.FindAllAsync(nodes[0], Ct);
        var failed = load.Failed.ToList();
        output.WriteLine($"sent {load.Sent}, acknowledged {load.Acknowledged} ({load.Registered.Count} registrations, {load.Completed.Count} completions), "
            + $"found {found}, lost {lost.Count}; failed attempts {failed.Count}: {CommandLoad.Describe(failed)}; "
            + $"{load.Retries.Count} commands acknowledged on a retry with the same key ({load.Retries.Count(r => r.Replayed)} replayed: an earlier attempt had been applied)");
        Assert.Empty(lost);
        Assert.Equal(load.Acknowledged, found);

        // What failed was a clear "try again", and nothing was left half done: each was acknowledged on a retry.
        Assert.Empty(load.Unexpected);
        Assert.Equal(failed.Select(f => f.Key).Distinct().Order(), load.Retries.Select(r => r.Key).Order());

        output.WriteLine($"[{_clock.Elapsed.TotalSeconds:0.0} s] every acknowledged command read back");

        // Deadlines: stored as overdue by the engine itself (read from the database, which wakes no grain), at their time.
        foreach (var (id, due) in deadlines)
        {
            var lag = await OverdueLagAsync(id, due);
            output.WriteLine($"deadline {id} due {due:HH:mm:ss} fired {lag.TotalSeconds:0.0} s late");
            Assert.InRange(lag, TimeSpan.FromSeconds(-1), TimeSpan.FromSeconds(30));
        }

        // Every board lost its node once, came back to it, watched again and loaded a snapshot holding every
        // acknowledged incident; pushes reach it again.
        output.WriteLine($"[{_clock.Elapsed.TotalSeconds:0.0} s] deadlines checked");
        var probe = await RegisterDueIn(nodes[1], TimeSpan.FromHours(1), "rolling-probe");
        for (var i = 0; i < boards.Count; i++)
        {
            var board = boards[i];
            await Eventually.Until(() => Task.FromResult(board.Resynchronised), n => n >= 1, $"the board on node {i + 1} to resynchronise", TimeSpan.FromSeconds(30));
            var missing = acknowledgedBeforeStop[i].Count(id => !board.Snapshot.Contains(id));
            output.WriteLine($"board on node {i + 1}: lost its connection {board.Lost} time(s), resynchronised {board.Resynchronised}; its snapshot on reconnecting: "
                + $"{board.Snapshot.Count} incidents{(board.Partial ? " (the 500 most urgent, the rest from the list's pages)" : "")}, of the {acknowledgedBeforeStop[i].Count} acknowledged before its node stopped {missing} missing");
            Assert.True(board.Lost >= 1, $"the board on node {i + 1} noticed its node restart");
            Assert.Equal(0, missing);
            await Eventually.Until(() => Task.FromResult(board.Updates(probe.Id)), n => n >= 1, $"a new incident pushed to the board on node {i + 1}", TimeSpan.FromSeconds(15));
        }

        // The snapshot a board loads now (as on any reconnect), with the list's pages when it holds only the most
        // urgent, holds every acknowledged incident.
        var (snapshot, _) = await OpenIncidents.ReadAsync(nodes[2].Http, Ct);
        Assert.DoesNotContain(load.Registered.Keys, id => !snapshot.Contains(id));
        output.WriteLine($"[{_clock.Elapsed.TotalSeconds:0.0} s] boards checked; starts that failed and were retried: {_failedStarts.Count}");
    }

    /// <summary>
    /// Starts a node again as a service manager would (systemd's Restart=on-failure): a start that ends with the
    /// process exiting is retried, up to five times, and reported; a node that cannot start in five fails the test.
    /// (A failed touch of one case used to fail the directory warm-up and with it the start; it no longer does.)
    /// </summary>
    private async Task<EngineProcess> StartAsSupervisedAsync(EngineSettings settings, int slot)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var process = await EngineProcess.StartAsync(settings);
                _processes.Add(process);
                return process;
            }
            catch (InvalidOperationException ex) when (ex.Message.StartsWith("The engine exited", StringComparison.Ordinal))
            {
                var reason = ex.Message.Split('\n').FirstOrDefault(l => l.StartsWith("Unhandled exception.", StringComparison.Ordinal)) ?? ex.Message.Split('\n')[0];
                _failedStarts.Add($"node {slot + 1}, start {attempt}: {reason}");
                output.WriteLine($"[{_clock.Elapsed.TotalSeconds:0.0} s] FAILED START of node {slot + 1}: {reason}");
                if (attempt == 5)
                {
                    throw;
                }
            }
        }
    }

    private static async Task WaitAcknowledgedAsync(CommandLoad load, int count, string when)
    {
        try
        {
            await Eventually.Until(() => Task.FromResult(load.Acknowledged), n => n >= count, $"{count} commands acknowledged {when}", TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}; failed attempts: {CommandLoad.Describe(load.Failed)}; unexpected: {string.Join("; ", load.Unexpected.Take(5).Select(a => a.Outcome))}", ex);
        }
    }

    /// <summary>Waits until the incident's stored state holds its report overdue, then says how long after the deadline that was recorded.</summary>
    private async Task<TimeSpan> OverdueLagAsync(string id, DateTimeOffset due)
    {
        var entry = await Eventually.Until(() => StoredIncident.OverdueAsync(_database!, id, "report"), e => e is not null,
            $"the overdue report of {id} stored", due + TimeSpan.FromSeconds(60) - DateTimeOffset.UtcNow);
        Assert.Equal(due, entry!.Value.At);
        return entry.Value.RecordedAt - due;
    }

    private static async Task<(string Id, DateTimeOffset Due)> RegisterDueIn(EngineProcess engine, TimeSpan dueIn, string key)
    {
        // Level IV: the initial report is due 4 h after discovery.
        var discovered = DateTimeOffset.UtcNow - TimeSpan.FromHours(4) + dueIn;
        discovered = new DateTimeOffset(discovered.Ticks - (discovered.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        using var response = await engine.Http.SendAsync(CommandLoad.Register(key, discovered), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        var report = body["obligations"]!.AsArray().Single(o => (string)o!["kind"]! == "report")!;
        return ((string)body["id"]!, report["dueAt"]!.GetValue<DateTimeOffset>());
    }
}
