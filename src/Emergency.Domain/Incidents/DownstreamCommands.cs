using Emergency.Domain.Cases;

namespace Emergency.Domain.Incidents;

/// <summary>A move about a spill into a river and the warnings to those downstream (下游预警).</summary>
public abstract record DownstreamCommand : IncidentCommand;

/// <summary>
/// A spill into a river: the engine estimates when it reaches each boundary and intake below it and sets a deadline to
/// warn each downstream jurisdiction and intake operator.
/// </summary>
[Move("recordSpill", Role.DutyCommander, Summary = "Record a spill into a river (reach, km from the reach's head, time, pollutant, kg, optional threshold mg/L): arrivals downstream are estimated and each party downstream gets a deadline to be warned")]
public sealed record RecordSpill : DownstreamCommand
{
    /// <summary>The reach's id in config/rivers.</summary>
    public required string Reach { get; init; }

    public required double PositionKm { get; init; }

    /// <summary>When the release began; never in the future.</summary>
    public required DateTimeOffset At { get; init; }

    public required string Pollutant { get; init; }

    public required double MassKg { get; init; }

    public double? ThresholdMgPerL { get; init; }
}

/// <summary>
/// Something new about the spill: a velocity measured on a reach, a corrected position or amount, another threshold.
/// The arrivals are estimated again and the deadlines of warnings not yet sent move with them.
/// </summary>
[Move("riverObservation", Role.DutyCommander, Summary = "Record a velocity measured on a reach, or a new position, amount or threshold of the spill: arrivals are estimated again and unsent warnings' deadlines move")]
public sealed record RiverObservation : DownstreamCommand
{
    public IReadOnlyList<VelocityObservation>? Velocities { get; init; }

    public string? Reach { get; init; }

    public double? PositionKm { get; init; }

    public double? MassKg { get; init; }

    public double? ThresholdMgPerL { get; init; }

    /// <summary>When it was observed; defaults to now.</summary>
    public DateTimeOffset? At { get; init; }

    public string? Note { get; init; }
}

/// <summary>A velocity measured on one reach (m/s).</summary>
public sealed record VelocityObservation
{
    public required string Reach { get; init; }

    public required double MetresPerSecond { get; init; }
}

/// <summary>A warning was sent to a party downstream: which warning (its obligation's id), to whom, how and when.</summary>
[Move("sendWarning", Role.DutyCommander, Summary = "Record that a party downstream was warned (its warnDownstream-… obligation, who received it, by phone or in writing, when)")]
public sealed record SendWarning : DownstreamCommand
{
    /// <summary>The warning obligation's id, e.g. "warnDownstream-harbin-sifangtai".</summary>
    public required string Obligation { get; init; }

    public required string To { get; init; }

    public required ReportMedium Medium { get; init; }

    /// <summary>When it was sent; defaults to now. Never in the future.</summary>
    public DateTimeOffset? At { get; init; }

    public string? Note { get; init; }
}

/// <summary>The party warned confirmed it received the warning: who there, and when.</summary>
[Move("acknowledgeWarning", Role.DutyCommander, Summary = "Record that the party warned acknowledged the warning (who acknowledged, when)")]
public sealed record AcknowledgeWarning : DownstreamCommand
{
    public required string Obligation { get; init; }

    public required string AcknowledgedBy { get; init; }

    /// <summary>When it was acknowledged; defaults to now. Never in the future, never before it was sent.</summary>
    public DateTimeOffset? At { get; init; }

    public string? Note { get; init; }
}
