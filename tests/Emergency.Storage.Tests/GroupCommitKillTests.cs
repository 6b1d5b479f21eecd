using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Emergency.Storage.Tests.Infrastructure;
using Emergency.Testing;

namespace Emergency.Storage.Tests;

/// <summary>
/// Group commit acknowledges a write only after its transaction committed: the real engine, as a process of its
/// own with <c>Storage:Commit=group</c>, is killed with SIGKILL under eight concurrent writers, and every
/// registration it acknowledged is in the database afterwards.
/// </summary>
public abstract class GroupCommitKillTests(ITestOutputHelper output)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private protected abstract Task<TestDatabase> CreateDatabaseAsync();

    [Fact]
    public async Task Every_registration_acknowledged_before_kill_minus_nine_is_stored()
    {
        await using var db = await CreateDatabaseAsync();
        db.Options.Commit = CommitMode.Group;
        using var files = new TempDirectory("group-kill");
        var acknowledged = new ConcurrentBag<string>();
        var sent = 0;
        var settings = new EngineSettings(db.Options.Provider.ToString(), db.Options.ConnectionString, files.Path)
        {
            ServiceId = "group-kill",
            Extra = [("Storage:Commit", "group")],
        };
        await using (var engine = await EngineProcess.StartAsync(settings))
        {
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    Interlocked.Increment(ref sent);
                    try
                    {
                        using var response = await engine.Http.PostAsJsonAsync("/api/incidents", new JsonObject
                        {
                            ["title"] = $"Kill test {writer}",
                            ["region"] = "Test",
                            ["discoveredAt"] = DateTimeOffset.UtcNow.AddMinutes(-5).ToString("O", CultureInfo.InvariantCulture),
                            ["sourceChannel"] = "patrol",
                            ["facts"] = new JsonObject { ["deaths"] = 0 },
                        }, stop.Token);
                        if (response.StatusCode == HttpStatusCode.Created)
                        {
                            acknowledged.Add((string)(await response.Content.ReadFromJsonAsync<JsonObject>(stop.Token))!["id"]!);
                        }
                    }
                    catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or System.Net.Sockets.SocketException or IOException)
                    {
                        // In flight when the process died: never acknowledged, so nothing is owed. A connection cut during
                        // its opening can surface as a bare SocketException rather than an HttpRequestException.
                    }
                }
            }, CancellationToken.None)).ToList();

            await Eventually.Until(() => Task.FromResult(acknowledged.Count), n => n >= 60, "60 acknowledged registrations", TimeSpan.FromSeconds(60));
            await engine.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(writers);
            Assert.Contains("commits writes in groups", engine.Output, StringComparison.Ordinal);
        }

        var ids = acknowledged.ToList();
        var stored = await db.CountAsync(
            "SELECT COUNT(*) FROM GrainState WHERE ServiceId = 'group-kill' AND StateName = 'incident' AND PayloadBinary IS NOT NULL " +
            $"AND KeyExtension IN ({string.Join(", ", ids.Select(id => $"'{id}'"))})", Ct);
        output.WriteLine($"sent {sent}, acknowledged {ids.Count}, stored after kill -9 {stored}");
        Assert.Equal(ids.Count, stored);
    }
}

public sealed class SqliteGroupCommitKillTests(ITestOutputHelper output) : GroupCommitKillTests(output)
{
    private protected override Task<TestDatabase> CreateDatabaseAsync() => SqliteTestDatabase.CreateAsync();
}

public sealed class PostgreSqlGroupCommitKillTests(ITestOutputHelper output) : GroupCommitKillTests(output)
{
    private protected override Task<TestDatabase> CreateDatabaseAsync() => PostgresTestDatabase.CreateAsync();
}
