using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Emergency.Domain.Messages;

namespace Emergency.Domain.Drills;

/// <summary>
/// Offsets on a drill's clock, written as days, hours, minutes and seconds after a base moment: "+0",
/// "+2h", "+5d3h20m", "+90s". The same notation serves durations ("1h") and the jump-to of a paced drill.
/// </summary>
public static partial class Offsets
{
    /// <summary>A year: no drill runs longer, and larger numbers would overflow the clock.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromDays(366);

    /// <summary>Reads an offset; null with the reason when the text is not one.</summary>
    public static (TimeSpan? Value, Message? Problem) Parse(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith('-'))
        {
            return (null, ScenarioTexts.OffsetNegative.With(("text", text)));
        }

        var match = OffsetPattern().Match(trimmed);
        if (!match.Success || (match.Groups["d"].Length + match.Groups["h"].Length + match.Groups["m"].Length + match.Groups["s"].Length == 0 && match.Groups["zero"].Length == 0))
        {
            return (null, ScenarioTexts.OffsetShape.With(("text", text)));
        }

        if (match.Groups["zero"].Success && match.Groups["zero"].Length > 0)
        {
            return (TimeSpan.Zero, null);
        }

        double Part(string group) => match.Groups[group].Success ? double.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
        var total = TimeSpan.FromDays(Part("d")) + TimeSpan.FromHours(Part("h")) + TimeSpan.FromMinutes(Part("m")) + TimeSpan.FromSeconds(Part("s"));
        return total > Longest
            ? (null, ScenarioTexts.OffsetTooLong.With(("text", text), ("longest", Format(Longest))))
            : (total, null);
    }

    /// <summary>Writes an offset the way scenario files do ("+5d3h20m"); whole seconds only.</summary>
    public static string Format(TimeSpan offset)
    {
        if (offset < TimeSpan.Zero)
        {
            return "-" + Format(offset.Negate())[1..];
        }

        var builder = new StringBuilder("+");
        if (offset.Days > 0)
        {
            builder.Append(CultureInfo.InvariantCulture, $"{offset.Days}d");
        }

        if (offset.Hours > 0)
        {
            builder.Append(CultureInfo.InvariantCulture, $"{offset.Hours}h");
        }

        if (offset.Minutes > 0)
        {
            builder.Append(CultureInfo.InvariantCulture, $"{offset.Minutes}m");
        }

        if (offset.Seconds > 0)
        {
            builder.Append(CultureInfo.InvariantCulture, $"{offset.Seconds}s");
        }

        return builder.Length == 1 ? "+0" : builder.ToString();
    }

    [GeneratedRegex(@"^\+?(?:(?<zero>0)|(?:(?<d>\d{1,3})d)?(?:(?<h>\d{1,4})h)?(?:(?<m>\d{1,6})m)?(?:(?<s>\d{1,8})s)?)$")]
    private static partial Regex OffsetPattern();
}
