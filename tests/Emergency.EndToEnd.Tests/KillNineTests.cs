using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Emergency.Testing;

namespace Emergency.EndToEnd.Tests;

/// <summary>
/// The engine as a real process, killed with SIGKILL and started again on the same storage: everything it
/// acknowledged with a 2xx is there, a deadline that passed while it was down is overdue at once, and a
/// deadline still ahead fires on time afterwards. Time here is the real clock.
/// </summary>
public abstract class KillNineTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TempDirectory _files = new("kill9");

    protected TempDirectory Files => _files;

    protected ITestOutputHelper Output { get; } = output;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await CleanupAsync();
        _files.Dispose();
        GC.SuppressFinalize(this);
    }

    protected virtual Task CleanupAsync() => Task.CompletedTask;

    protected abstract Task<EngineSettings> SettingsAsync();

    [Fact]
    public async Task Everything_acknowledged_survives_kill_minus_nine()
    {
        var settings = await SettingsAsync();
        var acknowledged = new ConcurrentDictionary<string, string>();
        var sent = 0;
        var discovered = DateTimeOffset.UtcNow.AddMinutes(-5);
        var engine = await EngineProcess.StartAsync(settings);
        await using (engine)
        {
            // Eight writers register incidents until the engine dies under them.
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var key = $"w{writer}-{i}";
                    Interlocked.Increment(ref sent);
                    try
                    {
                        using var request = Register(key, discovered);
                        using var response = await engine.Http.SendAsync(request, stop.Token);
                        if (response.StatusCode == HttpStatusCode.Created)
                        {
                            var body = await response.Content.ReadFromJsonAsync<JsonObject>(stop.Token);
                            acknowledged[(string)body!["id"]!] = key;
                        }
                    }
                    catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
                    {
                        // In flight when the process died: never acknowledged, so nothing is owed.
                    }
                }
            })).ToList();

            await Eventually.Until(() => Task.FromResult(acknowledged.Count), n => n >= 60, "60 acknowledged registrations", TimeSpan.FromSeconds(60));
            await engine.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }

        var watch = Stopwatch.StartNew();
        await using var restarted = await EngineProcess.StartAsync(settings);
        var recovery = watch.Elapsed;
        var found = 0;
        foreach (var id in acknowledged.Keys)
        {
            using var response = await restarted.Http.GetAsync($"/api/incidents/{id}", Ct);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                found++;
            }
        }

        Output.WriteLine($"sent {sent}, acknowledged {acknowledged.Count}, found after kill -9 {found}, lost {acknowledged.Count - found}; restart to ready {recovery.TotalSeconds:0.0} s");
        Assert.Equal(acknowledged.Count, found);

        // A retry of an acknowledged registration after the crash is recognised, not applied again.
        var (someId, someKey) = acknowledged.First();
        using var retry = await restarted.Http.SendAsync(Register(someKey, discovered), Ct);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(someId, (string)(await retry.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!);
    }

    [Fact]
    public async Task A_deadline_passed_while_down_is_overdue_at_start_and_one_ahead_still_fires()
    {
        var settings = await SettingsAsync();
        string whileDown, afterRestart;
        DateTimeOffset whileDownDue, afterRestartDue;
        await using (var engine = await EngineProcess.StartAsync(settings))
        {
            // Level IV: the initial report is due 4 h after discovery. Place the deadlines a few seconds ahead.
            (whileDown, whileDownDue) = await RegisterDueIn(engine, TimeSpan.FromSeconds(4), "falls-due-while-down");
            (afterRestart, afterRestartDue) = await RegisterDueIn(engine, TimeSpan.FromSeconds(25), "falls-due-after-restart");
            await engine.KillAsync();
        }

        await Eventually.Until(() => Task.FromResult(DateTimeOffset.UtcNow), now => now > whileDownDue.AddSeconds(1), "the first deadline to pass while the engine is down", TimeSpan.FromSeconds(30));
        await using var restarted = await EngineProcess.StartAsync(settings);
        var started = DateTimeOffset.UtcNow;

        // The start-up re-arm marked it before anyone asked.
        var missed = await Incident(restarted, whileDown);
        var overdue = Overdue(missed, "report");
        Assert.NotNull(overdue);
        Assert.Equal(whileDownDue, overdue!["at"]!.GetValue<DateTimeOffset>());
        Assert.True(overdue["recordedAt"]!.GetValue<DateTimeOffset>() <= started, "the overdue entry was recorded during start-up");

        // The deadline still ahead fires on the re-armed timer, within a second or two of its time.
        Assert.Null(Overdue(await Incident(restarted, afterRestart), "report"));
        var fired = await Eventually.Until(() => Incident(restarted, afterRestart), view => Overdue(view, "report") is not null,
            "the deadline ahead to fire after the restart", TimeSpan.FromSeconds(45));
        var entry = Overdue(fired, "report")!;
        var lag = entry["recordedAt"]!.GetValue<DateTimeOffset>() - afterRestartDue;
        Output.WriteLine($"deadline fired {lag.TotalMilliseconds:0} ms after it was due");
        Assert.Equal(afterRestartDue, entry["at"]!.GetValue<DateTimeOffset>());
        Assert.InRange(lag, TimeSpan.Zero, TimeSpan.FromSeconds(2));
    }

    private static async Task<(string Id, DateTimeOffset Due)> RegisterDueIn(EngineProcess engine, TimeSpan dueIn, string key)
    {
        var discovered = DateTimeOffset.UtcNow - TimeSpan.FromHours(4) + dueIn;
        discovered = new DateTimeOffset(discovered.Ticks - (discovered.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        using var response = await engine.Http.SendAsync(Register(key, discovered), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        var report = body["obligations"]!.AsArray().Single(o => (string)o!["kind"]! == "report")!;
        return ((string)body["id"]!, report["dueAt"]!.GetValue<DateTimeOffset>());
    }

    private static async Task<JsonObject> Incident(EngineProcess engine, string id) =>
        (await engine.Http.GetFromJsonAsync<JsonObject>($"/api/incidents/{id}", Ct))!;

    private static JsonNode? Overdue(JsonObject incident, string obligation) =>
        incident["timeline"]!.AsArray().FirstOrDefault(e => (string)e!["kind"]! == "obligationOverdue" && (string?)e["ref"] == obligation);

    private static HttpRequestMessage Register(string key, DateTimeOffset discoveredAt)
    {
        var body = new JsonObject
        {
            ["title"] = $"Durability {key}",
            ["region"] = "Changzhi",
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
}

public sealed class SqliteKillNineTests(ITestOutputHelper output) : KillNineTests(output)
{
    protected override Task<EngineSettings> SettingsAsync() =>
        Task.FromResult(new EngineSettings("Sqlite", $"Data Source={Files.File("engine.db")}", Files.Path));
}

public sealed class PostgresKillNineTests(ITestOutputHelper output) : KillNineTests(output)
{
    private readonly List<string> _databases = [];

    protected override async Task CleanupAsync()
    {
        foreach (var database in _databases)
        {
            await PostgresTestServer.DropDatabaseAsync(database);
        }
    }

    protected override async Task<EngineSettings> SettingsAsync()
    {
        var connectionString = await PostgresTestServer.CreateDatabaseAsync("kill9");
        _databases.Add(connectionString);
        return new EngineSettings("PostgreSql", connectionString, Files.Path);
    }
}
