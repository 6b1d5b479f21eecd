using System.Text.Json.Serialization;
using Emergency.Domain.Cases;

namespace Emergency.Domain.Enforcement;

/// <summary>
/// Listed supervision with a rectification deadline (挂牌督办): an enterprise or a region must put a problem right
/// by the deadline. Lifted on the deadline is in time; overdue only after it.
/// </summary>
public sealed class ListedSupervision
{
    public string Id { get; set; } = "";

    public SupervisionTarget TargetKind { get; set; }

    /// <summary>The enterprise or the region under supervision.</summary>
    public string Target { get; set; } = "";

    /// <summary>What must be put right.</summary>
    public string Matter { get; set; } = "";

    /// <summary>The authority that listed it (the ministry, the provincial department).</summary>
    public string IssuedBy { get; set; } = "";

    public DateTimeOffset ListedAt { get; set; }

    public string ListedBy { get; set; } = "";

    public DateTimeOffset RectificationDeadline { get; set; }

    /// <summary>Set when the deadline passed with the supervision still in place; it stays once set.</summary>
    public DateTimeOffset? OverdueSince { get; set; }

    public DateTimeOffset? LiftedAt { get; set; }

    public string? LiftedBy { get; set; }

    public string? LiftNote { get; set; }

    public List<TimelineEntry<EnforcementTimelineKind>> Timeline { get; set; } = [];

    /// <summary>Derived, not stored.</summary>
    [JsonIgnore]
    public bool IsLifted => LiftedAt is not null;

    public SupervisionStatus StatusAt(DateTimeOffset now) => this switch
    {
        { LiftedAt: { } lifted } => lifted > RectificationDeadline ? SupervisionStatus.LiftedLate : SupervisionStatus.Lifted,
        _ when now > RectificationDeadline => SupervisionStatus.Overdue,
        _ => SupervisionStatus.Open,
    };

    /// <summary>A copy that shares nothing mutable with this supervision, for views and summaries: the registry goes on changing it.</summary>
    public ListedSupervision Snapshot()
    {
        var copy = (ListedSupervision)MemberwiseClone();
        copy.Timeline = [.. Timeline];
        return copy;
    }
}

public enum SupervisionTarget
{
    Enterprise,
    Region,
}

public enum SupervisionStatus
{
    /// <summary>In place, the deadline not passed.</summary>
    Open,

    /// <summary>In place after the deadline.</summary>
    Overdue,

    /// <summary>Lifted by the deadline.</summary>
    Lifted,

    /// <summary>Lifted after the deadline.</summary>
    LiftedLate,
}
