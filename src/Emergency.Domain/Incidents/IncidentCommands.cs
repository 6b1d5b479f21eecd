using Emergency.Domain.Cases;

namespace Emergency.Domain.Incidents;

/// <summary>A move on an incident (突发环境事件), as data: the same records come from the API, from drills and from escalated warnings.</summary>
public abstract record IncidentCommand : CaseCommand;

/// <summary>Register a newly known incident (接报): its facts, when it was discovered, where and from whom.</summary>
[Move("report", Role.DutyCommander, Creates = true, Summary = "Register an incident (接报): it is graded and its five obligations get their deadlines")]
public sealed record ReportIncident : IncidentCommand
{
    public required string Title { get; init; }

    public required string Region { get; init; }

    public required DateTimeOffset DiscoveredAt { get; init; }

    public required SourceChannel SourceChannel { get; init; }

    public string? Description { get; init; }

    public required IncidentFacts Facts { get; init; }

    /// <summary>
    /// A drill's what-if only: the id of the rule set to judge the incident by instead of the one in force at discovery.
    /// A live registration that names one is refused.
    /// </summary>
    public string? JudgedUnder { get; init; }
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

/// <summary>File an initial, follow-up or final report.</summary>
[Move("reports", Role.DutyCommander, Summary = "File an initial, follow-up or final report")]
public sealed record FileReport : IncidentCommand
{
    public required ReportKind Kind { get; init; }

    public required ReportMedium Medium { get; init; }

    public required string SignedOffBy { get; init; }

    public required string Contact { get; init; }

    public required string Content { get; init; }

    /// <summary>When the report was made; defaults to now.</summary>
    public DateTimeOffset? At { get; init; }
}

/// <summary>Mark one of reach scene, start monitoring, organise investigation, release information or notify neighbouring areas done.</summary>
/// <remarks>Also posted as <c>obligations/{obligation}/complete</c>, the route that names the obligation in its path.</remarks>
[Move("completeObligation", Role.DutyCommander, Summary = "Complete reachScene, startMonitoring, organiseInvestigation, releaseInformation or notifyNeighbours (with who was notified)")]
public sealed record CompleteObligation : IncidentCommand
{
    public required ObligationKind Obligation { get; init; }

    /// <summary>When it was done; defaults to now. Never in the future, never before discovery.</summary>
    public DateTimeOffset? At { get; init; }

    public string? Note { get; init; }

    /// <summary>Who was told, for the notice to neighbouring areas (通报相邻区域): the neighbouring bureau or bureaus.</summary>
    public string? Notified { get; init; }
}

/// <summary>
/// New facts are known; the incident is graded again and open deadlines recomputed. Only the facts named change:
/// a fact left out keeps its value, a fact sent as null becomes unknown.
/// </summary>
[Move("facts", Role.DutyCommander, Summary = "Record the facts that changed (a fact left out keeps its value, a fact sent as null becomes unknown); the incident is regraded and open deadlines recomputed")]
public sealed record UpdateFacts : IncidentCommand
{
    public required FactsPatch Facts { get; init; }

    public string? Note { get; init; }
}

/// <summary>
/// Record that an earlier report, claim or step was untrue (谎报), concealed facts (瞒报) or left them out (漏报).
/// A step shown untrue (a release of false information) no longer counts as done: its obligation is open again.
/// </summary>
[Move("corrections", Role.DutyCommander, Summary = "Record a false, concealed or omitted report (谎报/瞒报/漏报): what it concerns (registration, report N or a completed step), what was declared, what was real, when it became known; a step shown untrue is open again")]
public sealed record RecordCorrection : IncidentCommand
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

/// <summary>Close a handled incident: needs every obligation done and the final report filed.</summary>
[Move("close", Role.DutyCommander, BodyOptional = true, Summary = "Close the incident: every obligation done and the final report filed")]
public sealed record CloseIncident : IncidentCommand
{
    public string? Note { get; init; }
}
