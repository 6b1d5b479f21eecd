using Emergency.Domain.Cases;

namespace Emergency.Domain.Incidents;

/// <summary>
/// A duty commander saw an alert (警报) and takes it on: a step overdue and not done, or falling due within the hour.
/// Who acknowledged it and when go into the incident's timeline; the step itself stays open until it is done.
/// </summary>
[Move("acknowledgeAlert", Role.DutyCommander, Summary = "Acknowledge the alert of an open step overdue or due within the hour (its obligation id): who and when go into the timeline; an acknowledgement while due soon does not cover it once overdue")]
public sealed record AcknowledgeAlert : IncidentCommand
{
    /// <summary>The obligation's id, e.g. "reachScene" or "warnDownstream-liuzhou-hexi".</summary>
    public required string Obligation { get; init; }

    public string? Note { get; init; }
}

/// <summary>An alert taken on: by whom, when, and whether the step was overdue then (else it was due within the hour).</summary>
public sealed record AlertAcknowledgement(DateTimeOffset At, string By, bool Overdue);
