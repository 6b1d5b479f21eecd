namespace Emergency.Host.Api;

/// <summary>What the lists of open cases with limits share: the overdue filter, and the order (overdue first, then by the next limit).</summary>
internal static class OpenCaseLists
{
    /// <summary>Reads <c>overdue=true|false</c>; a problem when it is anything else.</summary>
    public static IResult? ReadOverdue(string? overdue, out bool? filter)
    {
        filter = null;
        if (overdue is null)
        {
            return null;
        }

        if (!bool.TryParse(overdue, out var parsed))
        {
            return Problems.NotOneOf("overdue", overdue, ["true", "false"]);
        }

        filter = parsed;
        return null;
    }

    /// <summary>Overdue first, then by the next limit, then by id.</summary>
    public static List<T> Ordered<T>(IEnumerable<T> cases, Func<T, bool> overdue, Func<T, DateTimeOffset?> nextDue, Func<T, string> id) =>
        [.. cases.OrderByDescending(overdue).ThenBy(c => nextDue(c) ?? DateTimeOffset.MaxValue).ThenBy(id, StringComparer.Ordinal)];
}
