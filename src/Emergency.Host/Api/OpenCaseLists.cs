using Emergency.Contracts;
using Emergency.Domain;
using Emergency.Domain.Disputes;
using Emergency.Domain.Messages;

namespace Emergency.Host.Api;

/// <summary>What the lists of open cases with limits share: the overdue filter, and a page in their order (<see cref="CaseListPages"/>).</summary>
internal static class OpenCaseLists
{
    /// <summary>Reads <c>overdue=true|false</c> (null when not given), adding a field error when it is anything else.</summary>
    public static bool? ReadOverdue(string? overdue, List<FieldError> errors)
    {
        if (overdue is null)
        {
            return null;
        }

        if (bool.TryParse(overdue, out var parsed))
        {
            return parsed;
        }

        errors.Add(new FieldError("overdue", CommonTexts.NotOneOfThese(overdue, ["true", "false"])));
        return null;
    }

    /// <summary>
    /// The open cases of one kind on the working calendar in <paramref name="scope"/> (live without it), counted at the
    /// scope's clock (a drill's virtual one), those of <paramref name="unit"/> and <paramref name="overdue"/> when
    /// asked, one page of <paramref name="limit"/> after <paramref name="after"/> in the lists' order
    /// (<see cref="CaseListPages"/>); a problem when the scope, the overdue filter or the page is not one of the allowed.
    /// </summary>
    /// <param name="http">The request, whose response gets the next page's link.</param>
    /// <param name="grains">The cluster.</param>
    /// <param name="clock">The engine's clock.</param>
    /// <param name="scope">As given, or null.</param>
    /// <param name="overdue">As given, or null.</param>
    /// <param name="unit">As given, or null.</param>
    /// <param name="limit">As given, or null.</param>
    /// <param name="after">As given, or null.</param>
    /// <param name="directory">The kind's directory of a scope.</param>
    /// <param name="units">The units a case belongs to, matched against <paramref name="unit"/> without regard to case.</param>
    public static async Task<IResult> CalendarCases<TSummary>(
        HttpContext http, IGrainFactory grains, EngineClock clock, string? scope, string? overdue, string? unit, string? limit, string? after,
        Func<string, ICaseDirectoryGrain<TSummary>> directory, Func<TSummary, IEnumerable<string?>> units)
        where TSummary : CalendarCaseSummary<TSummary>
    {
        if (DisputeEndpoints.ScopeProblem(ref scope) is { } problem)
        {
            return problem;
        }

        var errors = new List<FieldError>();
        var overdueFilter = ReadOverdue(overdue, errors);
        var (count, position) = CaseListPages.Read(limit, after, errors);
        if (errors.Count > 0)
        {
            return Problems.Invalid([.. errors]);
        }

        var now = await Drills.DrillClock.NowOf(scope!, grains, clock);
        Func<TSummary, bool>? keep = unit is null ? null : s => units(s).Any(u => string.Equals(u, unit, StringComparison.OrdinalIgnoreCase));
        var page = await CaseListPages.ReadAsync(http, directory(scope!), new CaseListQuery { Limit = count, After = position, Overdue = overdueFilter, Now = now }, keep);
        return Results.Ok(page.ConvertAll(s => s.AsOf(now)));
    }
}
