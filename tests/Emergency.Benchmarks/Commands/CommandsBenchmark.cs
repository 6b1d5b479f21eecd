using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Emergency.Domain;
using Emergency.Domain.Incidents;
using Emergency.Domain.Rules;
using Emergency.Host.Hosting;
using Npgsql;

namespace Emergency.Benchmarks.Commands;

/// <summary>
/// Incident commands against many distinct incidents at several concurrency levels: over HTTP and through the
/// Orleans client on the real engine (SQLite and PostgreSQL, each commit mode asked for), the plain alternative
/// (one SQL transaction per command on the same PostgreSQL), and the storage ceiling (raw single-row upserts on
/// the same databases), all in one run. Options: <c>--duration</c> and <c>--warmup</c> seconds per row,
/// <c>--concurrency 1,10,100</c>, <c>--incidents</c> (the updates go to this many incidents, the cases in active work),
/// <c>--databases sqlite,postgres</c>, <c>--commit perWrite,group</c>, <c>--paths memory,http,orleans,plain,ceiling</c>,
/// <c>--settings Key=Value,…</c> engine settings for the engine rows (e.g. <c>Telemetry:Dashboard:Enabled=false</c>), <c>--engine-warmup</c> seconds of unmeasured mixed commands on each engine and the plain alternative before their rows (default 30), <c>--commands register,updateFacts</c> (without <c>register</c>, incidents are still registered, unmeasured),
/// <c>--committers N</c> (group commit on PostgreSQL; default: the engine's), <c>--preload N</c> (N incidents registered,
/// unmeasured, before the measured registrations: what a registration costs with that many open cases).
/// </summary>
public sealed class CommandsBenchmark : IBenchmark
{
    private readonly List<Measurement> _measurements = [];

    public async Task<BenchmarkReport> RunAsync(string[] args)
    {
        var options = new BenchArgs(args);
        var duration = TimeSpan.FromSeconds(options.Seconds("duration", 10));
        var warmUp = TimeSpan.FromSeconds(options.Seconds("warmup", 2));
        var engineWarmUp = TimeSpan.FromSeconds(options.Seconds("engine-warmup", 30));
        var levels = options.Ints("concurrency", "1,10,100");
        var incidents = Math.Max(options.Int("incidents", 2000), levels.Max());
        var databases = options.List("databases", "sqlite,postgres");
        var commits = options.List("commit", "perWrite,group");
        var paths = options.List("paths", "memory,http,orleans,plain,ceiling");
        var commands = options.List("commands", "register,updateFacts");
        var committers = options.Text("committers", "") is { Length: > 0 } c ? c : null;
        var preload = options.Int("preload", 0);
        var settings = options.List("settings", "").Select(setting => $"--{setting}").ToArray();
        var run = new Run(duration, warmUp, engineWarmUp, levels, incidents, commands, _measurements, preload);
        if (databases.Contains("postgres"))
        {
            _ = BenchDatabases.AdminConnectionString; // fail now, not after the SQLite rows
        }

        var catalog = RuleSetLoader.Load(Path.Combine(EngineHost.DefaultConfigDirectory, "rules", "incidents"));
        var payload = SamplePayload(catalog);
        var notes = new List<string>();
        if (paths.Contains("memory"))
        {
            await run.InMemory(catalog);
        }

        var scratch = Directory.CreateTempSubdirectory("emergency-bench-commands-").FullName;
        try
        {
            foreach (var database in databases)
            {
                var provider = database == "postgres" ? "PostgreSql" : "Sqlite";
                if (database == "postgres")
                {
                    var probe = await BenchDatabases.CreateAsync("probe");
                    notes.Add($"PostgreSQL: synchronous_commit {await BenchDatabases.DurabilityAsync(probe)}");
                    await BenchDatabases.DropAsync(probe);
                }

                foreach (var commit in commits)
                {
                    if (paths.Contains("http") || paths.Contains("orleans"))
                    {
                        var connectionString = database == "postgres"
                            ? await BenchDatabases.CreateAsync("engine")
                            : $"Data Source={Path.Combine(scratch, $"engine-{commit}.db")}";
                        try
                        {
                            await RunEngine(run, database, provider, commit, connectionString, paths, database == "postgres" ? committers : null, settings);
                        }
                        finally
                        {
                            if (database == "postgres")
                            {
                                await BenchDatabases.DropAsync(connectionString);
                            }
                        }
                    }
                }

                if (database == "postgres" && paths.Contains("plain"))
                {
                    var plain = await BenchDatabases.CreateAsync("plain");
                    try
                    {
                        await RunPlain(run, plain, catalog);
                    }
                    finally
                    {
                        await BenchDatabases.DropAsync(plain);
                    }
                }

                if (paths.Contains("ceiling"))
                {
                    await RunCeiling(run, database, scratch, payload);
                }
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }

        return new BenchmarkReport(
            "commands",
            $"closed loop: each client sends its next command when the previous one is answered; each engine (and the plain alternative) first runs {engineWarmUp.TotalSeconds:0.#} s of mixed registrations and updates, unmeasured; {warmUp.TotalSeconds:0.#} s warm-up then {duration.TotalSeconds:0.#} s measured per row; " +
            $"updates spread over {incidents:N0} distinct incidents, each client on its own incidents; {preload:N0} incidents registered before the measured registrations; engine in this process (server GC), clients in the same process; " +
            "CPU ms/op = this process's CPU time (engine and clients) over every command sent in the row; alloc KB/op = the bytes this process allocated over the same commands; PG CPU ms/op = the local PostgreSQL server's processes' CPU time over the same commands; " +
            $"{(settings.Length == 0 ? "" : $"engine settings {string.Join(' ', settings)}; ")}SQLite WAL synchronous=FULL; ceiling payload {payload.Length:N0} bytes (a freshly registered incident); {string.Join("; ", notes)}",
            ["database", "commit", "path", "command", "clients", "ok/s", "p50 ms", "p99 ms", "refused+failed", "vs plain", "vs ceiling", "CPU ms/op", "alloc KB/op", "PG CPU ms/op", "load"],
            Rows());
    }

    private static async Task RunEngine(Run run, string database, string provider, string commit, string connectionString, IReadOnlyList<string> paths, string? committers, string[] settings)
    {
        string[] extra = [$"--Storage:Commit={commit}", .. committers is null || commit != "group" ? [] : new[] { $"--Storage:Committers={committers}" }, .. settings];
        await using var engine = await BenchEngine.StartAsync(provider, connectionString, extra);
        using var http = new HttpCommandTarget(engine.BaseAddress);
        var grains = new GrainCommandTarget(engine.Grains, engine.Fresh);
        var targets = new List<(string Path, ICommandTarget Target)>();
        if (paths.Contains("http"))
        {
            targets.Add(("http", http));
        }

        if (paths.Contains("orleans"))
        {
            targets.Add(("orleans", grains));
        }

        var pool = new ConcurrentBag<string>();
        await run.WarmUp([.. targets.Select(t => t.Target)]);
        await run.Preload(grains, pool);
        foreach (var (path, target) in targets)
        {
            await run.Registrations(database, commit, path, target, pool);
        }

        var ids = await run.TopUp(grains, pool);
        foreach (var (path, target) in targets)
        {
            await run.Updates(database, commit, path, target, ids);
        }
    }

    private static async Task RunPlain(Run run, string connectionString, RuleSetCatalog catalog)
    {
        await using var database = NpgsqlDataSource.Create(Prepared(connectionString));
        await using (var create = database.CreateCommand(PlainSqlTarget.Schema))
        {
            await create.ExecuteNonQueryAsync();
        }

        var plain = new PlainSqlTarget(database, catalog);
        await run.WarmUp([plain]);
        var pool = new ConcurrentBag<string>();
        await run.Preload(plain, pool);
        await run.Registrations("postgres", "-", "plain SQL", plain, pool);
        var ids = await run.TopUp(plain, pool);
        await run.Updates("postgres", "-", "plain SQL", plain, ids);
    }

    private static async Task RunCeiling(Run run, string database, string scratch, byte[] payload)
    {
        if (database == "postgres")
        {
            var connectionString = await BenchDatabases.CreateAsync("ceiling");
            try
            {
                await using var source = NpgsqlDataSource.Create(Prepared(connectionString));
                await using (var create = source.CreateCommand(PostgresUpsertTarget.Schema))
                {
                    await create.ExecuteNonQueryAsync();
                }

                await run.Upserts(database, new PostgresUpsertTarget(source, payload));
            }
            finally
            {
                await BenchDatabases.DropAsync(connectionString);
            }
        }
        else
        {
            var connectionString = $"Data Source={Path.Combine(scratch, "ceiling.db")}";
            await SqliteUpsertTarget.CreateAsync(connectionString);
            await run.Upserts(database, new SqliteUpsertTarget(connectionString, payload));
        }
    }

    /// <summary>
    /// The plain alternative and the ceiling prepare their statements as the engine's group commit does (Npgsql's
    /// automatic preparation), so that no side pays for parsing and planning that the others skip.
    /// </summary>
    private static string Prepared(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 8 }.ConnectionString;

    private static byte[] SamplePayload(RuleSetCatalog catalog)
    {
        var now = DateTimeOffset.UtcNow;
        var (incident, _) = Incident.Register("inc-sample", "live", BenchCommands.Report(now), new Actor("bench", Role.DutyCommander), catalog, now);
        return JsonSerializer.SerializeToUtf8Bytes(incident!.State, StoredJson.Options);
    }

    private List<IReadOnlyList<string>> Rows()
    {
        string Ratio(double a, Measurement? b) => b is null || b.Result.PerSecond == 0 ? "" : (a / b.Result.PerSecond).ToString("0.00", CultureInfo.InvariantCulture) + "x";
        return _measurements.Select(m =>
        {
            var plain = m.Path == "plain SQL" || m.Path == "ceiling" ? null : _measurements.FirstOrDefault(p =>
                p.Path == "plain SQL" && p.Database == m.Database && p.Command == m.Command && p.Result.Clients == m.Result.Clients);
            var ceiling = m.Path == "ceiling" ? null : _measurements.FirstOrDefault(p =>
                p.Path == "ceiling" && p.Database == m.Database && p.Result.Clients == m.Result.Clients);
            return (IReadOnlyList<string>)
            [
                m.Database, m.Commit, m.Path, m.Command, m.Result.Clients.ToString(CultureInfo.InvariantCulture), m.Result.Throughput,
                Percentiles.Ms(m.Result.P50), Percentiles.Ms(m.Result.P99),
                $"{m.Result.Refused}", Ratio(m.Result.PerSecond, plain), Ratio(m.Result.PerSecond, ceiling),
                m.CpuMs.ToString("0.00", CultureInfo.InvariantCulture), m.AllocatedKb.ToString("0.0", CultureInfo.InvariantCulture),
                double.IsNaN(m.ServerCpuMs) ? "" : m.ServerCpuMs.ToString("0.00", CultureInfo.InvariantCulture), m.Load,
            ];
        }).ToList();
    }

    private sealed record Measurement(string Database, string Commit, string Path, string Command, LoadResult Result, string Load, double CpuMs, double AllocatedKb, double ServerCpuMs);

    private sealed class Run(TimeSpan duration, TimeSpan warmUp, TimeSpan engineWarmUp, IReadOnlyList<int> levels, int incidents, IReadOnlyList<string> commands, List<Measurement> measurements, int preload)
    {
        /// <summary>
        /// A running engine has compiled its hot code long ago; a fresh process has not. With a few seconds of warm-up
        /// the JIT's tiered recompilation was still a fifth of the process's CPU, and an HTTP registration measured
        /// 3.05 ms of CPU after 8 s against 1.35 ms after 40 s. One registration in five, the rest updates on the
        /// incidents registered here, 10 clients, spread over the targets.
        /// </summary>
        public async Task WarmUp(IReadOnlyList<ICommandTarget> targets)
        {
            if (engineWarmUp <= TimeSpan.Zero)
            {
                return;
            }

            foreach (var target in targets)
            {
                var warm = new ConcurrentBag<string>();
                await Register(target, warm, 100);
                var ids = warm.ToArray();
                await ClosedLoop.RunAsync(10, engineWarmUp / targets.Count, TimeSpan.Zero, async (client, sequence) =>
                    sequence % 5 == 0 ? await target.RegisterAsync() is not null : await target.UpdateFactsAsync(ids[(client * 7 + (int)sequence) % ids.Length], (int)sequence));
            }
        }

        /// <summary>Registers <c>--preload</c> incidents, unmeasured: the open cases the measured registrations find.</summary>
        public Task Preload(ICommandTarget target, ConcurrentBag<string> pool) => Register(target, pool, preload);

        public async Task Registrations(string database, string commit, string path, ICommandTarget target, ConcurrentBag<string> pool)
        {
            if (!commands.Contains("register"))
            {
                return;
            }

            foreach (var clients in levels)
            {
                await Measure(database, commit, path, "register", clients, async (_, _) =>
                {
                    var id = await target.RegisterAsync();
                    if (id is not null)
                    {
                        pool.Add(id);
                    }

                    return id is not null;
                });
            }
        }

        /// <summary>
        /// Registers (unmeasured) until there are enough incidents for every client to have its own, and gives the
        /// cases the updates go to: <c>--incidents</c> of them, the cases in active work. The rest of what the run
        /// registered is not updated: a new case leaves the engine's memory once registered, and an update of a case
        /// out of memory costs a read, a cost of its own that the plain alternative's pages in PostgreSQL's cache do not
        /// show either.
        /// </summary>
        public async Task<string[]> TopUp(ICommandTarget target, ConcurrentBag<string> pool)
        {
            await Register(target, pool, incidents - pool.Count);
            return [.. pool.Take(incidents)];
        }

        private static async Task Register(ICommandTarget target, ConcurrentBag<string> pool, int count)
        {
            var next = 0;
            await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
            {
                while (Interlocked.Increment(ref next) <= count)
                {
                    pool.Add(await target.RegisterAsync() ?? throw new InvalidOperationException("a registration was refused"));
                }
            })));
        }

        public async Task Updates(string database, string commit, string path, ICommandTarget target, string[] ids)
        {
            if (!commands.Contains("updateFacts"))
            {
                return;
            }

            foreach (var clients in levels)
            {
                var perClient = ids.Length / clients;
                await Measure(database, commit, path, "updateFacts", clients,
                    (client, sequence) => target.UpdateFactsAsync(ids[client + clients * (int)(sequence % perClient)], (int)sequence));
            }
        }

        /// <summary>The domain alone: the same update applied in memory and the stored JSON produced, no I/O, one client.</summary>
        public async Task InMemory(RuleSetCatalog catalog)
        {
            var now = DateTimeOffset.UtcNow;
            var actor = new Actor("bench", Role.DutyCommander);
            var pool = Enumerable.Range(0, incidents).Select(i =>
                Incident.Register($"inc-mem{i}", "live", BenchCommands.Report(now), actor, catalog, now).Incident!).ToArray();
            await Measure("-", "-", "in memory (domain)", "register", 1, (_, sequence) =>
            {
                var now = DateTimeOffset.UtcNow;
                var (incident, _) = Incident.Register($"inc-reg{sequence}", "live", BenchCommands.Report(now), actor, catalog, now);
                return Task.FromResult(incident is not null);
            });
            await Measure("-", "-", "in memory (domain + JSON + view)", "register", 1, (_, sequence) =>
            {
                var now = DateTimeOffset.UtcNow;
                var (incident, _) = Incident.Register($"inc-reg{sequence}", "live", BenchCommands.Report(now), actor, catalog, now);
                var json = JsonSerializer.SerializeToUtf8Bytes(incident!.State, StoredJson.Options);
                var view = Emergency.Domain.Incidents.IncidentViews.View(incident, now);
                return Task.FromResult(json.Length > 0 && view.AllowedMoves.Count > 0);
            });
            await Measure("-", "-", "in memory (domain + JSON)", "updateFacts", 1, (_, sequence) =>
            {
                var incident = pool[sequence % pool.Length];
                var decision = incident.Handle(BenchCommands.Update((int)sequence), actor, DateTimeOffset.UtcNow);
                var json = JsonSerializer.SerializeToUtf8Bytes(incident.State, StoredJson.Options);
                return Task.FromResult(decision.IsAccepted && json.Length > 0);
            });
            await Measure("-", "-", "in memory (domain + JSON + view)", "updateFacts", 1, (_, sequence) =>
            {
                var incident = pool[sequence % pool.Length];
                var now = DateTimeOffset.UtcNow;
                var decision = incident.Handle(BenchCommands.Update((int)sequence), actor, now);
                var json = JsonSerializer.SerializeToUtf8Bytes(incident.State, StoredJson.Options);
                var view = Emergency.Domain.Incidents.IncidentViews.View(incident, now);
                return Task.FromResult(decision.IsAccepted && json.Length > 0 && view.AllowedMoves.Count > 0);
            });
            await Measure("-", "-", "in memory (allowed moves only)", "updateFacts", 1, (_, sequence) =>
            {
                var incident = pool[sequence % pool.Length];
                return Task.FromResult(incident.AllowedMoves(DateTimeOffset.UtcNow).Count > 0);
            });
        }

        public async Task Upserts(string database, IUpsertTarget target)
        {
            foreach (var clients in levels)
            {
                var perClient = incidents / clients;
                await Measure(database, "-", "ceiling", "upsert", clients, async (client, sequence) =>
                {
                    await target.UpsertAsync(client + clients * (sequence % perClient));
                    return true;
                });
            }
        }

        private async Task Measure(string database, string commit, string path, string command, int clients, Func<int, long, Task<bool>> operation)
        {
            var load = LoadAverage.Now();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var serverBefore = ServerCpu.Milliseconds("postgres");
            var allocatedBefore = GC.GetTotalAllocatedBytes();
            var pausedBefore = GC.GetTotalPauseDuration();
            var gen2Before = GC.CollectionCount(2);
            var result = await ClosedLoop.RunAsync(clients, duration, warmUp, operation);
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / Math.Max(1, result.Sent);
            var serverCpu = database == "postgres" ? (ServerCpu.Milliseconds("postgres") - serverBefore) / Math.Max(1, result.Sent) : double.NaN;
            var allocatedKb = (GC.GetTotalAllocatedBytes() - allocatedBefore) / 1024.0 / Math.Max(1, result.Sent);
            var pausedMs = (GC.GetTotalPauseDuration() - pausedBefore).TotalMilliseconds / Math.Max(1, result.Sent);
            measurements.Add(new Measurement(database, commit, path, command, result, load, cpu, allocatedKb, serverCpu));
            Console.Error.WriteLine($"{database} {commit} {path} {command} ×{clients}: {result.Throughput}/s p50 {Percentiles.Ms(result.P50)} ms p99 {Percentiles.Ms(result.P99)} ms, {result.Refused} refused, CPU ms/op {cpu:0.00} here + {serverCpu:0.00} server, {allocatedKb:0.0} KB allocated/op, GC paused {pausedMs:0.00} ms/op, {GC.CollectionCount(2) - gen2Before} gen2 (load {load})");
        }
    }
}
