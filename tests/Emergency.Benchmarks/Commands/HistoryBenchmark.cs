using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Emergency.Contracts;

namespace Emergency.Benchmarks.Commands;

/// <summary>
/// What one command costs as a case's history grows: incidents with 0 (the baseline, in the same run), 1,000 and 10,000
/// timeline entries, each then updated over HTTP one command after the other, as a duty commander does. Per update:
/// the time, the answer's size, the bytes the write stored (the state's row and the timeline's new rows). The history
/// is made by the engine itself (facts updates through the grains, one entry each), so it is the engine's own rows.
/// A warm-up incident is updated first. Options: <c>--histories 0,1000,10000</c>, <c>--updates 200</c>, <c>--database sqlite|postgres</c>.
/// </summary>
public sealed class HistoryBenchmark : IBenchmark
{
    public async Task<BenchmarkReport> RunAsync(string[] args)
    {
        var options = new BenchArgs(args);
        var histories = options.Ints("histories", "0,1000,10000");
        var updates = options.Int("updates", 200);
        var database = options.Text("database", "sqlite");
        await using var storage = await BenchStorage.CreateAsync(database, "history");
        await using var engine = await BenchEngine.StartAsync(storage.Provider, storage.ConnectionString);
        var grains = new GrainCommandTarget(engine.Grains, engine.Fresh);
        using var http = new HttpClient { BaseAddress = engine.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "commander-dev-token");
        var length = storage.Provider == "PostgreSql" ? "octet_length" : "length";
        var rows = new List<IReadOnlyList<string>>();

        // Warm-up on an incident of its own: the first updates pay for compiling and connecting, not for any history.
        var warm = await grains.RegisterAsync() ?? throw new InvalidOperationException("the warm-up incident was refused");
        for (var i = 0; i < 50; i++)
        {
            using var response = await http.PostAsJsonAsync($"/api/incidents/{warm}/facts", BenchCommands.Update(i + 1), DomainJson.Options);
        }

        foreach (var history in histories)
        {
            var id = await grains.RegisterAsync() ?? throw new InvalidOperationException("the benchmark incident was refused");
            var seeding = Stopwatch.StartNew();
            for (var i = 0; i < history; i++)
            {
                if (!await grains.UpdateFactsAsync(id, i + 1))
                {
                    throw new InvalidOperationException($"update {i} of the history was refused");
                }
            }

            seeding.Stop();
            var (entriesBefore, entryBytesBefore) = await Timeline(storage, id, length);
            var times = new List<double>(updates);
            long answerBytes = 0;
            for (var i = 0; i < updates; i++)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.PostAsJsonAsync($"/api/incidents/{id}/facts", BenchCommands.Update(history + i + 1), DomainJson.Options);
                var body = await response.Content.ReadAsByteArrayAsync();
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"update {i} was answered {(int)response.StatusCode}");
                }

                answerBytes += body.Length;
            }

            var (entriesAfter, entryBytesAfter) = await Timeline(storage, id, length);
            var stateBytes = await storage.CountAsync($"SELECT {length}(PayloadBinary) FROM GrainState WHERE StateName = 'incident' AND KeyExtension = '{id}'");
            times.Sort();
            var rowsPerUpdate = (entriesAfter - entriesBefore) / (double)updates;
            var written = stateBytes + ((entryBytesAfter - entryBytesBefore) / (double)updates);
            Console.Error.WriteLine($"history {history:N0}: seeded in {seeding.Elapsed.TotalSeconds:0.0} s, {times.Average():0.0} ms per update, {entriesAfter:N0} entries");
            rows.Add(
            [
                history == 0 ? "0 (baseline)" : history.ToString("N0", CultureInfo.InvariantCulture),
                entriesAfter.ToString("N0", CultureInfo.InvariantCulture),
                seeding.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture),
                updates.ToString(CultureInfo.InvariantCulture),
                Percentiles.Ms(times.Average()), Percentiles.Ms(Percentiles.Of(times, 50)), Percentiles.Ms(Percentiles.Of(times, 99)),
                (answerBytes / (double)updates / 1024).ToString("0.0", CultureInfo.InvariantCulture),
                stateBytes.ToString("N0", CultureInfo.InvariantCulture),
                rowsPerUpdate.ToString("0.0", CultureInfo.InvariantCulture),
                written.ToString("N0", CultureInfo.InvariantCulture),
            ]);
        }

        return new BenchmarkReport(
            "history",
            $"{storage.Provider}, group commit, one incident per history size updated {updates} times over HTTP one after the other (facts updates, one timeline entry each); history made by the engine's own updates",
            ["history entries", "entries at the end", "history made in s", "updates", "mean ms", "p50 ms", "p99 ms", "answer KB", "state row bytes", "timeline rows per update", "bytes stored per update"],
            rows);
    }

    /// <summary>How many timeline rows the incident has, and their bytes.</summary>
    private static async Task<(long Entries, long Bytes)> Timeline(BenchStorage storage, string id, string length) => (
        await storage.CountAsync($"SELECT COUNT(*) FROM CaseTimeline WHERE Kind = 'incident' AND CaseId = '{id}'"),
        await storage.CountAsync($"SELECT COALESCE(SUM({length}(Entry)), 0) FROM CaseTimeline WHERE Kind = 'incident' AND CaseId = '{id}'"));
}
