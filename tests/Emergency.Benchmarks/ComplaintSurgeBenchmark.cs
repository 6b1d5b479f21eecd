using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Emergency.Benchmarks;

/// <summary>
/// A surge of complaints through the HTTP API, paced at a target rate (10,000 a minute by default) about a few
/// hundred enterprises, on the embedded default: each is registered, made durable and counted by the early warning
/// before it is acknowledged. Counts sent, acknowledged and found afterwards in the open list (none may be lost),
/// the registration latency, the time from the first send to the first warning, each warning's time from sending the
/// fifth complaint about its enterprise to its being listed, and the warnings raised (one per enterprise). Arguments: [complaints] [enterprises] [per minute] [sqlite|postgres] [--engine-process] [--warmup N];
/// the warm-up sends N complaints first, unmeasured (four per enterprise of its own, so none raises a warning). PostgreSQL
/// runs in a fresh database on the server of EMERGENCY_TEST_POSTGRES, dropped afterwards. CPU is counted from the first
/// send to the last answer: the benchmark's process (engine and clients, or the clients alone with
/// <c>--engine-process</c>, which runs the engine in a process of its own), the engine's, and PostgreSQL's; so are the
/// engine's allocations and garbage collections (the clients' included when in one process), which the load does not move.
/// </summary>
public sealed class ComplaintSurgeBenchmark : IBenchmark
{
    private const int InFlight = 64;

    private const string EngineProcessOption = "--engine-process";

    private const string WarmUpOption = "--warmup";

    /// <summary>The names of the surge's enterprises start so; the warm-up's do not.</summary>
    private const string SurgeEnterprise = "Enterprise ";

    public async Task<BenchmarkReport> RunAsync(string[] args)
    {
        var separate = args.Contains(EngineProcessOption);
        var warmUpAt = Array.IndexOf(args, WarmUpOption);
        var warmUp = warmUpAt >= 0 && warmUpAt + 1 < args.Length ? int.Parse(args[warmUpAt + 1], CultureInfo.InvariantCulture) : 0;
        args = [.. args.Where((a, i) => a != EngineProcessOption && (warmUpAt < 0 || (i != warmUpAt && i != warmUpAt + 1)))];
        var complaints = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        var enterprises = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 300;
        var perMinute = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10_000;
        var postgres = args.Length > 3 && args[3] == "postgres";

        var database = postgres ? await BenchPostgres.FreshDatabaseAsync() : null;
        try
        {
            return await RunAsync(complaints, enterprises, perMinute, database, separate, warmUp);
        }
        finally
        {
            if (database is not null)
            {
                await BenchPostgres.DropAsync(database);
            }
        }
    }

    private static async Task<BenchmarkReport> RunAsync(int complaints, int enterprises, int perMinute, string? database, bool separate, int warmUp)
    {
        await using var engine = await SurgeEngine.StartAsync(database, separate);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = InFlight }) { BaseAddress = engine.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "petition-dev-token");

        var acknowledged = new ConcurrentDictionary<string, byte>();
        var failures = new ConcurrentBag<string>();
        var receivedAt = DateTimeOffset.Now.AddMinutes(-1).ToString("O", CultureInfo.InvariantCulture);
        if (warmUp > 0)
        {
            // Four complaints about each warm-up enterprise: one short of a warning, so the measured warnings are the surge's own.
            await SurgeAsync(http, warmUp, perMinute, n => ($"warmup-{n}", $"Warm-up enterprise {n / 4:D5}", $"139{n:D8}"), receivedAt, acknowledged, failures);
            Console.Error.WriteLine($"complaints: {warmUp} warm-up complaints sent, {acknowledged.Count} acknowledged");
        }

        var warmedUp = acknowledged.Count;
        var loadBefore = LoadAverage.Now();
        var processCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var engineCpu = engine.CpuTime;
        var engineGc = await engine.GcAsync();
        var serverCpu = ServerCpu.Milliseconds("postgres");
        var started = Stopwatch.GetTimestamp();
        using var watching = new CancellationTokenSource();
        var seen = new ConcurrentDictionary<string, long>();
        var watch = WatchWarningsAsync(http, seen, enterprises, watching.Token);

        // The complaints that can raise a warning: the fifth about each enterprise (round robin), n in [4E, 5E).
        var fifthSent = new long[enterprises];
        var latencies = await SurgeAsync(
            http, complaints, perMinute, n => ($"surge-{n}", $"{SurgeEnterprise}{n % enterprises:D3}", $"138{n:D8}"), receivedAt, acknowledged, failures,
            n => n / enterprises == 4 ? fifthSent : null, enterprises);
        var elapsed = Stopwatch.GetElapsedTime(started);
        processCpu = Process.GetCurrentProcess().TotalProcessorTime - processCpu;
        engineCpu = engine.CpuTime - engineCpu;
        engineGc = await engine.GcAsync() - engineGc;
        serverCpu = database is null ? double.NaN : ServerCpu.Milliseconds("postgres") - serverCpu;
        var loadAfter = LoadAverage.Now();
        await Task.WhenAny(watch, Task.Delay(TimeSpan.FromSeconds(30)));
        await watching.CancelAsync();
        await watch;

        // Each warning: from sending the fifth complaint about its enterprise to the first answer of the list that held it.
        var toListed = Enumerable.Range(0, enterprises)
            .Where(e => fifthSent[e] != 0 && seen.ContainsKey(Subject(e)))
            .Select(e => Stopwatch.GetElapsedTime(fifthSent[e], seen[Subject(e)]).TotalMilliseconds)
            .Order().ToList();
        var toFirstWarning = seen.IsEmpty ? (TimeSpan?)null : Stopwatch.GetElapsedTime(started, seen.Values.Min());
        // The open list, every page of it (the Link header's next), each page's time shown: a page costs the same
        // however many cases are open.
        var listing = Stopwatch.GetTimestamp();
        var (listed, pages, slowestPage) = await OpenListPages.ReadAllAsync(http, "/api/disputes?limit=1000");
        Console.Error.WriteLine($"complaints: the open list ({listed.Count} cases, {pages} pages) read in {Stopwatch.GetElapsedTime(listing).TotalSeconds:0.0} s, slowest page {slowestPage.TotalMilliseconds:0} ms");
        var found = acknowledged.Keys.Count(listed.Contains);
        var warnings = (await http.GetFromJsonAsync<JsonArray>("/api/warnings"))!.Where(IsTheSurges).ToList();
        var sorted = latencies.Order().ToList();
        var ms = (double v) => v.ToString("0.0", CultureInfo.InvariantCulture);
        Console.Error.WriteLine(string.Join("\n", failures.Take(5)));
        var listedMs = (double p) => toListed.Count == 0 ? "—" : Percentiles.Of(toListed, p).ToString("0", CultureInfo.InvariantCulture);
        var perComplaint = (double cpuMs) => double.IsNaN(cpuMs) ? "—" : (cpuMs / complaints).ToString("0.00", CultureInfo.InvariantCulture);
        return new BenchmarkReport(
            "complaints",
            $"{(database is null ? "SQLite (embedded default)" : "PostgreSQL (fresh database)")}, {(engine.Separate ? "the engine in a process of its own" : "one process (engine and clients)")}; {complaints} complaints about {enterprises} enterprises at a target of {perMinute}/min, at most {InFlight} in flight, after {warmUp} warm-up complaints ({warmedUp} acknowledged; four per enterprise, no warning); early warning 5 within 7 days; CPU from the first send to the last answer",
            ["sent", "acknowledged", "found (with the warm-up's)", "lost", "failed", "achieved /min", "register p50 ms", "p95 ms", "p99 ms", "first warning after s", "5th complaint to listed p50 ms", "p99 ms", "max ms", "listed within 1 s", "warnings",
                "CPU s (this process)", "engine CPU ms/complaint", "clients' CPU ms/complaint", "PG CPU ms/complaint",
                "engine KB allocated/complaint", "engine GC gen0/1/2", "engine GC paused ms/complaint", "engine methods JIT-compiled", "engine JIT ms/complaint", "load before", "load after"],
            [[
                complaints.ToString(CultureInfo.InvariantCulture),
                (acknowledged.Count - warmedUp).ToString(CultureInfo.InvariantCulture),
                found.ToString(CultureInfo.InvariantCulture),
                (acknowledged.Count - found).ToString(CultureInfo.InvariantCulture),
                failures.Count.ToString(CultureInfo.InvariantCulture),
                (complaints / elapsed.TotalMinutes).ToString("0", CultureInfo.InvariantCulture),
                ms(Percentiles.Of(sorted, 50)),
                ms(Percentiles.Of(sorted, 95)),
                ms(Percentiles.Of(sorted, 99)),
                toFirstWarning is { } first ? first.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) : "none",
                listedMs(50),
                listedMs(99),
                listedMs(100),
                toListed.Count(t => t <= 1000).ToString(CultureInfo.InvariantCulture),
                warnings.Count.ToString(CultureInfo.InvariantCulture),
                processCpu.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture),
                perComplaint(engineCpu.TotalMilliseconds),
                engine.Separate ? perComplaint(processCpu.TotalMilliseconds) : "(in the engine's)",
                perComplaint(serverCpu),
                (engineGc.AllocatedBytes / 1024.0 / complaints).ToString("0.0", CultureInfo.InvariantCulture),
                $"{engineGc.Gen0}/{engineGc.Gen1}/{engineGc.Gen2}",
                (engineGc.Paused.TotalMilliseconds / complaints).ToString("0.000", CultureInfo.InvariantCulture),
                engineGc.JitMethods.ToString(CultureInfo.InvariantCulture),
                (engineGc.JitTime.TotalMilliseconds / complaints).ToString("0.000", CultureInfo.InvariantCulture),
                loadBefore,
                loadAfter,
            ]]);
    }

    /// <summary>
    /// Sends <paramref name="count"/> complaints paced at <paramref name="perMinute"/>, at most <see cref="InFlight"/> at
    /// once; complaint n gets its key, enterprise and contact from <paramref name="shape"/>. Returns the latencies of the
    /// acknowledged ones; records when complaint n was sent in slot n % <paramref name="slots"/> of the array that
    /// <paramref name="marked"/> gives for it, if it gives one.
    /// </summary>
    private static async Task<List<double>> SurgeAsync(
        HttpClient http, int count, int perMinute, Func<int, (string Key, string Enterprise, string Contact)> shape, string receivedAt,
        ConcurrentDictionary<string, byte> acknowledged, ConcurrentBag<string> failures, Func<int, long[]?>? marked = null, int slots = 1)
    {
        var latencies = new ConcurrentBag<double>();
        var interval = TimeSpan.FromMinutes(1) / perMinute;
        using var gate = new SemaphoreSlim(InFlight);
        var sends = new List<Task>(count);
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var wait = interval * i - Stopwatch.GetElapsedTime(started);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            await gate.WaitAsync();
            var n = i;
            sends.Add(Task.Run(async () =>
            {
                try
                {
                    var sent = Stopwatch.GetTimestamp();
                    if (marked?.Invoke(n) is { } sentAt)
                    {
                        sentAt[n % slots] = sent;
                    }

                    var (key, enterprise, contact) = shape(n);
                    var id = await RegisterAsync(http, key, enterprise, contact, receivedAt, failures);
                    if (id is not null)
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                        acknowledged.TryAdd(id, 0);
                    }
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        await Task.WhenAll(sends);
        return [.. latencies];
    }

    /// <summary>A warning about one of the surge's enterprises (not a warm-up one).</summary>
    private static bool IsTheSurges(JsonNode? warning) =>
        warning?["subject"]?.GetValue<string>().StartsWith(SurgeEnterprise, StringComparison.Ordinal) == true;

    /// <summary>Registers one complaint, retrying with the same key after a failure; the id, or null when it never went through.</summary>
    private static async Task<string?> RegisterAsync(HttpClient http, string key, string enterprise, string contact, string receivedAt, ConcurrentBag<string> failures)
    {
        var body = new JsonObject
        {
            ["channel"] = "hotline12369",
            ["receivedBy"] = "department",
            ["receivedAt"] = receivedAt,
            ["unit"] = "Changzhi EPB petition office",
            ["complainant"] = new JsonObject { ["contact"] = contact },
            ["subject"] = new JsonObject { ["enterprise"] = enterprise, ["region"] = "Changzhi" },
            ["content"] = "Black smoke at night.",
        };
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/disputes") { Content = JsonContent.Create(body) };
                request.Headers.Add("Idempotency-Key", key);
                using var response = await http.SendAsync(request);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
                }

                failures.Add($"{key}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                failures.Add($"{key}: {ex.GetType().Name}");
            }
        }

        return null;
    }

    private static string Subject(int enterprise) => $"{SurgeEnterprise}{enterprise:D3}";

    /// <summary>Polls the warning list until every surge enterprise has its warning; records when each was first seen.</summary>
    private static async Task WatchWarningsAsync(HttpClient http, ConcurrentDictionary<string, long> seen, int enterprises, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested && seen.Count < enterprises)
        {
            try
            {
                var warnings = await http.GetFromJsonAsync<JsonArray>("/api/warnings", cancellationToken);
                var now = Stopwatch.GetTimestamp();
                foreach (var warning in warnings?.Where(IsTheSurges) ?? [])
                {
                    seen.TryAdd(warning!["subject"]!.GetValue<string>(), now);
                }

                await Task.Delay(50, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
