using Emergency.Domain.Messages;

namespace Emergency.Host.Texts;

/// <summary>What the API says about a request for a page of a case's timeline.</summary>
public static class TimelineTexts
{
    public static readonly MessageCode Before = new("timeline.before", "given");

    public static readonly MessageCode Count = new("timeline.count", "given", "max");
}
