using Emergency.Domain.Messages;
using Emergency.Domain.Rules;

namespace Emergency.Domain.Incidents;

/// <summary>
/// The reporting chain of one incident (信息报告): the bureaus above the one where it happened, resolved from its region
/// at registration, and every hop a report made or owes up the levels. A required hop is also an obligation of kind
/// <see cref="ObligationKind.ReportUp"/> with the same id, which holds its deadline. Persisted as JSON.
/// </summary>
public sealed class ReportingChain
{
    /// <summary>The bureaus from the origin up to the province, nearest first (a county, its city, its province).</summary>
    public List<ChainParty> Bureaus { get; set; } = [];

    /// <summary>The level whose hops are due now (the graded level, or II while unclear and sensitive).</summary>
    public IncidentLevel Level { get; set; }

    /// <summary>Since when <see cref="Level"/> applies: discovery, or the regrade that changed it.</summary>
    public DateTimeOffset LevelSince { get; set; }

    public List<Hop> Hops { get; set; } = [];
}

/// <summary>A party a report passes through: a bureau (its region's code), a government, the ministry or the State Council duty office.</summary>
public sealed record ChainParty
{
    /// <summary>The region's GB/T 2260 code for a bureau, the code with ".gov" for a government, "ministry", "stateCouncil".</summary>
    public required string Key { get; init; }

    /// <summary>The region's official name; none for the ministry and the State Council.</summary>
    public string? Region { get; init; }

    public required ChainRank Rank { get; init; }
}

/// <summary>Where a party stands in the chain, lowest first; a government stands beside its bureau.</summary>
public enum ChainRank
{
    County,
    City,
    Province,
    Ministry,
    StateCouncil,
    Government,
}

/// <summary>One report from one party to another: sent, received, by phone or in writing, or skipped by a direct report above it.</summary>
public sealed class Hop
{
    /// <summary>"reportUp-{from}-{to}"; for a required hop also the id of its obligation.</summary>
    public required string Id { get; init; }

    public required ChainParty From { get; init; }

    public required ChainParty To { get; init; }

    /// <summary>Owed under the rule set (an obligation); false for a direct report beyond the chain (越级报告).</summary>
    public required bool Required { get; init; }

    /// <summary>The level that made the hop due; none for a direct report.</summary>
    public IncidentLevel? Level { get; init; }

    public DateTimeOffset? SentAt { get; set; }

    public string? SentBy { get; set; }

    public DateTimeOffset? ReceivedAt { get; set; }

    public string? ReceivedBy { get; set; }

    public ReportMedium? Medium { get; set; }

    /// <summary>When the written report that must follow a phone report arrived (MEP Order 17 art. 9).</summary>
    public DateTimeOffset? WrittenAt { get; set; }

    /// <summary>The direct report that went past this hop's receiver while this hop was not received.</summary>
    public string? SkippedBy { get; set; }

    public DateTimeOffset? SkippedAt { get; set; }

    public Message? Note { get; set; }

    /// <summary>Received by phone and no written report yet: the receiver must ask for one (art. 9).</summary>
    public bool WrittenOwed => Medium == ReportMedium.Phone && ReceivedAt is not null && WrittenAt is null;
}

/// <summary>Where a hop stands at one moment.</summary>
public enum HopStatus
{
    /// <summary>Its sender has not received the report yet: no deadline runs.</summary>
    Awaiting,

    /// <summary>Due, not sent, deadline not passed.</summary>
    Pending,

    /// <summary>Sent, receipt not recorded, deadline not passed.</summary>
    Sent,

    /// <summary>Not sent and the deadline passed (迟报, or 漏报 if it never comes).</summary>
    Overdue,

    /// <summary>Sent, but not received by the deadline.</summary>
    NotReceived,

    Received,

    ReceivedLate,

    /// <summary>Not received, and its sender reported directly to a level above its receiver.</summary>
    Skipped,

    /// <summary>A direct report beyond the chain, received; it owes nothing.</summary>
    Direct,
}

/// <summary>One hop as the incident's view shows it, counted against the view's moment.</summary>
public sealed record HopView
{
    public required string Id { get; init; }

    public required ChainParty From { get; init; }

    public required ChainParty To { get; init; }

    public required Message FromName { get; init; }

    public required Message ToName { get; init; }

    public required HopStatus Status { get; init; }

    public required bool Required { get; init; }

    public IncidentLevel? Level { get; init; }

    /// <summary>None while the hop is awaiting its sender's receipt, or for a direct report.</summary>
    public DateTimeOffset? DueAt { get; init; }

    public Message? DeadlineBasis { get; init; }

    public DateTimeOffset? SentAt { get; init; }

    public string? SentBy { get; init; }

    public DateTimeOffset? ReceivedAt { get; init; }

    public string? ReceivedBy { get; init; }

    public ReportMedium? Medium { get; init; }

    public DateTimeOffset? WrittenAt { get; init; }

    public bool WrittenOwed { get; init; }

    public string? SkippedBy { get; init; }

    /// <summary>How late it was received, or is as of the view when not received past its deadline.</summary>
    public TimeSpan? LateBy { get; init; }

    public Message? Note { get; init; }

    /// <summary>Whether the hop is late, skipped or not received: what every level above must be shown.</summary>
    public bool NeedsAttention => Status is HopStatus.Overdue or HopStatus.NotReceived or HopStatus.ReceivedLate or HopStatus.Skipped;

    /// <summary>Whether a party (a bureau's code, "ministry") is the hop's sender or receiver, for filtering by jurisdiction.</summary>
    public bool Involves(string party) => From.Key == party || To.Key == party;
}
