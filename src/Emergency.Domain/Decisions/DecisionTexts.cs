using Emergency.Domain.Messages;

namespace Emergency.Domain.Decisions;

/// <summary>
/// What a major decision says: its refusals (whose code, after "decision.", is the stable code of <see cref="DecisionRefusals"/>), its timeline, what blocks it, and how its moves are named.
/// </summary>
public static class DecisionTexts
{
    public static readonly MessageCode NoRuleSet = new(DecisionRefusals.Prefix + DecisionRefusals.NoRuleSet, "at", "earliest");

    public static readonly MessageCode Decided = new(DecisionRefusals.Prefix + DecisionRefusals.Decided, "move", "outcome", "at");

    public static readonly MessageCode AlreadySubmitted = new(DecisionRefusals.Prefix + DecisionRefusals.AlreadySubmitted, "at");

    public static readonly MessageCode OutOfOrder = new(DecisionRefusals.Prefix + DecisionRefusals.OutOfOrder, "why");

    public static readonly MessageCode CommentAlreadyOpened = new(DecisionRefusals.Prefix + DecisionRefusals.CommentAlreadyOpened, "at", "channel", "closed");

    public static readonly MessageCode CommentNotOpened = new(DecisionRefusals.Prefix + DecisionRefusals.CommentNotOpened);

    public static readonly MessageCode CommentAlreadyClosed = new(DecisionRefusals.Prefix + DecisionRefusals.CommentAlreadyClosed, "at");

    public static readonly MessageCode CommentPeriodTooShort = new(DecisionRefusals.Prefix + DecisionRefusals.CommentPeriodTooShort, "opened", "minimum", "source", "mayClose");

    public static readonly MessageCode CommentStillOpen = new(DecisionRefusals.Prefix + DecisionRefusals.CommentStillOpen, "why");

    public static readonly MessageCode ViewsMissing = new(DecisionRefusals.Prefix + DecisionRefusals.ViewsMissing, "methods", "ruleSet", "sources");

    public static readonly MessageCode DimensionAlreadyAnalysed = new(DecisionRefusals.Prefix + DecisionRefusals.DimensionAlreadyAnalysed, "dimension", "at", "by");

    public static readonly MessageCode HighRiskStands = new(DecisionRefusals.Prefix + DecisionRefusals.HighRiskStands, "level");

    public static readonly MessageCode MitigationBeforeReRating = new(DecisionRefusals.Prefix + DecisionRefusals.MitigationBeforeReRating, "level");

    public static readonly MessageCode MitigationNeeded = new(DecisionRefusals.Prefix + DecisionRefusals.MitigationNeeded, "why");

    public static readonly MessageCode AlreadyReviewed = new(DecisionRefusals.Prefix + DecisionRefusals.AlreadyReviewed, "office", "report", "at", "verdict");

    public static readonly MessageCode ReviewsPending = new(DecisionRefusals.Prefix + DecisionRefusals.ReviewsPending, "offices");

    public static readonly MessageCode AlreadyPostponed = new(DecisionRefusals.Prefix + DecisionRefusals.AlreadyPostponed, "since");

    public static readonly MessageCode HighRiskNotImplemented = new(DecisionRefusals.Prefix + DecisionRefusals.HighRiskNotImplemented, "level", "meaning");

    public static readonly MessageCode OutcomeNotAllowedAtLevel = new(DecisionRefusals.Prefix + DecisionRefusals.OutcomeNotAllowedAtLevel, "level", "outcomes", "source");

    public static readonly MessageCode InvestmentNotApprovable = new(DecisionRefusals.Prefix + DecisionRefusals.InvestmentNotApprovable, "level", "source");

    public static readonly MessageCode RestrictionInForce = new(DecisionRefusals.Prefix + DecisionRefusals.RestrictionInForce, "restrictions");

    public static readonly MessageCode AlreadyDrafted = new("decision.order.drafted", "at");

    public static readonly MessageCode IsDraft = new("decision.order.draft", "move");

    public static readonly MessageCode NotPlanned = new("decision.order.notPlanned", "move");

    public static readonly MessageCode PlanFixed = new("decision.order.planFixed");

    public static readonly MessageCode NothingHeard = new("decision.order.nothingHeard");

    public static readonly MessageCode HearingEnded = new("decision.order.hearingEnded", "move", "at");

    public static readonly MessageCode AnalysisAfterViews = new("decision.order.analysisAfterViews");

    public static readonly MessageCode AllAnalysed = new("decision.order.allAnalysed");

    public static readonly MessageCode RateAfterAnalysis = new("decision.order.rateAfterAnalysis");

    public static readonly MessageCode RateAfterAnalysisLeft = new("decision.order.rateAfterAnalysisLeft", "left");

    public static readonly MessageCode NoReRatingAfterReport = new("decision.order.noReRatingAfterReport", "report");

    public static readonly MessageCode RateBeforeMitigation = new("decision.order.rateBeforeMitigation");

    public static readonly MessageCode NoMeasuresAfterReport = new("decision.order.noMeasuresAfterReport", "report");

    public static readonly MessageCode ReportNeedsRating = new("decision.order.reportNeedsRating");

    public static readonly MessageCode ReportAlreadyWritten = new("decision.order.reportWritten", "report");

    public static readonly MessageCode BothAgreed = new("decision.order.bothAgreed", "report");

    public static readonly MessageCode ReportWasReturned = new("decision.order.reportReturned", "report");

    public static readonly MessageCode NoReportToReview = new("decision.order.noReport");

    public static readonly MessageCode DecisionAfterReviews = new("decision.order.decisionAfterReviews");

    public static readonly MessageCode WrongStage = new("decision.order.wrongStage", "move", "stage");

    public static readonly MessageCode CommentOpenUntil = new("decision.comment.openUntil", "until");

    public static readonly MessageCode CloseCommentFirst = new("decision.comment.closeFirst", "since");

    public static readonly MessageCode AndClosed = new("decision.comment.andClosed", "at");

    public static readonly MessageCode ReRateWithMeasures = new("decision.mitigation.reRate", "level");

    public static readonly MessageCode RecordMeasuresAndReRate = new("decision.mitigation.recordAndReRate", "level");

    public static readonly MessageCode ReportNeedsMeasures = new("decision.mitigation.none");

    public static readonly MessageCode MoveDraft = new("decision.move.draft");

    public static readonly MessageCode MoveSubmit = new("decision.move.submit");

    public static readonly MessageCode MovePlan = new("decision.move.plan");

    public static readonly MessageCode MoveOpenComment = new("decision.move.openComment");

    public static readonly MessageCode MoveCloseComment = new("decision.move.closeComment");

    public static readonly MessageCode MoveRecordViews = new("decision.move.recordViews", "method");

    public static readonly MessageCode MoveFinishHearing = new("decision.move.finishHearing");

    public static readonly MessageCode MoveRecordFinding = new("decision.move.recordFinding", "dimension");

    public static readonly MessageCode MoveRate = new("decision.move.rate");

    public static readonly MessageCode MoveMitigate = new("decision.move.mitigate");

    public static readonly MessageCode MoveReport = new("decision.move.report");

    public static readonly MessageCode MoveReview = new("decision.move.review", "office");

    public static readonly MessageCode MoveDecide = new("decision.move.decide", "outcome");

    public static readonly MessageCode MoveAttachOpinion = new("decision.move.attachOpinion");

    public static readonly MessageCode MoveChangeProposal = new("decision.move.changeProposal");

    public static readonly MessageCode Drafted = new("decision.timeline.drafted", "kind", "region");

    public static readonly MessageCode Submitted = new("decision.timeline.submitted", "ruleSet", "note");

    public static readonly MessageCode Planned = new("decision.timeline.planned", "assessor", "methods");

    public static readonly MessageCode PlanRevised = new("decision.timeline.planRevised", "assessor", "methods");

    public static readonly MessageCode CommentOpened = new("decision.timeline.commentOpened", "channel", "minimum", "source", "mayClose", "recorded");

    public static readonly MessageCode CommentClosed = new("decision.timeline.commentClosed", "after", "comments", "summary", "recorded");

    public static readonly MessageCode RecordedLater = new("decision.timeline.recordedLater", "after");

    public static readonly MessageCode ViewsRecorded = new("decision.timeline.viewsRecorded", "method", "period", "people", "opposed", "summary");

    public static readonly MessageCode Opposed = new("decision.timeline.opposed", "opposed");

    public static readonly MessageCode On = new("decision.period.on", "at");

    public static readonly MessageCode Between = new("decision.period.between", "from", "to");

    public static readonly MessageCode ComplaintsAttached = new("decision.timeline.complaintsAttached", "count", "period", "ids", "summary");

    public static readonly MessageCode WarningAttached = new("decision.timeline.warningAttached", "count", "period", "ids", "summary");

    public static readonly MessageCode ViewsHeard = new("decision.timeline.viewsHeard", "heard", "note");

    public static readonly MessageCode HeardComment = new("decision.heard.comment", "duration", "comments");

    public static readonly MessageCode HeardByMethod = new("decision.heard.method", "method", "times", "people");

    public static readonly MessageCode HeardOpinion = new("decision.heard.opinion", "times", "complaints");

    public static readonly MessageCode Noted = new("decision.timeline.noted", "note");

    public static readonly MessageCode FindingRecorded = new("decision.timeline.finding", "dimension", "findings");

    public static readonly MessageCode Rated = new("decision.timeline.rated", "level", "reasons");

    public static readonly MessageCode ReRated = new("decision.timeline.reRated", "before", "level", "measures", "reasons");

    public static readonly MessageCode MitigationRecorded = new("decision.timeline.mitigation", "number", "unit", "measure");

    public static readonly MessageCode ReportWritten = new("decision.timeline.report", "number", "level", "measures", "summary");

    public static readonly MessageCode ReviewAgreed = new("decision.timeline.reviewAgreed", "office", "report", "comments");

    public static readonly MessageCode ReviewReturned = new("decision.timeline.reviewReturned", "office", "report", "comments");

    public static readonly MessageCode CollectiveDecisionTaken = new("decision.timeline.collectiveDecision", "meeting", "outcome", "level", "reasons", "explanation");

    public static readonly MessageCode Explanation = new("decision.timeline.explanation", "explanation");

    public static readonly MessageCode ProposalChanged = new("decision.timeline.proposalChanged", "what");

    public static readonly MessageCode Reopened = new("decision.timeline.reopened", "round", "previous", "concluded");

    public static readonly MessageCode RatedAs = new("decision.timeline.ratedAs", "level");

    public static readonly MessageCode CommentMinimumRun = new("decision.timeline.commentMinimumRun", "opened", "minimum");

    public static readonly MessageCode RestrictionNoted = new("decision.timeline.restrictionInForce", "restriction", "id");

    public static readonly MessageCode RestrictionGone = new("decision.timeline.restrictionLifted", "id", "region");

    public static readonly MessageCode FirstAssessment = new("decision.round.first");

    public static readonly MessageCode ProposalChangedBecause = new("decision.round.proposalChanged", "what");

    public static readonly MessageCode WaitingSubmission = new("decision.blocker.draft");

    public static readonly MessageCode WaitingPlan = new("decision.blocker.plan");

    public static readonly MessageCode WaitingComment = new("decision.blocker.comment");

    public static readonly MessageCode WaitingCommentReopened = new("decision.blocker.commentReopened", "because");

    public static readonly MessageCode CommentRunning = new("decision.blocker.commentRunning", "until", "minimum");

    public static readonly MessageCode CommentMayClose = new("decision.blocker.commentMayClose", "since");

    public static readonly MessageCode WaitingEndOfHearing = new("decision.blocker.endOfHearing");

    public static readonly MessageCode WaitingAnalysis = new("decision.blocker.analysis", "dimensions");

    public static readonly MessageCode WaitingRating = new("decision.blocker.rating");

    public static readonly MessageCode ReturnedBy = new("decision.blocker.returned", "report", "offices");

    public static readonly MessageCode WaitingReport = new("decision.blocker.report", "level");

    public static readonly MessageCode WaitingReview = new("decision.blocker.review", "office");

    public static readonly MessageCode HighRiskBlocks = new("decision.blocker.highRisk", "level");

    public static readonly MessageCode InvestmentBlocked = new("decision.blocker.investment", "level");

    public static readonly MessageCode WaitingAfterPostponement = new("decision.blocker.postponed", "at", "meeting");

    public static readonly MessageCode WaitingDecision = new("decision.blocker.decision");

    public static readonly MessageCode BlockedByRestriction = new("decision.blocker.restriction", "restriction");

    public static readonly MessageCode NoSuchComplaint = new("decision.field.noSuchComplaint", "ids");

    public static readonly MessageCode NoSuchWarning = new("decision.field.noSuchWarning", "ids");

    public static readonly MessageCode Named = new("decision.view.named", "term");

    public static readonly MessageCode CommentOn = new("decision.view.commentOn", "channel");

    public static readonly MessageCode ComplaintsTitle = new("decision.view.complaints", "ids");

    public static readonly MessageCode WarningTitle = new("decision.view.warning", "ids");

    public static readonly MessageCode NoViewMethod = new("decision.field.noViewMethod");

    public static readonly MessageCode MethodRequired = new("decision.field.methodRequired", "method", "ruleSet", "source");

    public static readonly MessageCode NoReason = new("decision.field.noReason");

    public static readonly MessageCode CommentIsNotHeard = new("decision.field.commentIsNotHeard");

    public static readonly MessageCode MoreOpposedThanHeard = new("decision.field.moreOpposedThanHeard", "opposed", "people");

    public static readonly MessageCode DimensionNotAnalysed = new("decision.field.dimensionNotAnalysed", "dimension", "ruleSet", "dimensions");

    public static readonly MessageCode ExplanationRequired = new("decision.field.explanationRequired", "level", "source");

    public static readonly MessageCode NoOpinionIds = new("decision.field.noOpinionIds");

    public static readonly MessageCode TooManyOpinionIds = new("decision.field.tooManyOpinionIds", "count", "max");

    public static readonly MessageCode ProposalUnchanged = new("decision.field.proposalUnchanged");

    /// <summary>What a comment or a view may not predate: the plan of the current round.</summary>
    public static readonly MessageCode ThePlanComments = new("decision.field.thePlanComments");

    public static readonly MessageCode ThePlanViews = new("decision.field.thePlanViews");

    public static readonly MessageCode TheCommentOpening = new("decision.field.theCommentOpening");
}
