using System.Globalization;

namespace Emergency.Benchmarks;

/// <summary>
/// CPU time used so far by every process of one name on this machine (user + system, from <c>/proc</c>), such as the
/// local PostgreSQL server's backends: with the database on the same 2 cores, its CPU per command is part of the
/// cost of each side. Processes that start or end between two readings count only while they live.
/// </summary>
public static class ServerCpu
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>CPU time in milliseconds used by processes named <paramref name="name"/>, or NaN where /proc is missing.</summary>
    public static double Milliseconds(string name)
    {
        if (!Directory.Exists("/proc"))
        {
            return double.NaN;
        }

        double ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out _))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));

                // pid (comm) state ... : comm may hold spaces, so fields are counted after its closing parenthesis.
                var open = stat.IndexOf('(', StringComparison.Ordinal);
                var close = stat.LastIndexOf(')');
                if (open < 0 || close < open || stat[(open + 1)..close] != name)
                {
                    continue;
                }

                var fields = stat[(close + 2)..].Split(' ');
                ticks += double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // The process ended while being read.
            }
        }

        return ticks * 1000 / TicksPerSecond;
    }
}
