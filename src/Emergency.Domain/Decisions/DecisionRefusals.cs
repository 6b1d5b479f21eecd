using Emergency.Domain.Messages;

namespace Emergency.Domain.Decisions;

/// <summary>
/// The stable codes of the procedure's refusals of a major decision's steps: a drill's <c>moveRefused</c> expectation
/// names the one it expects. A refusal's reason is a message whose code is the stable code after <see cref="Prefix"/>
/// ("decision.commentPeriodTooShort"), so the code and the sentence that explains it cannot part.
/// </summary>
public static class DecisionRefusals
{
    /// <summary>What a refusal's message code starts with, before the stable code.</summary>
    public const string Prefix = "decision.";

    /// <summary>The command is malformed (a missing or bad field).</summary>
    public const string Invalid = "invalid";

    /// <summary>No rule set for major decisions was in force when the matter was submitted.</summary>
    public const string NoRuleSet = "noRuleSet";

    /// <summary>The matter was decided: nothing more happens to it.</summary>
    public const string Decided = "decided";

    public const string AlreadySubmitted = "alreadySubmitted";

    /// <summary>The step does not belong to the matter's stage: too early, or too late without a change to the proposal.</summary>
    public const string OutOfOrder = "outOfOrder";

    public const string CommentAlreadyOpened = "commentAlreadyOpened";

    public const string CommentNotOpened = "commentNotOpened";

    public const string CommentAlreadyClosed = "commentAlreadyClosed";

    /// <summary>Closing public comment before its minimum period ran.</summary>
    public const string CommentPeriodTooShort = "commentPeriodTooShort";

    /// <summary>Hearing views ends only once public comment is closed.</summary>
    public const string CommentStillOpen = "commentStillOpen";

    /// <summary>A way of hearing views the rule set requires was not used.</summary>
    public const string ViewsMissing = "viewsMissing";

    public const string DimensionAlreadyAnalysed = "dimensionAlreadyAnalysed";

    /// <summary>A high risk is rated again only after the proposal changes.</summary>
    public const string HighRiskStands = "highRiskStands";

    /// <summary>A medium risk is rated again only after mitigation measures.</summary>
    public const string MitigationBeforeReRating = "mitigationBeforeReRating";

    /// <summary>The report waits for the mitigation measures, or for the risk rated again with them.</summary>
    public const string MitigationNeeded = "mitigationNeeded";

    public const string AlreadyReviewed = "alreadyReviewed";

    /// <summary>The collective decision waits for both offices' preliminary reviews.</summary>
    public const string ReviewsPending = "reviewsPending";

    public const string AlreadyPostponed = "alreadyPostponed";

    /// <summary>Approving a matter at high risk.</summary>
    public const string HighRiskNotImplemented = "highRiskNotImplemented";

    /// <summary>An outcome the rule set does not allow at the rated level.</summary>
    public const string OutcomeNotAllowedAtLevel = "outcomeNotAllowedAtLevel";

    /// <summary>Approving an investment project at a level the rule set does not approve projects at.</summary>
    public const string InvestmentNotApprovable = "investmentNotApprovable";

    /// <summary>Approving while a regional restriction (限批) stands.</summary>
    public const string RestrictionInForce = "restrictionInForce";

    /// <summary>A drill step on a decision whose draft was refused, or a second draft of one.</summary>
    public const string NotInDrill = "notInDrill";

    /// <summary>Every code, for the scenario reader's list of what an expectation may name.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Invalid, NoRuleSet, Decided, AlreadySubmitted, OutOfOrder, CommentAlreadyOpened, CommentNotOpened, CommentAlreadyClosed,
        CommentPeriodTooShort, CommentStillOpen, ViewsMissing, DimensionAlreadyAnalysed, HighRiskStands, MitigationBeforeReRating,
        MitigationNeeded, AlreadyReviewed, ReviewsPending, AlreadyPostponed, HighRiskNotImplemented, OutcomeNotAllowedAtLevel,
        InvestmentNotApprovable, RestrictionInForce, NotInDrill,
    ];

    /// <summary>The stable code of a refusal's reason ("commentPeriodTooShort"), or null when the reason is no refusal of a major decision's procedure.</summary>
    public static string? CodeOf(Message? reason) =>
        reason is not null && reason.Code.StartsWith(Prefix, StringComparison.Ordinal) && All.Contains(reason.Code[Prefix.Length..], StringComparer.Ordinal)
            ? reason.Code[Prefix.Length..]
            : null;
}
