using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Emergency.Contracts;
using Emergency.Domain;
using Emergency.Domain.Cases;
using Emergency.Host.Texts;
using Microsoft.AspNetCore.WebUtilities;

namespace Emergency.Host.Api;

/// <summary>
/// The lists of open cases a page at a time: at most <c>limit</c> cases in the lists' order (overdue first, then by the
/// next deadline, then by id), read from the case index as ranges after a position, so a page costs the same with a
/// hundred or a hundred thousand open cases. The body stays a JSON array; when more may follow, the response's
/// <c>Link</c> header names the next page (<c>rel="next"</c>, RFC 8288), whose <c>after</c> is the position of the last
/// case listed. A case that changes between two pages may move in the order: each page is the list as of its reading.
/// </summary>
internal static class CaseListPages
{
    /// <summary>The page size when none is asked for.</summary>
    public const int DefaultLimit = 100;

    /// <summary>The largest page.</summary>
    public const int MaxLimit = CaseListQuery.MaxLimit;

    /// <summary>
    /// The most cases one request reads looking for those its filters keep (unit, channel, enterprise …): a page whose
    /// filters keep few cases may come back shorter than its limit, with the next page's link where the reading stopped.
    /// </summary>
    public const int ReadBudget = 10_000;

    /// <summary>Reads <c>limit</c> (1 to <see cref="MaxLimit"/>) and <c>after</c> (a position this list gave), adding a field error for each that is not.</summary>
    public static (int Limit, CaseListPosition? After) Read(string? limit, string? after, List<FieldError> errors)
    {
        var count = DefaultLimit;
        if (limit is not null)
        {
            if (int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var asked) && asked is >= 1 and <= MaxLimit)
            {
                count = asked;
            }
            else
            {
                errors.Add(new FieldError("limit", AuditTexts.NotAWholeNumber.With(("value", limit), ("lowest", 1), ("highest", MaxLimit))));
            }
        }

        CaseListPosition? position = null;
        if (after is not null)
        {
            position = Decode(after);
            if (position is null)
            {
                errors.Add(new FieldError("after", HostTexts.ListAfter.With(("value", after.Length > 80 ? after[..80] + "…" : after))));
            }
        }

        return (count, position);
    }

    /// <summary>
    /// One page of <paramref name="directory"/>'s open cases (as the overload without a request reads it); sets the
    /// response's <c>Link</c> header to the next page when more may follow.
    /// </summary>
    public static async Task<List<TSummary>> ReadAsync<TSummary>(HttpContext http, ICaseDirectoryGrain<TSummary> directory, CaseListQuery query, Func<TSummary, bool>? keep)
        where TSummary : class, ICaseSummary
    {
        var (page, next) = await ReadAsync(directory, query, keep);
        SetNext(http, next);
        return page;
    }

    /// <summary>
    /// Up to <see cref="CaseListQuery.Limit"/> of <paramref name="directory"/>'s open cases after
    /// <see cref="CaseListQuery.After"/> that <paramref name="keep"/> keeps (all when null), and the place the next
    /// page starts after (null: the list ends). Reads at most <see cref="ReadBudget"/> cases.
    /// </summary>
    public static async Task<(List<TSummary> Page, CaseListPosition? Next)> ReadAsync<TSummary>(
        ICaseDirectoryGrain<TSummary> directory, CaseListQuery query, Func<TSummary, bool>? keep)
        where TSummary : class, ICaseSummary
    {
        var limit = query.Limit;
        var page = new List<TSummary>(Math.Min(limit, 256));
        var position = query.After;
        var read = 0;

        // Without a filter one read of limit + 1 says whether a next page exists; with one, read as much as a call may.
        var chunk = keep is null ? Math.Min(limit + 1, MaxLimit) : MaxLimit;
        while (true)
        {
            var found = await directory.Page(query with { After = position, Limit = chunk });
            for (var i = 0; i < found.Cases.Count; i++)
            {
                if (keep is null || keep(found.Cases[i]))
                {
                    if (page.Count == limit)
                    {
                        // One more case is kept: the next page starts after the last one listed.
                        return (page, position);
                    }

                    page.Add(found.Cases[i]);
                }

                position = found.Positions[i];
                read++;
            }

            if (found.End)
            {
                return (page, null);
            }

            if (page.Count == limit && keep is null || read >= ReadBudget)
            {
                // The read of limit + 1 (or of the largest chunk) found more, or the budget is spent.
                return (page, position);
            }
        }
    }

    /// <summary>
    /// Every case of <paramref name="directory"/>'s scope, open or closed, read a range of <see cref="MaxLimit"/> at a
    /// time: each call stays small and quick however long the history (one call for all of it outlived Orleans'
    /// response timeout with tens of thousands of cases).
    /// </summary>
    public static async Task<List<TSummary>> HistoryAsync<TSummary>(ICaseDirectoryGrain<TSummary> directory)
        where TSummary : class, ICaseSummary
    {
        var all = new List<TSummary>();
        string? after = null;
        while (true)
        {
            var found = await directory.HistoryPage(after, MaxLimit);
            all.AddRange(found.Cases);
            if (found.End)
            {
                return all;
            }

            after = found.Positions[^1].CaseId;
        }
    }

    /// <summary>
    /// Every open case of <paramref name="directory"/>'s scope, read a page of <see cref="MaxLimit"/> at a time (each
    /// call small and quick however many are open), in the lists' order at <paramref name="now"/>.
    /// </summary>
    public static Task<List<TSummary>> AllOpenAsync<TSummary>(ICaseDirectoryGrain<TSummary> directory, DateTimeOffset now, IReadOnlyList<string>? lanes = null)
        where TSummary : class, ICaseSummary =>
        EveryPageAsync(directory, new CaseListQuery { Limit = MaxLimit, Now = now, Lanes = lanes ?? [] });

    /// <summary>Every open case of <paramref name="directory"/>'s scope overdue at <paramref name="now"/>, read a page of <see cref="MaxLimit"/> at a time: the cost follows the overdue ones, not the open ones.</summary>
    public static Task<List<TSummary>> OverdueAsync<TSummary>(ICaseDirectoryGrain<TSummary> directory, DateTimeOffset now)
        where TSummary : class, ICaseSummary =>
        EveryPageAsync(directory, new CaseListQuery { Limit = MaxLimit, Overdue = true, Now = now });

    private static async Task<List<TSummary>> EveryPageAsync<TSummary>(ICaseDirectoryGrain<TSummary> directory, CaseListQuery query)
        where TSummary : class, ICaseSummary
    {
        var all = new List<TSummary>();
        while (true)
        {
            var found = await directory.Page(query);
            all.AddRange(found.Cases);
            if (found.End)
            {
                return all;
            }

            query = query with { After = found.Positions[^1] };
        }
    }

    private static void SetNext(HttpContext http, CaseListPosition? next)
    {
        if (next is null)
        {
            return;
        }

        var query = http.Request.Query
            .Where(pair => !string.Equals(pair.Key, "after", StringComparison.OrdinalIgnoreCase))
            .SelectMany(pair => pair.Value.Select(value => KeyValuePair.Create(pair.Key, value)))
            .Append(KeyValuePair.Create("after", (string?)Encode(next)));
        var target = QueryHelpers.AddQueryString($"{http.Request.PathBase}{http.Request.Path}", query);
        http.Response.Headers.Append("Link", $"<{target}>; rel=\"next\"");
    }

    /// <summary>
    /// A position as the opaque <c>after</c> of a link: "o" (listed among the overdue) or "u", the lane, the deadline's
    /// UTC ticks (empty: none) and the id, between bars, in base64url.
    /// </summary>
    internal static string Encode(CaseListPosition position) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
            $"{(position.Overdue ? "o" : "u")}|{position.Lane}|{position.DueAt?.UtcTicks.ToString(CultureInfo.InvariantCulture)}|{position.CaseId}"));

    /// <summary>The position an <c>after</c> names, or null when it is not one a list gave.</summary>
    internal static CaseListPosition? Decode(string after)
    {
        if (after.Length is 0 or > 400)
        {
            return null;
        }

        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(after));
        }
        catch (FormatException)
        {
            return null;
        }

        var parts = text.Split('|');
        if (parts is not [var part and ("o" or "u"), var lane, var due, var id]
            || lane.Length > 8 || !lane.All(char.IsAsciiLetter)
            || id.Length is 0 or > 200 || id.Any(char.IsControl))
        {
            return null;
        }

        DateTimeOffset? dueAt = null;
        if (due.Length > 0)
        {
            if (!long.TryParse(due, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) || ticks > DateTimeOffset.MaxValue.UtcTicks)
            {
                return null;
            }

            dueAt = new DateTimeOffset(ticks, TimeSpan.Zero);
        }

        // Only the cases not overdue may lack a deadline.
        return part == "o" && dueAt is null ? null : new CaseListPosition(part == "o", lane.Length == 0 ? null : lane, dueAt, id);
    }
}
