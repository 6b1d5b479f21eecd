using Emergency.Domain.Messages;

namespace Emergency.Domain.Enforcement;

/// <summary>
/// What the enforcement registry says: its refusals, its timelines, and how a regional approval restriction is described.
/// </summary>
public static class EnforcementTexts
{
    public static readonly MessageCode IdTakenBySupervision = new("enforcement.idTaken.supervision", "id", "target");

    public static readonly MessageCode NoSupervision = new("enforcement.noSupervision", "id");

    public static readonly MessageCode SupervisionAlreadyLifted = new("enforcement.supervisionAlreadyLifted", "target", "at", "by");

    public static readonly MessageCode IdTakenByBlacklist = new("enforcement.idTaken.blacklist", "id", "enterprise");

    public static readonly MessageCode AlreadyBlacklisted = new("enforcement.alreadyBlacklisted", "enterprise", "id", "at", "by", "reason");

    public static readonly MessageCode NoBlacklistEntry = new("enforcement.noBlacklistEntry", "id");

    public static readonly MessageCode AlreadyRemoved = new("enforcement.alreadyRemoved", "enterprise", "at", "by");

    public static readonly MessageCode IdTakenByRestriction = new("enforcement.idTaken.restriction", "id", "region");

    public static readonly MessageCode NoRestriction = new("enforcement.noRestriction", "id");

    public static readonly MessageCode RestrictionAlreadyLifted = new("enforcement.restrictionAlreadyLifted", "region", "at", "by");

    public static readonly MessageCode Listed = new("enforcement.timeline.listed", "target", "name", "by", "matter", "deadline");

    public static readonly MessageCode SupervisionLifted = new("enforcement.timeline.supervisionLifted", "target", "timing", "note");

    public static readonly MessageCode LiftedLate = new("enforcement.timing.late", "late", "deadline");

    public static readonly MessageCode LiftedInTime = new("enforcement.timing.inTime", "deadline");

    public static readonly MessageCode Blacklisted = new("enforcement.timeline.blacklisted", "enterprise", "reason");

    public static readonly MessageCode RemovedFromBlacklist = new("enforcement.timeline.removedFromBlacklist", "enterprise", "reason");

    public static readonly MessageCode RestrictionSet = new("enforcement.timeline.restrictionSet", "region", "reason");

    public static readonly MessageCode RestrictionLifted = new("enforcement.timeline.restrictionLifted", "region", "after", "reason");

    public static readonly MessageCode DeadlinePassed = new("enforcement.timeline.deadlinePassed", "target", "deadline");

    public static readonly MessageCode Restriction = new("enforcement.restriction", "region", "at", "by", "reason");
}
