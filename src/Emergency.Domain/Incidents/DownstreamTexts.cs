using Emergency.Domain.Messages;

namespace Emergency.Domain.Incidents;

/// <summary>
/// What the engine says about a spill into a river and the warnings to those downstream (下游预警): the arrivals, what
/// moved when something new was observed, the bases of the warnings' deadlines and the reasons it refuses a move.
/// </summary>
public static class DownstreamTexts
{
    // What the river data cannot answer (the estimate's fields).
    public static readonly MessageCode UnknownReach = new("downstream.unknownReach", "reach");

    public static readonly MessageCode OffReach = new("downstream.offReach", "km", "reach", "length");

    public static readonly MessageCode MassNotPositive = new("downstream.massNotPositive");

    public static readonly MessageCode ThresholdNotPositive = new("downstream.thresholdNotPositive");

    public static readonly MessageCode NoVelocityForMonth = new("downstream.noVelocityForMonth", "reach", "month");

    public static readonly MessageCode VelocityNotPositive = new("downstream.velocityNotPositive", "velocity");

    public static readonly MessageCode ReachOfAnotherRiver = new("downstream.reachOfAnotherRiver", "reach", "river");

    public static readonly MessageCode NothingObserved = new("downstream.nothingObserved");

    // Refusals of the procedure.
    public static readonly MessageCode DoneBySendWarning = new("downstream.doneBySendWarning");

    public static readonly MessageCode SpillAlreadyRecorded = new("downstream.spillAlreadyRecorded", "reach", "at");

    public static readonly MessageCode NoSpill = new("downstream.noSpill");

    public static readonly MessageCode UnknownWarning = new("downstream.unknownWarning", "obligation", "known");

    public static readonly MessageCode AlreadySent = new("downstream.alreadySent", "party", "at", "to");

    public static readonly MessageCode NotNeeded = new("downstream.notNeeded", "party");

    public static readonly MessageCode NotSentYet = new("downstream.notSentYet", "party");

    public static readonly MessageCode AlreadyAcknowledged = new("downstream.alreadyAcknowledged", "party", "at", "by");

    public static readonly MessageCode AcknowledgedBeforeSent = new("downstream.acknowledgedBeforeSent", "party", "at", "sent");

    // The timeline.
    public static readonly MessageCode SpillRecorded = new("downstream.spillRecorded", "pollutant", "mass", "reach", "km", "at", "points");

    public static readonly MessageCode NoIntakeDownstream = new("downstream.noIntakeDownstream", "reach", "km");

    public static readonly MessageCode ArrivalEstimated = new("downstream.arrivalEstimated", "point", "kind", "distance", "arrival", "edge");

    public static readonly MessageCode NowDownstream = new("downstream.nowDownstream", "point", "kind", "distance", "arrival", "edge");

    public static readonly MessageCode ArrivalMoved = new("downstream.arrivalMoved", "point", "from", "to");

    public static readonly MessageCode NoLongerDownstream = new("downstream.noLongerDownstream", "point");

    public static readonly MessageCode NotNeededNote = new("downstream.notNeededNote", "party", "point");

    public static readonly MessageCode DownstreamAgain = new("downstream.downstreamAgain", "party", "point");

    public static readonly MessageCode EdgeAt = new("downstream.edgeAt", "at");

    public static readonly MessageCode EdgeNone = new("downstream.edgeNone", "status");

    public static readonly MessageCode Observation = new("downstream.observation", "changes");

    public static readonly MessageCode VelocityObserved = new("downstream.velocityObserved", "reach", "from", "to");

    public static readonly MessageCode PositionObserved = new("downstream.positionObserved", "fromReach", "fromKm", "toReach", "toKm");

    public static readonly MessageCode MassObserved = new("downstream.massObserved", "from", "to");

    public static readonly MessageCode ThresholdObserved = new("downstream.thresholdObserved", "from", "to");

    /// <summary>A figure the data or the spill does not give, said where the figure would stand.</summary>
    public static readonly MessageCode NoFigure = new("downstream.noFigure");

    public static readonly MessageCode Warned = new("downstream.warned", "party", "medium");

    public static readonly MessageCode Acknowledged = new("downstream.acknowledged", "party", "by", "sent");

    // The bases of the warnings' deadlines.
    public static readonly MessageCode Basis = new("downstream.basis", "party", "point", "arrival", "lead", "basis", "source");

    public static readonly MessageCode BasisAtOnce = new("downstream.basisAtOnce", "party", "point", "arrival", "lead", "basis", "source");

    /// <summary>A measured figure as a number argument, rounded to the metre, gram or mm/s; a figure that is no number is said as written.</summary>
    public static Arg Figure(double value) =>
        double.IsFinite(value) && Math.Abs(value) < 1e15 ? Arg.Of((decimal)Math.Round(value, 3)) : Arg.Of(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
