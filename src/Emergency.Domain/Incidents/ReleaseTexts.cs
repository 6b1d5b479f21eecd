using Emergency.Domain.Messages;

namespace Emergency.Domain.Incidents;

/// <summary>
/// What an incident says about its public information releases (信息发布): their timeline, the refusals of release moves,
/// and the words of a CAP alert that are not the department's own. Kinds, audiences and statuses are terms of their enums.
/// </summary>
public static class ReleaseTexts
{
    // Timeline.
    public static readonly MessageCode Drafted = new("release.drafted", "number", "kind", "audience", "headline");

    public static readonly MessageCode DraftedOf = new("release.draftedOf", "number", "kind", "audience", "headline", "replaces");

    public static readonly MessageCode Approved = new("release.approved", "number", "approvedBy");

    public static readonly MessageCode Published = new("release.published", "number", "kind", "headline", "approvedBy");

    public static readonly MessageCode PublishedReplacing = new("release.publishedReplacing", "number", "kind", "headline", "approvedBy", "replaces", "status");

    /// <summary>The note on the release obligation, met by a published release.</summary>
    public static readonly MessageCode ByRelease = new("release.byRelease", "number");

    // Field errors.
    public static readonly MessageCode NoReleases = new("release.noReleases", "number");

    public static readonly MessageCode NoSuchRelease = new("release.noSuchRelease", "number", "count");

    public static readonly MessageCode EnglishWhole = new("release.englishWhole");

    // Refusals.
    public static readonly MessageCode DoneByRelease = new("release.refused.doneByRelease", "obligation");

    public static readonly MessageCode NotPublished = new("release.refused.notPublished", "number", "status");

    public static readonly MessageCode Replaced = new("release.refused.replaced", "number", "status", "by");

    public static readonly MessageCode WithdrawalIsFinal = new("release.refused.withdrawalIsFinal", "number");

    public static readonly MessageCode AlreadyApproved = new("release.refused.alreadyApproved", "number", "approvedBy");

    public static readonly MessageCode AlreadyPublished = new("release.refused.alreadyPublished", "number", "at");

    public static readonly MessageCode NotApproved = new("release.refused.notApproved", "number");

    /// <summary>An update, correction or withdrawal whose release was replaced by another since it was drafted.</summary>
    public static readonly MessageCode TargetReplaced = new("release.refused.targetReplaced", "number", "replaces", "status", "by");

    /// <summary>Asked for the CAP alert of a release not published yet.</summary>
    public static readonly MessageCode NoAlertYet = new("release.noAlertYet", "number", "status");

    // Moves, as a refusal names them.
    public static readonly MessageCode MoveDraft = new("release.move.draft");

    public static readonly MessageCode MoveUpdate = new("release.move.update", "number");

    public static readonly MessageCode MoveCorrect = new("release.move.correct", "number");

    public static readonly MessageCode MoveWithdraw = new("release.move.withdraw", "number");

    public static readonly MessageCode MoveApprove = new("release.move.approve", "number");

    public static readonly MessageCode MovePublish = new("release.move.publish", "number");

    // CAP 1.2: the words of an alert that are the engine's, not the release's.

    /// <summary>The CAP event: what kind of event the alert is about.</summary>
    public static readonly MessageCode CapEvent = new("release.cap.event");

    /// <summary>The CAP sender's name: the department, from the deployment's settings.</summary>
    public static readonly MessageCode CapSenderName = new("release.cap.senderName", "department");

    /// <summary>The Atom feed's title.</summary>
    public static readonly MessageCode FeedTitle = new("release.feed.title");
}
