using Emergency.Domain.Rivers;

namespace Emergency.Domain.Incidents;

/// <summary>
/// A spill into a river on an incident (流域污染): where and what it is, the velocities observed since, the estimated
/// arrival at each point below it and the warnings sent to those downstream (下游预警). Persisted as JSON with the incident.
/// </summary>
public sealed class DownstreamState
{
    public RiverSpill Spill { get; set; } = new();

    /// <summary>The river system (config/rivers) the spill's reach belongs to.</summary>
    public string RiverSystem { get; set; } = "";

    /// <summary>Velocities observed during the spill; each replaces its reach's figure from the data.</summary>
    public List<ObservedVelocity> Velocities { get; set; } = [];

    /// <summary>Every point ever estimated below the spill, in the order the water reaches them; a point the spill no longer reaches is kept, marked.</summary>
    public List<DownstreamArrival> Arrivals { get; set; } = [];

    /// <summary>The warnings sent, one per warning obligation at most.</summary>
    public List<DownstreamWarning> Warnings { get; set; } = [];
}

/// <summary>The spill as last known: reach, km from the reach's head, when it began, the pollutant and how much.</summary>
public sealed record RiverSpill
{
    public string Reach { get; init; } = "";

    public double PositionKm { get; init; }

    public DateTimeOffset At { get; init; }

    public string Pollutant { get; init; } = "";

    public double MassKg { get; init; }

    /// <summary>The concentration that counts as arrival (mg/L), e.g. the drinking-water standard; none gives advection and the peak only.</summary>
    public double? ThresholdMgPerL { get; init; }

    public Spill ToSpill() => new(Reach, PositionKm, At, Pollutant, MassKg, ThresholdMgPerL);
}

/// <summary>A velocity measured on a reach during the spill, and by whom.</summary>
public sealed record ObservedVelocity(string Reach, double MetresPerSecond, DateTimeOffset At, string By);

/// <summary>
/// When the pollution is estimated to reach one point below the spill. <see cref="WarnFrom"/> is the earlier of the
/// leading edge and the advective arrival: the warnings count from it.
/// </summary>
public sealed record DownstreamArrival
{
    /// <summary>The intake's id, "boundary-{from}-{into}" for a boundary, "end-{reach}" for the end of the data.</summary>
    public required string Id { get; init; }

    public required DownstreamPointKind Kind { get; init; }

    public required string Name { get; init; }

    public required double DistanceKm { get; init; }

    public required DateTimeOffset AdvectiveArrival { get; init; }

    public required LeadingEdgeStatus LeadingEdgeStatus { get; init; }

    public DateTimeOffset? LeadingEdge { get; init; }

    public double? PeakMgPerL { get; init; }

    /// <summary>Those to warn before the pollution arrives here: the intake's operator, or each jurisdiction the river enters.</summary>
    public IReadOnlyList<WarnedParty> Parties { get; init; } = [];

    /// <summary>False once a later observation put the spill below this point.</summary>
    public bool StillDownstream { get; init; } = true;

    public DateTimeOffset WarnFrom => LeadingEdge is { } edge && edge < AdvectiveArrival ? edge : AdvectiveArrival;
}

/// <summary>One party to warn: its warning obligation's id, its name (the operator, or the region's name) and its region code.</summary>
public sealed record WarnedParty(string Obligation, string Name, string Region);

/// <summary>A warning sent to a party downstream, and its acknowledgement by that party.</summary>
public sealed record DownstreamWarning
{
    public required string Obligation { get; init; }

    /// <summary>Who received it at the party (a person or a duty office).</summary>
    public required string To { get; init; }

    public required ReportMedium Medium { get; init; }

    public required DateTimeOffset SentAt { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }

    public required string SentBy { get; init; }

    /// <summary>Who at the party acknowledged it.</summary>
    public string? AcknowledgedBy { get; init; }

    public DateTimeOffset? AcknowledgedAt { get; init; }
}

/// <summary>Where a party's warning stands.</summary>
public enum WarningStatus
{
    /// <summary>Nobody to warn at this point (the end of the data).</summary>
    None,

    /// <summary>To be sent; its deadline has not passed.</summary>
    Pending,

    /// <summary>Not sent and past its deadline.</summary>
    Overdue,

    Sent,

    /// <summary>Sent and acknowledged by the party warned.</summary>
    Acknowledged,

    /// <summary>Never sent: a later observation put the spill below the point.</summary>
    NotNeeded,
}

/// <summary>The downstream section of an incident's view: the spill and a countdown line per point and party.</summary>
public sealed record DownstreamView
{
    public required RiverSpill Spill { get; init; }

    public required string RiverSystem { get; init; }

    public required IReadOnlyList<ObservedVelocity> Velocities { get; init; }

    public required bool ReachesAnIntake { get; init; }

    public required IReadOnlyList<DownstreamPointView> Points { get; init; }
}

/// <summary>One point below the spill, for one party to warn there (a boundary entering two regions gives two lines).</summary>
public sealed record DownstreamPointView : WarningLineView
{
    public required string Point { get; init; }

    public required string Name { get; init; }

    public required DownstreamPointKind Kind { get; init; }

    /// <summary>The intake's operator or the jurisdiction entered; none at the end of the data.</summary>
    public string? Party { get; init; }

    public string? Jurisdiction { get; init; }

    public required double DistanceKm { get; init; }

    public required DateTimeOffset Arrival { get; init; }

    public required LeadingEdgeStatus LeadingEdgeStatus { get; init; }

    public DateTimeOffset? LeadingEdge { get; init; }

    public double? PeakMgPerL { get; init; }

    /// <summary>Time left until the earlier of the leading edge and the advective arrival, as of the view; none once it passed.</summary>
    public TimeSpan? Remaining { get; init; }

    public required bool StillDownstream { get; init; }

    public string? Obligation { get; init; }
}

/// <summary>
/// Where the warning of one party stands in an incident's view, the same for a point below a river spill and for a
/// neighbouring area: by when it is owed, whether it was sent (when, to whom, how) and acknowledged.
/// </summary>
public abstract record WarningLineView
{
    public WarningStatus Warning { get; init; }

    public DateTimeOffset? WarnBy { get; init; }

    public DateTimeOffset? WarnedAt { get; init; }

    public string? WarnedTo { get; init; }

    public ReportMedium? Medium { get; init; }

    public DateTimeOffset? AcknowledgedAt { get; init; }

    public string? AcknowledgedBy { get; init; }
}
