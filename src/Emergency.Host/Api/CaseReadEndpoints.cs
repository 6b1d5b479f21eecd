using System.Globalization;
using Emergency.Domain;
using Emergency.Domain.Cases;
using Emergency.Host.Auth;
using Emergency.Host.Texts;

namespace Emergency.Host.Api;

/// <summary>
/// The reads of a case, the same for every kind: the case (<c>GET {id}</c>) carries only the newest entries of its
/// timeline (<see cref="TimelinePages.ViewSize"/>) and the count of all, as a command's answer does; the older ones
/// are read page by page (<c>GET {id}/timeline?before=&amp;count=</c>), oldest first, for whoever may read the case.
/// </summary>
public static class CaseReadEndpoints
{
    /// <summary>Maps the reads of one kind of case, each read through <paramref name="view"/> (null: no such case).</summary>
    /// <param name="group">The kind's routes.</param>
    /// <param name="noun">The kind, in problems.</param>
    /// <param name="isId">Whether a text is one of the kind's ids.</param>
    /// <param name="view">The case as the caller may see it.</param>
    /// <param name="summary">What the read of one case returns, for the API reference.</param>
    public static RouteGroupBuilder MapCaseReads<TView, TKind>(
        this RouteGroupBuilder group,
        CaseNoun noun,
        Func<string, bool> isId,
        Func<string, HttpContext, IGrainFactory, Task<TView?>> view,
        string summary)
        where TView : TimelineView<TView, TKind>
        where TKind : struct, Enum
    {
        group.MapGet("/{id}", async (string id, HttpContext http, IGrainFactory grains) =>
                !isId(id) ? Problems.NotAnId(noun, id)
                : await view(id, http, grains) is { } found ? Results.Ok(found.WithNewestTimeline(TimelinePages.ViewSize))
                : Problems.NoSuchId(noun, id))
            .RequireAuthorization(Policies.Read)
            .WithSummary(summary)
            .WithDescription(Policies.Describe(Policies.Read))
            .Produces<TView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id}/timeline", async (string id, string? before, string? count, HttpContext http, IGrainFactory grains) =>
            {
                if (!isId(id))
                {
                    return Problems.NotAnId(noun, id);
                }

                var (page, problem) = Page(before, count);
                if (problem is not null)
                {
                    return problem;
                }

                return await view(id, http, grains) is { } found
                    ? Results.Ok(TimelinePages.Before(found.Timeline, page.Before, page.Count))
                    : Problems.NoSuchId(noun, id);
            })
            .RequireAuthorization(Policies.Read)
            .WithSummary("One page of the case's timeline, oldest first: the count entries before the entry numbered before (the newest without it), and how many there are in all")
            .WithDescription($"{Policies.Describe(Policies.Read)} A read of the case and a command's answer carry its newest {TimelinePages.ViewSize} entries and timelineCount; count is 1 to {TimelinePages.MaxCount} ({TimelinePages.ViewSize} without it).")
            .Produces<TimelinePage<TimelineEntry<TKind>>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>The page size and the entry it ends before (null: the newest), or the problem with either.</summary>
    private static ((int Count, int? Before) Page, IResult? Problem) Page(string? before, string? count)
    {
        var errors = new List<FieldError>();
        var size = TimelinePages.ViewSize;
        if (count is not null && (!int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > TimelinePages.MaxCount))
        {
            errors.Add(new FieldError("count", TimelineTexts.Count.With(("given", count), ("max", TimelinePages.MaxCount))));
        }

        int? from = null;
        if (before is not null)
        {
            if (int.TryParse(before, NumberStyles.None, CultureInfo.InvariantCulture, out var seq) && seq >= 1)
            {
                from = seq;
            }
            else
            {
                errors.Add(new FieldError("before", TimelineTexts.Before.With(("given", before))));
            }
        }

        return ((size, from), errors.Count == 0 ? null : Problems.Invalid([.. errors]));
    }
}
