using Emergency.Domain.Messages;

namespace Emergency.Domain.Disputes.EarlyWarning;

/// <summary>A complaint as the early warning sees it: what it is about, when it came, and who it is from.</summary>
public sealed record ComplaintSignal
{
    public required string CaseId { get; init; }

    /// <summary>When the complaint was received.</summary>
    public required DateTimeOffset At { get; init; }

    public string? Enterprise { get; init; }

    public string? Place { get; init; }

    /// <summary>Used only to link repeat complainants; the detector keeps a hash of it, never the number.</summary>
    [PersonalData]
    public string? IdNumber { get; init; }

    /// <summary>Used only to link repeat complainants; the detector keeps a hash of it, never the contact.</summary>
    [PersonalData]
    public string? Contact { get; init; }

    public static ComplaintSignal Of(DisputeState dispute) => new()
    {
        CaseId = dispute.Id,
        At = dispute.ReceivedAt,
        Enterprise = dispute.Subject.Enterprise,
        Place = dispute.Subject.Place,
        IdNumber = dispute.Complainant.IdNumber,
        Contact = dispute.Complainant.Contact,
    };
}

/// <summary>What a cluster is about.</summary>
public enum ClusterSubjectKind
{
    Enterprise,
    Place,
}

/// <summary>
/// An early warning (预警): N complaints about one enterprise or one place within the window, with the cases that
/// make it up. Raised once per burst.
/// </summary>
public sealed record ClusterWarning
{
    public required string Id { get; init; }

    public required ClusterSubjectKind SubjectKind { get; init; }

    /// <summary>The subject as the first complaint in the detector's memory wrote it.</summary>
    public required string Subject { get; init; }

    /// <summary>The moment of the complaint that made the count reach N.</summary>
    public required DateTimeOffset RaisedAt { get; init; }

    /// <summary>The oldest complaint of the evidence.</summary>
    public required DateTimeOffset FirstAt { get; init; }

    /// <summary>The cases within the window when the warning was raised, oldest first.</summary>
    public required IReadOnlyList<string> Evidence { get; init; }

    /// <summary>The rule that raised it ("5 complaints within 7 d (local practice: ...)").</summary>
    public required Message Rule { get; init; }
}

/// <summary>What one complaint did to the early warning.</summary>
public sealed record ClusterObservation
{
    /// <summary>Warnings this complaint raised (an enterprise and a place may both reach N at once).</summary>
    public required IReadOnlyList<ClusterWarning> Raised { get; init; }

    /// <summary>Warnings already raised whose burst this complaint belongs to.</summary>
    public required IReadOnlyList<string> JoinedWarnings { get; init; }

    /// <summary>Earlier cases of the same person (same id number or same contact) within the look-back, oldest first.</summary>
    public required IReadOnlyList<string> RepeatOf { get; init; }
}
