using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Emergency.Contracts;
using Emergency.Domain;
using Emergency.Domain.Incidents;
using Emergency.Domain.Rules;
using Emergency.Grains.Incidents;
using Emergency.Host.Hosting;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Emergency.Benchmarks.Commands;

/// <summary>
/// Memory per open incident and the time to re-arm deadlines after a restart, with N open incidents (default 100,000)
/// active in one process. The incidents are written straight into the engine's state table, as the engine itself
/// would have stored them (the domain's registration, the stored JSON shape, the directory shards), because
/// registering 100,000 through the engine rewrites a directory shard's whole membership per registration.
/// Baseline in the same run: the same engine restarted on the same database with no incident.
/// Options: <c>--incidents</c>, <c>--database sqlite|postgres</c>.
/// </summary>
public sealed class MemoryBenchmark : IBenchmark
{
    private const string ServiceId = "emergency";

    public async Task<BenchmarkReport> RunAsync(string[] args)
    {
        var options = new BenchArgs(args);
        var count = options.Int("incidents", 100_000);
        var database = options.Text("database", "sqlite");
        var scratch = Directory.CreateTempSubdirectory("emergency-bench-memory-").FullName;
        var connectionString = database == "postgres"
            ? await BenchDatabases.CreateAsync("memory")
            : $"Data Source={Path.Combine(scratch, "engine.db")}";
        var provider = database == "postgres" ? "PostgreSql" : "Sqlite";
        try
        {
            // First start creates the schema; the second is the baseline: a restart with nothing to re-arm.
            await (await BenchEngine.StartAsync(provider, connectionString)).DisposeAsync();
            var (emptyStart, emptyHeap, _, _) = await StartAndMeasure(provider, connectionString);
            Console.Error.WriteLine($"empty: start {emptyStart.TotalSeconds:0.0} s, heap {emptyHeap / 1e6:0.0} MB");

            var seeding = Stopwatch.StartNew();
            var payloadBytes = await Seed(database, connectionString, count);
            Console.Error.WriteLine($"seeded {count:N0} incidents ({payloadBytes / count:N0} bytes each) in {seeding.Elapsed.TotalSeconds:0.0} s (load {LoadAverage.Now()})");

            var load = LoadAverage.Now();
            var (start, heap, open, reminders) = await StartAndMeasure(provider, connectionString);
            Console.Error.WriteLine($"{count:N0}: start {start.TotalSeconds:0.0} s, heap {heap / 1e6:0.0} MB, {open:N0} open after warm-up, {reminders:N0} reminders");
            if (open != count)
            {
                throw new InvalidOperationException($"the warm-up found {open:N0} open incidents, not the {count:N0} seeded");
            }

            var perIncident = (heap - emptyHeap) / (double)count;
            return new BenchmarkReport(
                "memory",
                $"{database}; {count:N0} open live incidents seeded as stored rows ({payloadBytes / count:N0} bytes of JSON each: a freshly registered incident, no deadline due); " +
                "start = EngineHost StartAsync until every directory shard's warm-up has touched (activated, checked, re-armed) each incident; " +
                "heap = GC.GetTotalMemory after two forced, compacting full collections, engine and benchmark in one process",
                ["incidents", "start s", "re-arm s (start − empty start)", "per incident re-armed ms", "reminders after", "GC heap MB", "heap per incident KB", "load"],
                [
                    ["0 (baseline)", Seconds(emptyStart), "", "", "", Mb(emptyHeap), "", load],
                    [count.ToString("N0", CultureInfo.InvariantCulture), Seconds(start), Seconds(start - emptyStart),
                        ((start - emptyStart).TotalMilliseconds / count).ToString("0.000", CultureInfo.InvariantCulture),
                        reminders.ToString("N0", CultureInfo.InvariantCulture), Mb(heap),
                        (perIncident / 1024).ToString("0.0", CultureInfo.InvariantCulture), load],
                ]);
        }
        finally
        {
            if (database == "postgres")
            {
                await BenchDatabases.DropAsync(connectionString);
            }

            SqliteConnection.ClearAllPools();
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static async Task<(TimeSpan Start, long Heap, int Open, long Reminders)> StartAndMeasure(string provider, string connectionString)
    {
        var watch = Stopwatch.StartNew();
        await using var engine = await BenchEngine.StartAsync(provider, connectionString);
        var open = (await Task.WhenAll(IncidentDirectory.AllShardKeys(Scopes.Live)
            .Select(key => engine.Grains.GetGrain<IIncidentDirectoryGrain>(key).WarmUp()))).Sum();
        watch.Stop();
        var heap = FullCollection();
        await using var connection = Open(provider, connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM Reminder";
        var reminders = Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        return (watch.Elapsed, heap, open, reminders);
    }

    private static long FullCollection()
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
    private static async Task<long> Seed(string database, string connectionString, int count)
    {
        var catalog = RuleSetLoader.Load(Path.Combine(EngineHost.DefaultConfigDirectory, "rules", "incidents"));
        var actor = new Actor("bench", Role.DutyCommander);
        var shards = IncidentDirectory.AllShardKeys(Scopes.Live).ToDictionary(k => k, _ => new IncidentDirectoryState());
        await using var connection = Open(database == "postgres" ? "PostgreSql" : "Sqlite", connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO GrainState (ServiceId, StateName, KeyN0, KeyN1, KeyExtension, HasKeyExtension, PayloadBinary, Version, ModifiedUtc)
            VALUES (@service, @state, 0, 0, @key, @hasKey, @payload, 1, @modified)
            """;
        Parameter(insert, "service", ServiceId);
        var stateName = Parameter(insert, "state", "incident");
        var key = Parameter(insert, "key", "");
        Parameter(insert, "hasKey", true);
        var payload = Parameter(insert, "payload", Array.Empty<byte>());
        Parameter(insert, "modified", DateTime.UtcNow);
        long bytes = 0;
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < count; i++)
        {
            var id = $"inc-seed{i:D7}";
            var (incident, _) = Incident.Register(id, Scopes.Live, BenchCommands.Report(now), actor, catalog, now);
            var json = JsonSerializer.SerializeToUtf8Bytes(new IncidentRecord { Incident = incident!.State }, StoredJson.Options);
            bytes += json.Length;
            key.Value = id;
            payload.Value = json;
            await insert.ExecuteNonQueryAsync();
            shards[IncidentDirectory.ShardKey(Scopes.Live, id)].Open.Add(id);
        }

        stateName.Value = "incidentDirectory";
        foreach (var (shardKey, state) in shards)
        {
            key.Value = shardKey;
            payload.Value = JsonSerializer.SerializeToUtf8Bytes(state, StoredJson.Options);
            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
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

    private static DbConnection Open(string provider, string connectionString) =>
        provider == "PostgreSql" ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Mb(long bytes) => (bytes / 1e6).ToString("0.0", CultureInfo.InvariantCulture);
}
