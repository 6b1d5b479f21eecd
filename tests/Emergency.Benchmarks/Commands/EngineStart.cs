using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Emergency.Benchmarks.Commands;

/// <summary>
/// An engine started on an existing database in a process of its own: the time until it is ready, how many incidents
/// its start activated, and its GC heap after forced full collections. The parent runs this program again in the
/// <c>engine-start</c> mode and reads its last line of JSON.
/// </summary>
public sealed record EngineStart(double Seconds, int Activated, long HeapBytes, string? Error)
{
    public const string Mode = "engine-start";

    /// <summary>Runs the child and reads its answer; a child that fails gives its error, not an exception.</summary>
    public static async Task<EngineStart> InChildAsync(string provider, string connectionString)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(EngineStart).Assembly.Location);
        }

        foreach (var argument in new[] { Mode, provider, connectionString })
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start)!;
        var output = child.StandardOutput.ReadToEndAsync();
        var errors = child.StandardError.ReadToEndAsync();
        await child.WaitForExitAsync();
        // The engine's own warnings may go to standard output too: the answer is the last JSON line.
        var line = (await output).Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith('{')) ?? "";
        return child.ExitCode == 0 && line.Length > 0
            ? JsonSerializer.Deserialize<EngineStart>(line)!
            : new EngineStart(0, 0, 0, $"child exited {child.ExitCode}: {(await errors).Trim().Split('\n').LastOrDefault()}");
    }

    /// <summary>The child's side: start, measure, print, stop.</summary>
    public static async Task<int> RunChildAsync(string provider, string connectionString)
    {
        var watch = Stopwatch.StartNew();
        await using var engine = await BenchEngine.StartAsync(provider, connectionString);
        watch.Stop();
        var activated = await MemoryBenchmark.ActiveIncidents(engine.Grains);
        var heap = MemoryBenchmark.FullCollection();
        Console.Out.WriteLine(JsonSerializer.Serialize(new EngineStart(Math.Round(watch.Elapsed.TotalSeconds, 2), activated, heap, null)));
        return 0;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Seconds:0.0} s, {Activated} activated, {HeapBytes / 1e6:0.0} MB");
}
