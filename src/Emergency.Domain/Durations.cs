using System.Globalization;

namespace Emergency.Domain;

/// <summary>Renders times and durations the way a duty officer reads them in a timeline.</summary>
public static class Durations
{
    public static string Describe(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            return "-" + Describe(span.Negate());
        }

        if (span < TimeSpan.FromMinutes(1))
        {
            return $"{(int)span.TotalSeconds} s";
        }

        var parts = new List<string>(3);
        if (span.Days > 0)
        {
            parts.Add($"{span.Days} d");
        }

        if (span.Hours > 0)
        {
            parts.Add($"{span.Hours} h");
        }

        if (span.Minutes > 0)
        {
            parts.Add($"{span.Minutes} min");
        }

        return parts.Count == 0 ? "0 min" : string.Join(" ", parts);
    }

    public static string Describe(DateTimeOffset moment) =>
        moment.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture);
}
