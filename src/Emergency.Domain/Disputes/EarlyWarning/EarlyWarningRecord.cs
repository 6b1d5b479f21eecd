using Emergency.Domain.Messages;

namespace Emergency.Domain.Disputes.EarlyWarning;

/// <summary>
/// An early warning (预警) as the engine stores and shows it: N complaints about one enterprise or place within the
/// window, the complaints that made it (evidence), and its escalation into an incident. Holds no personal data.
/// </summary>
public sealed record EarlyWarningRecord
{
    public required string Id { get; init; }

    public required string Scope { get; init; }

    public required ClusterSubjectKind SubjectKind { get; init; }

    public required string Subject { get; init; }

    /// <summary>The region of the complaint that raised it: where an escalated incident is registered by default.</summary>
    public required string Region { get; init; }

    /// <summary>When the complaint that made the count reach N was received.</summary>
    public required DateTimeOffset RaisedAt { get; init; }

    /// <summary>The oldest complaint of the evidence.</summary>
    public required DateTimeOffset FirstAt { get; init; }

    /// <summary>The complaints within the window when the warning was raised, oldest first.</summary>
    public required IReadOnlyList<WarningEvidence> Evidence { get; init; }

    /// <summary>The rule that raised it, with its source.</summary>
    public required Message Rule { get; init; }

    public required string RuleSetId { get; init; }

    public WarningEscalation? Escalation { get; init; }

    public required long Version { get; init; }
}

public sealed record WarningEvidence
{
    public required string CaseId { get; init; }

    public required DateTimeOffset At { get; init; }
}

/// <summary>The incident a warning was escalated into (预警升级为突发事件), by whom and when.</summary>
public sealed record WarningEscalation
{
    public required string IncidentId { get; init; }

    public required DateTimeOffset At { get; init; }

    public required string By { get; init; }
}
