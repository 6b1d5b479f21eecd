using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Emergency.Testing;

namespace Emergency.EndToEnd.Tests;

/// <summary>
/// Issue 8, "two writers for one grain state": two engine processes on the same database and ServiceId but in
/// different clusters do not see each other, so each activates the same incident and writes its state, as a
/// node cut off from its cluster would. The storage's version check (the row's Version against the writer's
/// ETag) refuses the stale writer: its command is answered 503, the stored state stays the other writer's, and
/// the stale activation is dropped, so a retry reloads the stored state and applies on top of it.
/// </summary>
public sealed class TwoWritersTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TempDirectory _files = new("two-writers");
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
    public async Task TwoWriters_the_stale_write_is_refused_by_the_version_check_and_never_overwrites()
    {
        _database = await PostgresTestServer.CreateDatabaseAsync("writers");
        var settingsA = new EngineSettings("PostgreSql", _database, _files.Path);
        await using var a = await EngineProcess.StartAsync(settingsA);
        await using var b = await EngineProcess.StartAsync(settingsA.InAnotherCluster());

        using var registered = await a.Http.SendAsync(CommandLoad.Register("split-brain", DateTimeOffset.UtcNow.AddMinutes(-5)), Ct);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var id = (string)(await registered.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!;

        // Both nodes hold an activation of the incident, loaded at the same stored version.
        Assert.NotNull(await a.Http.GetFromJsonAsync<JsonObject>($"/api/incidents/{id}", Ct));
        Assert.NotNull(await b.Http.GetFromJsonAsync<JsonObject>($"/api/incidents/{id}", Ct));
        var loaded = (await StoredIncident.ReadAsync(_database, id))!.Version;

        // A writes first.
        Assert.Equal(HttpStatusCode.OK, await CompleteAsync(a, id, "reachScene", "a-1"));
        var afterA = (await StoredIncident.ReadAsync(_database, id))!;
        Assert.Equal(loaded + 1, afterA.Version);

        // B, still at the version it loaded, writes the same state: refused, and the stored state is A's.
        using var refused = await b.Http.SendAsync(CommandLoad.DraftRelease(id, "b-1"), Ct);
        var problem = await refused.Content.ReadAsStringAsync(Ct);
        output.WriteLine($"stale writer (stored version {loaded}, now {afterA.Version}): {(int)refused.StatusCode} {refused.Content.Headers.ContentType?.MediaType} {problem}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Contains("InconsistentStateException", b.Output, StringComparison.Ordinal);
        Assert.Contains("changed at the same moment by another writer", problem, StringComparison.Ordinal);
        var afterRefusal = (await StoredIncident.ReadAsync(_database, id))!;
        Assert.Equal(afterA.Version, afterRefusal.Version);
        Assert.NotNull(afterRefusal.CompletedAt("reachScene"));
        Assert.Equal(0, afterRefusal.Releases);

        // The refused activation was dropped: B's retry with the same key reloads A's state and applies on top of it.
        using (var retried = await b.Http.SendAsync(CommandLoad.DraftRelease(id, "b-1"), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        }

        var afterB = (await StoredIncident.ReadAsync(_database, id))!;
        Assert.Equal(afterA.Version + 1, afterB.Version);
        Assert.NotNull(afterB.CompletedAt("reachScene"));
        Assert.Equal(1, afterB.Releases);

        // Now A is the stale one: the same holds the other way round.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await CompleteAsync(a, id, "startMonitoring", "a-2"));
        Assert.Equal(afterB.Version, (await StoredIncident.ReadAsync(_database, id))!.Version);
        Assert.Equal(HttpStatusCode.OK, await CompleteAsync(a, id, "startMonitoring", "a-2"));
        var last = (await StoredIncident.ReadAsync(_database, id))!;
        Assert.Equal(afterB.Version + 1, last.Version);
        Assert.All(new[] { "reachScene", "startMonitoring" }, o => Assert.NotNull(last.CompletedAt(o)));
        Assert.Equal(1, last.Releases);
        output.WriteLine($"versions: loaded by both {loaded}; A wrote {afterA.Version}; B refused, stored stayed {afterRefusal.Version}; "
            + $"B's retry wrote {afterB.Version}; A refused, then its retry wrote {last.Version}; all three completions stored");
    }

    private static async Task<HttpStatusCode> CompleteAsync(EngineProcess node, string id, string obligation, string key)
    {
        using var response = await SendCompleteAsync(node, id, obligation, key);
        return response.StatusCode;
    }

    private static Task<HttpResponseMessage> SendCompleteAsync(EngineProcess node, string id, string obligation, string key) =>
        node.Http.SendAsync(CommandLoad.Complete(id, obligation, key), Ct);
}
