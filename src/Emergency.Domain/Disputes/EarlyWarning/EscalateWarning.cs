using Emergency.Domain.Incidents;

namespace Emergency.Domain.Disputes.EarlyWarning;

/// <summary>
/// Escalate an early warning into an incident (预警升级): a duty commander registers the incident the complaints point
/// to. Everything is optional: the title names the subject, the region is the warning's, the facts start unknown.
/// </summary>
public sealed record EscalateWarning
{
    public string? Title { get; init; }

    public string? Region { get; init; }

    /// <summary>When the incident was discovered; defaults to now.</summary>
    public DateTimeOffset? DiscoveredAt { get; init; }

    public IncidentFacts? Facts { get; init; }

    public string? Note { get; init; }
}
