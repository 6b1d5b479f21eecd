using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Emergency.Benchmarks;

public interface IBenchmark
{
    Task<BenchmarkReport> RunAsync(string[] args);
}

/// <summary>Figures of one benchmark run, with the machine and configuration they were taken on.</summary>
public sealed record BenchmarkReport(string Name, string Configuration, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    public MachineInfo Machine { get; } = MachineInfo.Current();

    public DateTimeOffset RanAt { get; } = DateTimeOffset.UtcNow;

    /// <summary>Load average (1, 5, 15 min) when the figures were done: other work on the machine moves them.</summary>
    public string LoadAverage { get; } = Benchmarks.LoadAverage.Now();

    public void Print(TextWriter output)
    {
        output.WriteLine($"# {Name}");
        output.WriteLine($"machine: {Machine}");
        output.WriteLine($"configuration: {Configuration}");
        output.WriteLine($"load average at the end: {LoadAverage}");
        output.WriteLine();
        var widths = Columns.Select((c, i) => Math.Max(c.Length, Rows.Count == 0 ? 0 : Rows.Max(r => r[i].Length))).ToList();
        output.WriteLine("| " + string.Join(" | ", Columns.Select((c, i) => c.PadRight(widths[i]))) + " |");
        output.WriteLine("|" + string.Join("|", widths.Select(w => new string('-', w + 2))) + "|");
        foreach (var row in Rows)
        {
            output.WriteLine("| " + string.Join(" | ", row.Select((c, i) => c.PadRight(widths[i]))) + " |");
        }
    }

    public string Save()
    {
        var directory = Path.Combine(Environment.CurrentDirectory, "artifacts", "benchmarks");
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, $"{Name}.json");
        File.WriteAllText(file, JsonSerializer.Serialize(this, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
        return file;
    }
}

public sealed record MachineInfo(int Cores, string Os, string Runtime, string Architecture, bool ServerGc)
{
    public static MachineInfo Current() => new(
        Environment.ProcessorCount,
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        RuntimeInformation.ProcessArchitecture.ToString(),
        System.Runtime.GCSettings.IsServerGC);

    public override string ToString() => $"{Cores} cores, {Os}, {Runtime}, {Architecture}, server GC {ServerGc}";
}

public static class Percentiles
{
    public static double Of(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    public static string Ms(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
}
