using Emergency.Domain.Cases;

namespace Emergency.Domain.Disputes;

/// <summary>The view's timeline returned a page at a time (<see cref="ITimelinePaged{TView}"/>).</summary>
public sealed partial record SuggestionView : ITimelinePaged<SuggestionView>
{
    private readonly int? _timelineCount;

    /// <summary>How many entries the whole timeline has; <see cref="CalendarCaseView.Timeline"/> holds the newest of them when the view is paged.</summary>
    public int TimelineCount { get => _timelineCount ?? Timeline.Count; init => _timelineCount = value; }

    public SuggestionView WithNewestTimeline(int count) =>
        Timeline.Count <= count ? this : this with { Timeline = TimelinePages.Newest(Timeline, count), TimelineCount = TimelineCount };
}
