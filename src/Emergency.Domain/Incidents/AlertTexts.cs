using Emergency.Domain.Messages;

namespace Emergency.Domain.Incidents;

/// <summary>What acknowledging an alert (警报确认) says: its timeline line and its refusals.</summary>
public static class AlertTexts
{
    public static readonly MessageCode AcknowledgedOverdue = new("alert.acknowledgedOverdue", "obligation", "due");

    public static readonly MessageCode AcknowledgedDueSoon = new("alert.acknowledgedDueSoon", "obligation", "due");

    public static readonly MessageCode UnknownObligation = new("alert.unknownObligation", "obligation", "known");

    public static readonly MessageCode NotAnAlert = new("alert.notAnAlert", "obligation", "due");

    public static readonly MessageCode AlreadyDone = new("alert.alreadyDone", "obligation", "at");

    public static readonly MessageCode AlreadyAcknowledged = new("alert.alreadyAcknowledged", "obligation", "at", "by");
}
