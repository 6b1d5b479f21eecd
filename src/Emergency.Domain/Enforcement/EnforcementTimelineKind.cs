namespace Emergency.Domain.Enforcement;

/// <summary>What the timeline of an enforcement entry records (<see cref="Cases.TimelineEntry{TKind}"/>).</summary>
public enum EnforcementTimelineKind
{
    SupervisionListed,
    RectificationOverdue,
    SupervisionLifted,
    Blacklisted,
    RemovedFromBlacklist,
    RestrictionSet,
    RestrictionLifted,
}
