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

    public List<EnforcementTimelineEntry> Timeline { get; set; } = [];

    public bool IsListedAt(DateTimeOffset now) => AddedAt <= now && (RemovedAt is null || RemovedAt > now);
}
