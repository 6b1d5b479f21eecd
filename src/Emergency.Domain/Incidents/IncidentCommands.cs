namespace Emergency.Domain.Incidents;

/// <summary>Register a newly known incident (接报): its facts, when it was discovered, where and from whom.</summary>
public sealed record ReportIncident
{
    public required string Title { get; init; }

    public required string Region { get; init; }

    public required DateTimeOffset DiscoveredAt { get; init; }

    public required SourceChannel SourceChannel { get; init; }

    public string? Description { get; init; }

    public required IncidentFacts Facts { get; init; }
}

/// <summary>How the department learnt of the incident.</summary>
public enum SourceChannel
{
    Hotline12369,
    Enterprise,
    Patrol,
    Monitoring,
    Media,
    Government,
    Public,
    Other,
}

/// <summary>
/// New facts are known; the incident is graded again and open deadlines recomputed. Only the facts named change:
/// a fact left out keeps its value, a fact sent as null becomes unknown.
/// </summary>
public sealed record UpdateFacts
{
    public required FactsPatch Facts { get; init; }

    public string? Note { get; init; }
}

/// <summary>Mark one of reach scene, start monitoring, organise investigation, release information or notify neighbouring areas done.</summary>
public sealed record CompleteObligation
{
    public required ObligationKind Obligation { get; init; }

    /// <summary>When it was done; defaults to now. Never in the future, never before discovery.</summary>
    public DateTimeOffset? At { get; init; }

    public string? Note { get; init; }

    /// <summary>Who was told, for the notice to neighbouring areas (通报相邻区域): the neighbouring bureau or bureaus.</summary>
    public string? Notified { get; init; }
}

/// <summary>
/// Record that an earlier report, claim or step was untrue (谎报), concealed facts (瞒报) or left them out (漏报).
/// A step shown untrue (a release of false information) no longer counts as done: its obligation is open again.
/// </summary>
public sealed record RecordCorrection
{
    public required CorrectionKind Kind { get; init; }

    /// <summary>"registration" (the claim the incident was registered on), "report N" (a filed report), or a completed step's id such as "releaseInformation".</summary>
    public required string Concerns { get; init; }

    public required string Declared { get; init; }

    public required string Actual { get; init; }

    /// <summary>When the truth became known; defaults to now. Never in the future, never before what it corrects.</summary>
    public DateTimeOffset? KnownAt { get; init; }

    public string? Note { get; init; }
}

/// <summary>File an initial, follow-up or final report.</summary>
public sealed record FileReport
{
    public required ReportKind Kind { get; init; }

    public required ReportMedium Medium { get; init; }

    public required string SignedOffBy { get; init; }

    public required string Contact { get; init; }

    public required string Content { get; init; }

    /// <summary>When the report was made; defaults to now.</summary>
    public DateTimeOffset? At { get; init; }
}

/// <summary>Close a handled incident: needs every obligation done and the final report filed.</summary>
public sealed record CloseIncident
{
    public string? Note { get; init; }
}
