using Emergency.Domain.Cases;

namespace Emergency.Domain.Enforcement;

/// <summary>An enterprise on the environmental blacklist (黑名单), from its addition to its removal.</summary>
public sealed class BlacklistEntry
{
    public string Id { get; set; } = "";

    public string Enterprise { get; set; } = "";

    public string Reason { get; set; } = "";

    public DateTimeOffset AddedAt { get; set; }

    public string AddedBy { get; set; } = "";

    public DateTimeOffset? RemovedAt { get; set; }

    public string? RemovedBy { get; set; }

    public string? RemovalReason { get; set; }

    public List<TimelineEntry<EnforcementTimelineKind>> Timeline { get; set; } = [];

    public bool IsListedAt(DateTimeOffset now) => AddedAt <= now && (RemovedAt is null || RemovedAt > now);

    /// <summary>A copy that shares nothing mutable with this entry, for views and summaries: the registry goes on changing it.</summary>
    public BlacklistEntry Snapshot()
    {
        var copy = (BlacklistEntry)MemberwiseClone();
        copy.Timeline = [.. Timeline];
        return copy;
    }
}
