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

/// <summary>
/// What the view of every kind of case carries alike: its timeline, returned a page at a time
/// (<see cref="ITimelinePaged{TView}"/>).
/// </summary>
/// <typeparam name="TSelf">The kind's view, so that <see cref="WithNewestTimeline"/> gives it back.</typeparam>
/// <typeparam name="TKind">The kind's list of what its timeline records.</typeparam>
public abstract record TimelineView<TSelf, TKind> : ITimelinePaged<TSelf>
    where TSelf : TimelineView<TSelf, TKind>
    where TKind : struct, Enum
{
    private readonly int? _timelineCount;

    /// <summary>The case's timeline, oldest first; when the view is paged, only the newest of its <see cref="TimelineCount"/> entries.</summary>
    public IReadOnlyList<TimelineEntry<TKind>> Timeline { get; init; } = [];

    /// <summary>How many entries the whole timeline has; <see cref="Timeline"/> holds the newest of them when the view is paged.</summary>
    public int TimelineCount { get => _timelineCount ?? Timeline.Count; init => _timelineCount = value; }

    public TSelf WithNewestTimeline(int count) =>
        (TSelf)(Timeline.Count <= count ? this : this with { Timeline = TimelinePages.Newest(Timeline, count), TimelineCount = TimelineCount });
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
