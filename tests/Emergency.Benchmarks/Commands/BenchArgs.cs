using System.Globalization;

namespace Emergency.Benchmarks.Commands;

/// <summary>The <c>--name value</c> options after a workload's name.</summary>
public sealed class BenchArgs(string[] args)
{
    public string Text(string name, string fallback)
    {
        var at = Array.IndexOf(args, $"--{name}");
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
    }

    public int Int(string name, int fallback) => int.Parse(Text(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

    public double Seconds(string name, double fallback) => double.Parse(Text(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

    public IReadOnlyList<string> List(string name, string fallback) =>
        Text(name, fallback).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public IReadOnlyList<int> Ints(string name, string fallback) =>
        List(name, fallback).Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToList();
}
