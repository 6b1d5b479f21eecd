using System.Globalization;

namespace Emergency.Benchmarks;

/// <summary>The machine's 1-minute load average (as <c>uptime</c> shows it): other work on the 2 cores moves every figure.</summary>
public static class LoadAverage
{
    public static string Now()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ');
            return string.Join(" ", fields.Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    public static double OneMinute() =>
        double.TryParse(Now().Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : double.NaN;
}
