using Emergency.Domain.Cases;

namespace Emergency.Domain.Incidents;

/// <summary>
/// Everything the engine keeps about one incident. Persisted as JSON: property names are the stored
/// contract, so rename with care.
/// </summary>
public sealed class IncidentState
{
    public string Id { get; set; } = "";

    /// <summary>"live", or the drill run the incident belongs to.</summary>
    public string Scope { get; set; } = "live";

    public IncidentPhase Phase { get; set; }

    public string Title { get; set; } = "";

    public string Region { get; set; } = "";

    public string? Description { get; set; }

    public SourceChannel SourceChannel { get; set; }

    public DateTimeOffset DiscoveredAt { get; set; }

    public DateTimeOffset RegisteredAt { get; set; }

    public string RegisteredBy { get; set; } = "";

    public string RuleSetId { get; set; } = "";

    public IncidentFacts Facts { get; set; } = new();

    public Grade? Grade { get; set; }

    /// <summary>The level at registration; <see cref="LevelChanges"/> records every later change.</summary>
    public Rules.IncidentLevel InitialLevel { get; set; }

    public List<LevelChange> LevelChanges { get; set; } = [];

    public List<Obligation> Obligations { get; set; } = [];

    public List<IncidentReport> Reports { get; set; } = [];

    public List<TimelineEntry<TimelineKind>> Timeline { get; set; } = [];

    /// <summary>Reports, claims and steps shown untrue (谎报/瞒报/漏报); empty in states stored before corrections existed.</summary>
    public List<Correction> Corrections { get; set; } = [];

    /// <summary>A spill into a river, its arrivals downstream and the warnings sent; none when no spill was recorded.</summary>
    public DownstreamState? Downstream { get; set; }

    /// <summary>Public information releases (信息发布), numbered from 1; empty in states stored before releases existed.</summary>
    public List<Release> Releases { get; set; } = [];

    /// <summary>The reporting chain up the levels (逐级上报); none when the region is outside the catalog or in states stored before it existed.</summary>
    public ReportingChain? Chain { get; set; }

    /// <summary>The neighbouring areas and the warnings sent to them; none outside the catalog or in states stored before neighbours were data.</summary>
    public NeighbourState? Neighbours { get; set; }

    /// <summary>Goes up by one with every accepted change, including deadline events.</summary>
    public long Version { get; set; }

    public bool Exists => Id.Length > 0;
}

/// <summary>A regrade that changed the level, and when.</summary>
public sealed record LevelChange(DateTimeOffset At, Rules.IncidentLevel Level);

/// <summary>Where an incident stands in its procedure.</summary>
public enum IncidentPhase
{
    /// <summary>Known to the engine; the initial report (初报) is not filed yet.</summary>
    Registered,

    /// <summary>Initial report filed; response under way.</summary>
    Responding,

    /// <summary>Final report (处理结果报告) filed; closing needs every obligation done.</summary>
    FinalReportFiled,

    Closed,

    /// <summary>A superstate of the machine, never stored: every phase before closing (completions and corrections).</summary>
    Open,

    /// <summary>A superstate of the machine, never stored: the phases before the final report (new facts).</summary>
    BeforeFinalReport,
}
