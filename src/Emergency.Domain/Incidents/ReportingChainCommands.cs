using Emergency.Domain.Cases;

namespace Emergency.Domain.Incidents;

/// <summary>
/// Record one hop of the reporting chain (信息报告): who sent it when, who received it when, by phone or in writing. A
/// phone report received counts as given and a written one is still owed (MEP Order 17 art. 9): the same hop recorded
/// again in writing records that written report. A hop to a bureau above the chain's next one is a direct report; the
/// hops it went past are shown skipped.
/// </summary>
[Move("recordHop", Role.DutyCommander, Summary = "Record a hop of the reporting chain (reportUp-{from}-{to}): sent at, received at, by phone or in writing, who sent and who received; a phone report recorded again in writing records the written report")]
public sealed record RecordHop : IncidentCommand
{
    /// <summary>The hop's id as the incident's chain lists it, e.g. "reportUp-140423-140400".</summary>
    public required string Hop { get; init; }

    /// <summary>When the sender sent it; never in the future, never before discovery.</summary>
    public required DateTimeOffset SentAt { get; init; }

    /// <summary>When the receiver got it; none while receipt is not confirmed. Never before it was sent.</summary>
    public DateTimeOffset? ReceivedAt { get; init; }

    public required ReportMedium Medium { get; init; }

    public required string SentBy { get; init; }

    /// <summary>Who took it at the receiving end; required with <see cref="ReceivedAt"/>.</summary>
    public string? ReceivedBy { get; init; }

    public string? Note { get; init; }
}
