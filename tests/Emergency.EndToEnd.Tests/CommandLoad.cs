using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;

using Emergency.Testing;

namespace Emergency.EndToEnd.Tests;

/// <summary>
/// A steady stream of incident commands spread over the nodes of a cluster, as clients behind a load balancer
/// send them: each writer registers an incident and completes its <c>reachScene</c>, every command with its
/// Idempotency-Key. A command refused with a retryable answer (503, connection refused or closed) is sent again
/// with the same key to the next node until it is acknowledged; any other answer is unexpected and kept for the
/// test to fail on. Every attempt is recorded with its moment, so a test can tell what happened when.
/// </summary>
public sealed class CommandLoad(Func<int, EngineProcess> node, int nodes, string prefix)
{
    private static readonly DateTimeOffset Discovered = DateTimeOffset.UtcNow.AddMinutes(-5);

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _sent;
    private volatile bool _abandoned;

    /// <summary>Registrations acknowledged: incident id → the node slot that answered and the obligations it reported.</summary>
    public ConcurrentDictionary<string, (int Node, int Obligations)> Registered { get; } = new();

    /// <summary>Completions acknowledged: incident id → the node slot that answered.</summary>
    public ConcurrentDictionary<string, int> Completed { get; } = new();

    /// <summary>Every answer, in the order they came.</summary>
    public ConcurrentQueue<Attempt> Attempts { get; } = new();

    /// <summary>Commands that failed at least once and were then acknowledged on a retry with the same key.</summary>
    public ConcurrentBag<Retried> Retries { get; } = [];

    /// <summary>Commands sent (each counted once, however many times it was retried).</summary>
    public int Sent => _sent;

    public int Acknowledged => Registered.Count + Completed.Count;

    /// <summary>Time since the load was created, the scale of <see cref="Attempt.At"/>.</summary>
    public TimeSpan Now => _clock.Elapsed;

    public IEnumerable<Attempt> Failed => Attempts.Where(a => !a.Succeeded);

    /// <summary>Answers that are neither an acknowledgement nor a retryable refusal.</summary>
    public IEnumerable<Attempt> Unexpected => Attempts.Where(a => !a.Succeeded && !a.Retryable);

    public int AcknowledgedThrough(int slot) => Registered.Count(r => r.Value.Node == slot) + Completed.Count(c => c.Value == slot);

    public static HttpRequestMessage Register(string key, DateTimeOffset discoveredAt)
    {
        var body = new JsonObject
        {
            ["title"] = $"Cluster {key}",
            ["region"] = "Jinzhong",
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

    public static HttpRequestMessage Complete(string id, string obligation, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/incidents/{id}/obligations/{obligation}/complete")
        {
            Content = JsonContent.Create(new JsonObject { ["note"] = "team on site" }),
        };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    /// <summary>Drafts a release (a move with no prerequisite, as a second writer's).</summary>
    public static HttpRequestMessage DraftRelease(string id, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/incidents/{id}/draftRelease")
        {
            Content = JsonContent.Create(new JsonObject { ["audience"] = "public", ["headline"] = "晋中市突发环境事件通报", ["text"] = "正在处置。" }),
        };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    /// <summary>Stops every writer at once, even in the middle of retrying a command: for a test that has failed.</summary>
    public void Abandon() => _abandoned = true;

    /// <summary>Starts the writers; disposing the result abandons them (a test that failed half way leaves none behind).</summary>
    public Running Start(int writers, CancellationToken stop) => new(this, RunAsync(writers, stop));

    /// <summary>Runs <paramref name="writers"/> writers until <paramref name="stop"/>; a command already started is carried to its acknowledgement.</summary>
    public Task RunAsync(int writers, CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(() => WriteAsync(w, stop), CancellationToken.None)));

    /// <summary>
    /// Reads every acknowledged command back through <paramref name="reader"/>: a registration is found when the
    /// incident answers with all its obligations, a completion when its <c>reachScene</c> is completed.
    /// </summary>
    /// <returns>How many acknowledged commands were found, and a description of each one that was not.</returns>
    public async Task<(int Found, IReadOnlyList<string> Lost)> FindAllAsync(EngineProcess reader, CancellationToken cancellationToken)
    {
        var found = 0;
        var lost = new ConcurrentBag<string>();
        var reading = new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Registered, reading, async (registered, ct) =>
        {
            var (id, (_, obligations)) = registered;
            using var response = await reader.Http.GetAsync($"/api/incidents/{id}", ct);
            var view = response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonObject>(ct) : null;
            if (view?["obligations"]?.AsArray().Count == obligations)
            {
                Interlocked.Increment(ref found);
            }
            else
            {
                lost.Add($"registration of {id}: {(int)response.StatusCode}");
            }

            if (Completed.ContainsKey(id))
            {
                var scene = view?["obligations"]?.AsArray().FirstOrDefault(o => (string?)o?["kind"] == "reachScene")?["status"];
                if ((string?)scene == "completed")
                {
                    Interlocked.Increment(ref found);
                }
                else
                {
                    lost.Add($"reachScene of {id}: {scene?.ToString() ?? "absent"}");
                }
            }
        });

        return (found, [.. lost]);
    }

    private async Task WriteAsync(int writer, CancellationToken stop)
    {
        var slot = writer % nodes;
        for (var i = 0; !stop.IsCancellationRequested && !_abandoned; i++)
        {
            var key = $"{prefix}-w{writer}-{i}";
            Interlocked.Increment(ref _sent);
            var (registered, registeredBy) = await SendUntilAcknowledgedAsync("register", key, slot, () => Register(key, Discovered));
            if (registered is null)
            {
                // Unexpected (kept in Attempts for the test to fail on): carry on with the next command.
                slot = (registeredBy + 1) % nodes;
                continue;
            }

            var id = (string)registered["id"]!;
            Registered[id] = (registeredBy, registered["obligations"]!.AsArray().Count);
            slot = (registeredBy + 1) % nodes;

            Interlocked.Increment(ref _sent);
            var (completed, completedAt) = await SendUntilAcknowledgedAsync("complete", key + "-scene", slot, () => Complete(id, "reachScene", key + "-scene"));
            if (completed is not null)
            {
                Completed[id] = completedAt;
            }
            slot = (completedAt + 1) % nodes;
        }
    }

    /// <returns>The acknowledged body and the slot that answered; null when the command could not be acknowledged within two minutes.</returns>
    private async Task<(JsonObject? Body, int Slot)> SendUntilAcknowledgedAsync(string kind, string key, int slot, Func<HttpRequestMessage> request)
    {
        var giveUp = _clock.Elapsed + TimeSpan.FromMinutes(2);
        var failures = new List<string>();
        while (_clock.Elapsed < giveUp && !_abandoned)
        {
            var (outcome, body, replayed) = await SendOnceAsync(node(slot), request);
            var attempt = new Attempt(_clock.Elapsed, slot, kind, key, outcome);
            Attempts.Enqueue(attempt);
            if (attempt.Succeeded)
            {
                if (failures.Count > 0)
                {
                    Retries.Add(new Retried(kind, key, failures, replayed));
                }

                return (body, slot);
            }

            failures.Add(outcome);
            if (!attempt.Retryable)
            {
                return (null, slot);
            }

            slot = (slot + 1) % nodes;
            await Task.Delay(100, CancellationToken.None);
        }

        return (null, slot);
    }

    private static async Task<(string Outcome, JsonObject? Body, bool Replayed)> SendOnceAsync(EngineProcess engine, Func<HttpRequestMessage> request)
    {
        try
        {
            using var message = request();
            using var response = await engine.Http.SendAsync(message, CancellationToken.None);
            var text = await response.Content.ReadAsStringAsync(CancellationToken.None);
            var status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            if (!response.IsSuccessStatusCode)
            {
                var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json" ? JsonNode.Parse(text) : null;
                return ($"{status} {(string?)problem?["title"] ?? text}", null, false);
            }

            var replayed = response.Headers.TryGetValues("Idempotent-Replayed", out var values) && values.Single() == "true";
            return (status, JsonNode.Parse(text) as JsonObject, replayed);
        }
        catch (HttpRequestException ex) when (ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
        {
            return (Attempt.ConnectionRefused, null, false);
        }
        catch (HttpRequestException ex)
        {
            // The connection closed under the request (a pooled connection to a node that went away): not answered.
            return ($"{Attempt.ConnectionClosed}: {ex.Message}", null, false);
        }
        catch (TaskCanceledException)
        {
            return (Attempt.NoAnswer, null, false);
        }
    }

    /// <summary>Writers running; <see cref="Task"/> ends when they have stopped.</summary>
    public sealed class Running(CommandLoad load, Task task) : IAsyncDisposable
    {
        public Task Task => task;

        public async ValueTask DisposeAsync()
        {
            load.Abandon();
            await task;
        }
    }

    /// <summary>One answer to one command: an HTTP status with the problem's title, or what happened to the connection.</summary>
    public sealed record Attempt(TimeSpan At, int Node, string Kind, string Key, string Outcome)
    {
        public const string ConnectionRefused = "connection refused";
        public const string ConnectionClosed = "connection closed";
        public const string NoAnswer = "no answer within 30 s";

        public bool Succeeded => Outcome is "200" or "201";

        /// <summary>A clear "try again": 503, or a node that is not there (refused, closed before answering, silent).</summary>
        public bool Retryable => Outcome.StartsWith("503", StringComparison.Ordinal) || Outcome.StartsWith(ConnectionRefused, StringComparison.Ordinal)
            || Outcome.StartsWith(ConnectionClosed, StringComparison.Ordinal) || Outcome == NoAnswer;

        /// <summary>The outcome without its detail, for counting.</summary>
        public string Class => Outcome.StartsWith("503", StringComparison.Ordinal) ? "503" : Outcome.Split(':')[0];
    }

    /// <summary>A command acknowledged on a retry: <see cref="Replayed"/> when an earlier attempt had in fact been applied.</summary>
    public sealed record Retried(string Kind, string Key, IReadOnlyList<string> Failures, bool Replayed);

    /// <summary>Counts of an attempt list by class, e.g. "12 × 503, 3 × connection refused".</summary>
    public static string Describe(IEnumerable<Attempt> attempts) =>
        string.Join(", ", attempts.GroupBy(a => a.Class).OrderByDescending(g => g.Count()).Select(g => $"{g.Count()} × {g.Key}")) is { Length: > 0 } text ? text : "none";
}
