using Emergency.Contracts;
using Emergency.Domain.Disputes;

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

    /// <summary>
    /// The open cases of one kind on the working calendar in <paramref name="scope"/> (live without it), counted at the
    /// scope's clock (a drill's virtual one), those of <paramref name="unit"/> and <paramref name="overdue"/> when
    /// asked, in order (<see cref="Ordered"/>); a problem when the scope or the overdue filter is not one of the allowed.
    /// </summary>
    /// <param name="grains">The cluster.</param>
    /// <param name="clock">The engine's clock.</param>
    /// <param name="scope">As given, or null.</param>
    /// <param name="overdue">As given, or null.</param>
    /// <param name="unit">As given, or null.</param>
    /// <param name="directory">The kind's directory of a scope.</param>
    /// <param name="units">The units a case belongs to, matched against <paramref name="unit"/> without regard to case.</param>
    public static async Task<IResult> CalendarCases<TSummary>(
        IGrainFactory grains, EngineClock clock, string? scope, string? overdue, string? unit,
        Func<string, ICaseDirectoryGrain<TSummary>> directory, Func<TSummary, IEnumerable<string?>> units)
        where TSummary : CalendarCaseSummary<TSummary>
    {
        if (DisputeEndpoints.ScopeProblem(ref scope) is { } problem)
        {
            return problem;
        }

        if (ReadOverdue(overdue, out var overdueFilter) is { } badFilter)
        {
            return badFilter;
        }

        var open = await directory(scope!).List();
        var now = await Drills.DrillClock.NowOf(scope!, grains, clock);
        return Results.Ok(Ordered(
            open.Select(s => s.AsOf(now))
                .Where(s => unit is null || units(s).Any(u => string.Equals(u, unit, StringComparison.OrdinalIgnoreCase)))
                .Where(s => overdueFilter is null || s.Overdue == overdueFilter),
            s => s.Overdue, s => s.NextDueAt, s => s.Id));
    }
}
