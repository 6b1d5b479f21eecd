using System.Diagnostics;
using System.Globalization;

namespace Emergency.Benchmarks.Commands;

/// <summary>
/// A closed-loop load: N clients, each sending its next operation as soon as the previous one answered, for a
/// fixed time after a short warm-up. Throughput is what completed in the measured window; latency is per operation.
/// </summary>
public static class ClosedLoop
{
    /// <param name="clients">How many clients send at once.</param>
    /// <param name="duration">The measured window.</param>
    /// <param name="warmUp">Sent before the window and not counted.</param>
    /// <param name="operation">Called with (client, sequence within that client); returns false when the operation was refused.</param>
    public static async Task<LoadResult> RunAsync(int clients, TimeSpan duration, TimeSpan warmUp, Func<int, long, Task<bool>> operation)
    {
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + (long)(warmUp.TotalSeconds * Stopwatch.Frequency);
        var stopAt = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var perClient = new List<double>[clients];
        var refused = new int[clients];
        var failed = new int[clients];
        Exception? firstFailure = null;
        var sent = 0L;

        async Task Client(int client)
        {
            var latencies = perClient[client] = new List<double>(4096);
            for (long sequence = 0; ; sequence++)
            {
                var began = Stopwatch.GetTimestamp();
                if (began >= stopAt)
                {
                    return;
                }

                Interlocked.Increment(ref sent);
                bool accepted;
                try
                {
                    accepted = await operation(client, sequence);
                }
                catch (Exception ex)
                {
                    Interlocked.CompareExchange(ref firstFailure, ex, null);
                    accepted = false;
                    failed[client]++;
                }

                var ended = Stopwatch.GetTimestamp();
                if (began >= measureFrom && ended <= stopAt)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(began, ended).TotalMilliseconds);
                    refused[client] += accepted ? 0 : 1;
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(() => Client(c))));
        var all = perClient.SelectMany(l => l).ToList();
        all.Sort();
        if (firstFailure is not null)
        {
            Console.Error.WriteLine($"  {failed.Sum()} operations failed; first: {firstFailure.GetType().Name}: {firstFailure.Message}");
        }

        return new LoadResult(clients, all.Count, refused.Sum(), failed.Sum(), duration, all) { Sent = sent };
    }
}

/// <summary>What one closed-loop run measured.</summary>
public sealed record LoadResult(int Clients, int Completed, int Refused, int Failed, TimeSpan Window, IReadOnlyList<double> SortedLatencies)
{
    /// <summary>Accepted operations per second (refused and failed ones are not counted).</summary>
    /// <summary>Every operation sent, warm-up included (to divide the process's CPU time by).</summary>
    public long Sent { get; init; }

    public double PerSecond => (Completed - Refused) / Window.TotalSeconds;

    public double P50 => Percentiles.Of(SortedLatencies, 50);

    public double P99 => Percentiles.Of(SortedLatencies, 99);

    public string Throughput => PerSecond.ToString("N0", CultureInfo.InvariantCulture);
}
