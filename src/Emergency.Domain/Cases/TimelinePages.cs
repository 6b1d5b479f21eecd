namespace Emergency.Domain.Cases;

/// <summary>
/// A view whose timeline is returned a page at a time: an answer carries the newest entries and the count of all, and
/// the older ones are asked for page by page. The domain keeps the whole timeline; only what is returned is paged.
/// </summary>
/// <typeparam name="TView">The view itself.</typeparam>
public interface ITimelinePaged<out TView>
{
    /// <summary>How many entries the whole timeline has (the view's own list may hold only the newest of them).</summary>
    int TimelineCount { get; }

    /// <summary>The view with only the newest <paramref name="count"/> entries of its timeline (itself when it has no more).</summary>
    TView WithNewestTimeline(int count);
}

/// <summary>One page of a timeline, oldest first, and how many entries the whole timeline has.</summary>
public sealed record TimelinePage<TEntry>(IReadOnlyList<TEntry> Entries, int Total);

/// <summary>How timelines are paged. Entries are numbered (<c>seq</c>) from 1 in the order they were recorded.</summary>
public static class TimelinePages
{
    /// <summary>The newest entries a view carries in an answer or a read of the case.</summary>
    public const int ViewSize = 50;

    /// <summary>The most entries one page asked for carries.</summary>
    public const int MaxCount = 500;

    /// <summary>The newest <paramref name="count"/> of <paramref name="entries"/>, oldest first.</summary>
    public static IReadOnlyList<T> Newest<T>(IReadOnlyList<T> entries, int count) =>
        entries.Count <= count ? entries : [.. entries.Skip(entries.Count - count)];

    /// <summary>
    /// The page of at most <paramref name="count"/> entries just before the entry numbered <paramref name="before"/>
    /// (null: the newest), oldest first.
    /// </summary>
    public static TimelinePage<T> Before<T>(IReadOnlyList<T> entries, int? before, int count)
    {
        var end = before is { } b ? Math.Clamp(b - 1, 0, entries.Count) : entries.Count;
        var start = Math.Max(0, end - count);
        return new TimelinePage<T>([.. entries.Skip(start).Take(end - start)], entries.Count);
    }
}
