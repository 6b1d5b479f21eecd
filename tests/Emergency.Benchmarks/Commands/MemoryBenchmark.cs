using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Emergency.Contracts;
using Emergency.Domain;
using Emergency.Domain.Incidents;
using Emergency.Domain.Rules;
using Emergency.Grains.Cases;
using Emergency.Host.Hosting;

namespace Emergency.Benchmarks.Commands;

/// <summary>
/// Memory per open incident with N incidents active in one process (default 100,000), the time to activate and re-arm
/// them, and real restarts with N open incidents, none due (the engine's start touches only the due ones), with the
/// heap per open incident after the restart, and once the activated incidents have been idle long enough for Orleans
/// to put them away (<c>Cases:IdleAfter</c>). The
/// incidents are written straight into the engine's state table as the engine itself stores them (the domain's
/// registration, the stored JSON shape, the directory shards), because registering 100,000 through the engine
/// rewrites a directory shard's whole membership per registration. Baseline in the same run: the engine with no
/// incident. Options: <c>--incidents</c> (0 skips that part), <c>--restart 10000,20000,40000,100000</c>, <c>--database sqlite|postgres</c>.
/// </summary>
public sealed class MemoryBenchmark : IBenchmark
{
    private const string ServiceId = "emergency";

    public async Task<BenchmarkReport> RunAsync(string[] args)
    {
        var options = new BenchArgs(args);
        var count = options.Int("incidents", 100_000);
        var restarts = options.Ints("restart", "10000,20000,40000,100000");
        var database = options.Text("database", "sqlite");
        var rows = new List<IReadOnlyList<string>>();

        // Part 1: memory, and the re-arm work itself. The incidents are stored but not listed, so the engine starts at
        // once; the benchmark then touches every one exactly as a directory shard's warm-up does (16 shards side by
        // side, 64 incidents at a time each), which activates, checks and re-arms them.
        if (count > 0)
        {
            await using var storage = await BenchStorage.CreateAsync(database, "memory");
            await (await BenchEngine.StartAsync(storage.Provider, storage.ConnectionString)).DisposeAsync(); // creates the schema
            var emptyLoad = LoadAverage.Now();
            long emptyHeap;
            await using (var empty = await BenchEngine.StartAsync(storage.Provider, storage.ConnectionString))
            {
                emptyHeap = FullCollection();
            }

            Console.Error.WriteLine($"empty engine: heap {emptyHeap / 1e6:0.0} MB");

            var bytes = await Seed(storage, count, listed: false);
            var load = LoadAverage.Now();
            await using var engine = await BenchEngine.StartAsync(storage.Provider, storage.ConnectionString);
            var watch = Stopwatch.StartNew();
            var touched = await TouchAll(engine.Grains, count);
            watch.Stop();
            var heap = FullCollection();
            var reminders = await storage.CountAsync("SELECT count(*) FROM Reminder");
            Console.Error.WriteLine($"{count:N0} touched in {watch.Elapsed.TotalSeconds:0.0} s, heap {heap / 1e6:0.0} MB, {reminders:N0} reminders");
            if (touched != count)
            {
                throw new InvalidOperationException($"only {touched:N0} of {count:N0} seeded incidents loaded");
            }

            rows.Add(["empty engine (baseline)", "0", "", "", "", Mb(emptyHeap), "", emptyLoad]);
            rows.Add([$"{count:N0} incidents activated and re-armed by touching (warm-up's calls)", count.ToString("N0", CultureInfo.InvariantCulture),
                Seconds(watch.Elapsed), PerSecond(count, watch.Elapsed), reminders.ToString("N0", CultureInfo.InvariantCulture), Mb(heap),
                ((heap - emptyHeap) / (double)count / 1024).ToString("0.0", CultureInfo.InvariantCulture), load]);
            Console.Error.WriteLine($"stored JSON per incident: {bytes / count:N0} bytes");

            // The same open incidents once idle: Orleans' collector puts a case away after Cases:IdleAfter (2 minutes)
            // without a call, looking once a minute. Waited for, not slept on: until at most 1 % are still active.
            var idle = Stopwatch.StartNew();
            var active = await ActiveIncidents(engine.Grains);
            while (active > count / 100 && idle.Elapsed < TimeSpan.FromMinutes(6))
            {
                await Task.Delay(TimeSpan.FromSeconds(5));
                active = await ActiveIncidents(engine.Grains);
            }

            var idleHeap = FullCollection();
            Console.Error.WriteLine($"{count:N0} open, {active:N0} still active after {idle.Elapsed.TotalSeconds:0} s idle, heap {idleHeap / 1e6:0.0} MB");
            rows.Add([$"the same {count:N0} open incidents after {idle.Elapsed.TotalSeconds:0} s without a call ({active:N0} still active)", count.ToString("N0", CultureInfo.InvariantCulture),
                Seconds(idle.Elapsed), "", reminders.ToString("N0", CultureInfo.InvariantCulture), Mb(idleHeap),
                ((idleHeap - emptyHeap) / (double)count / 1024).ToString("0.0", CultureInfo.InvariantCulture), LoadAverage.Now()]);
        }

        // Part 2: a real restart with N open incidents, none due. The engine runs in a process of its own (this
        // program's `engine-start` mode), started and timed until it is ready, its heap measured there against an empty
        // engine's in another fresh process, so that nothing this process did is counted.
        foreach (var listed in restarts)
        {
            await using var storage = await BenchStorage.CreateAsync(database, "memory");
            await (await BenchEngine.StartAsync(storage.Provider, storage.ConnectionString)).DisposeAsync(); // creates the schema
            var empty = await EngineStart.InChildAsync(storage.Provider, storage.ConnectionString);
            await Seed(storage, listed, listed: true);
            var load = LoadAverage.Now();
            var started = await EngineStart.InChildAsync(storage.Provider, storage.ConnectionString);
            var reminders = await storage.CountAsync("SELECT count(*) FROM Reminder");
            var outcome = started.Error ?? $"{started.Activated:N0} activated";
            var heapPerCase = started.Error is null ? ((started.HeapBytes - empty.HeapBytes) / (double)listed / 1024).ToString("0.00", CultureInfo.InvariantCulture) : "";
            Console.Error.WriteLine($"restart with {listed:N0}: {started.Seconds:0.0} s, {outcome}, {reminders:N0} reminders, heap {Mb(started.HeapBytes)} MB (empty engine {Mb(empty.HeapBytes)} MB)");
            rows.Add([$"restart with {listed:N0} open incidents, none due: start until ready, engine in a process of its own ({outcome})", listed.ToString("N0", CultureInfo.InvariantCulture),
                started.Seconds.ToString("0.0", CultureInfo.InvariantCulture), PerSecond(listed, TimeSpan.FromSeconds(started.Seconds)), reminders.ToString("N0", CultureInfo.InvariantCulture),
                Mb(started.HeapBytes), heapPerCase, load]);
        }

        return new BenchmarkReport(
            "memory",
            $"{database}; open live incidents seeded as stored rows (a freshly registered incident each, no deadline due; {StoredBytes:N0} bytes of JSON); " +
            "heap = GC.GetTotalMemory after forced, compacting full collections (server GC): part 1 engine and benchmark in one process; restarts: the engine alone in a fresh process, against an empty engine in another; " +
            "re-arm = Touch() on every incident, 16 × 64 at a time (the directory warm-up's pattern): activation reads the row, checks the deadlines, reads the deadline reminder and writes it only when it is missing or armed for another deadline (seeded rows have none; after a restart they are all in place)",
            ["what", "incidents", "seconds", "incidents/s", "reminders after", "GC heap MB", "heap per incident KB", "load"],
            rows);
    }

    private static long StoredBytes { get; set; }

    private static string PerSecond(int count, TimeSpan elapsed) => (count / elapsed.TotalSeconds).ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Touches every seeded incident the way a directory shard's warm-up does; returns how many exist.</summary>
    private static async Task<int> TouchAll(IGrainFactory grains, int count)
    {
        var found = 0;
        // 16 streams of 64 at a time, as the warm-up ran before the case index (one stream per directory shard).
        var shards = Enumerable.Range(0, count).Select(Id).GroupBy(id => id.GetHashCode(StringComparison.Ordinal) & 15);
        await Task.WhenAll(shards.Select(async shard =>
        {
            foreach (var batch in shard.Chunk(64))
            {
                var summaries = await Task.WhenAll(batch.Select(id => grains.GetGrain<IIncidentGrain>(id).Touch()));
                Interlocked.Add(ref found, summaries.Count(s => s is not null));
            }
        }));
        return found;
    }

    private static string Id(int i) => $"inc-seed{i:D7}";

    internal static async Task<int> ActiveIncidents(IGrainFactory grains)
    {
        var statistics = await grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return statistics.Where(s => s.GrainType.StartsWith("Emergency.Grains.Incidents.IncidentGrain,", StringComparison.Ordinal)).Sum(s => s.ActivationCount);
    }

    internal static long FullCollection()
    {
        for (var i = 0; i < 2; i++)
        {
            System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>Writes the incidents and the directory shards listing them, in one transaction; returns the payload bytes.</summary>
    private static async Task<long> Seed(BenchStorage storage, int count, bool listed)
    {
        var catalog = RuleSetLoader.Load(Path.Combine(EngineHost.DefaultConfigDirectory, "rules", "incidents"));
        var actor = new Actor("bench", Role.DutyCommander);
        var rows = new List<(string Id, IncidentSummary Summary)>();
        await using var connection = storage.Open();
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO GrainState (ServiceId, StateName, KeyN0, KeyN1, KeyExtension, HasKeyExtension, PayloadBinary, Version, ModifiedUtc)
            VALUES (@service, @state, 0, 0, @key, @hasKey, @payload, 1, @modified)
            """;
        Parameter(insert, "service", ServiceId);
        Parameter(insert, "state", "incident");
        var key = Parameter(insert, "key", "");
        Parameter(insert, "hasKey", true);
        var payload = Parameter(insert, "payload", Array.Empty<byte>());
        Parameter(insert, "modified", DateTime.UtcNow);
        long bytes = 0;
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < count; i++)
        {
            var id = Id(i);
            var (incident, _) = Incident.Register(id, Scopes.Live, BenchCommands.Report(now), actor, catalog, now);
            var json = JsonSerializer.SerializeToUtf8Bytes(new CaseRecord<IncidentState> { Case = incident!.State, Indexed = true }, StoredJson.Options);
            bytes += json.Length;
            key.Value = id;
            payload.Value = json;
            await insert.ExecuteNonQueryAsync();
            rows.Add((id, incident.Summary(now)));
        }

        if (listed)
        {
            await using var index = connection.CreateCommand();
            index.Transaction = transaction;
            index.CommandText = """
                INSERT INTO CaseIndex (ServiceId, Kind, CaseId, Scope, IsOpen, OpenedAt, NextDueAt, CaseVersion, Summary)
                VALUES (@service, 'incident', @key, 'live', @open, @opened, @due, 1, @summary)
                """;
            Parameter(index, "service", ServiceId);
            Parameter(index, "open", true);
            Parameter(index, "opened", storage.Provider == "Sqlite" ? now.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) : now.UtcDateTime);
            var caseId = Parameter(index, "key", "");
            var summary = Parameter(index, "summary", "");
            var due = Parameter(index, "due", "");
            foreach (var (id, line) in rows)
            {
                caseId.Value = id;
                due.Value = storage.Provider == "Sqlite"
                    ? line.NextDueAt!.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture)
                    : line.NextDueAt!.Value.UtcDateTime;
                summary.Value = JsonSerializer.Serialize(line, DomainJson.Options);
                await index.ExecuteNonQueryAsync();
            }
        }

        await transaction.CommitAsync();
        StoredBytes = bytes / count;
        return bytes;
    }

    private static DbParameter Parameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Mb(long bytes) => (bytes / 1e6).ToString("0.0", CultureInfo.InvariantCulture);
}
