using Emergency.Domain.Messages;

namespace Emergency.Domain.Disputes;

/// <summary>
/// What a petition says (信访事项): its timeline, its refusals, the bases of its deadlines and windows. Personal data
/// never goes into an argument of a timeline entry: the timeline is shown to every role and may reach logs.
/// </summary>
public static class DisputeTexts
{
    /// <summary>An optional part left out: renders as nothing in both languages.</summary>
    public static readonly MessageCode Nothing = new("dispute.nothing");

    /// <summary>An officer's note after a timeline sentence.</summary>
    public static readonly MessageCode Note = new("dispute.note", "note");

    public static readonly MessageCode Obligation = new("dispute.obligation", "kind");

    public static readonly MessageCode Window = new("dispute.window", "kind");

    // The events a limit counts from, and the dates a move may not precede.
    public static readonly MessageCode EventReceipt = new("dispute.event.receipt");
    public static readonly MessageCode EventTheReceipt = new("dispute.event.theReceipt");
    public static readonly MessageCode EventReceiptByOffice = new("dispute.event.receiptByOffice");
    public static readonly MessageCode EventReceiptByDepartment = new("dispute.event.receiptByDepartment");
    public static readonly MessageCode EventReachedDepartment = new("dispute.event.reachedDepartment");
    public static readonly MessageCode EventTransfer = new("dispute.event.transfer");
    public static readonly MessageCode EventAcceptance = new("dispute.event.acceptance");
    public static readonly MessageCode EventTheAcceptance = new("dispute.event.theAcceptance");
    public static readonly MessageCode EventAssignment = new("dispute.event.assignment");
    public static readonly MessageCode EventHandling = new("dispute.event.handling");
    public static readonly MessageCode EventReply = new("dispute.event.reply");
    public static readonly MessageCode EventReviewOpinion = new("dispute.event.reviewOpinion");
    public static readonly MessageCode EventRequest = new("dispute.event.request");
    public static readonly MessageCode EventAnswer = new("dispute.event.answer");
    public static readonly MessageCode EventDissatisfaction = new("dispute.event.dissatisfaction");
    public static readonly MessageCode EventAnswerStage = new("dispute.event.answerStage", "stage");

    // Why a deadline or a window end is what it is.
    public static readonly MessageCode BasisRule = new("dispute.basis.rule", "counted", "basis", "source");
    public static readonly MessageCode BasisFixedAtAssignment = new("dispute.basis.fixedAtAssignment", "at");
    public static readonly MessageCode BasisExtended = new("dispute.basis.extended", "counted", "limit", "length", "by", "source", "basis", "limitSource");
    public static readonly MessageCode BasisStatute = new("dispute.basis.statute");
    public static readonly MessageCode BasisLocalRule = new("dispute.basis.localRule");
    public static readonly MessageCode BasisLocalPractice = new("dispute.basis.localPractice");
    public static readonly MessageCode BasisEngineReading = new("dispute.basis.engineReading");

    // The timeline.
    public static readonly MessageCode Registered = new("dispute.timeline.registered", "channel", "how", "at", "subject", "unit", "ruleSet", "hotline");
    public static readonly MessageCode ReceivedByOffice = new("dispute.timeline.receivedByOffice", "office");
    public static readonly MessageCode ReceivedByDepartment = new("dispute.timeline.receivedByDepartment");
    public static readonly MessageCode HotlineRulesApply = new("dispute.timeline.hotlineRulesApply", "principle");
    public static readonly MessageCode EarlierCasesLinked = new("dispute.timeline.earlierCasesLinked", "cases");
    public static readonly MessageCode Transferred = new("dispute.timeline.transferred", "office", "unit", "note");
    public static readonly MessageCode Accepted = new("dispute.timeline.accepted");
    public static readonly MessageCode NotAccepted = new("dispute.timeline.notAccepted", "ground", "reason");
    public static readonly MessageCode TransferredOut = new("dispute.timeline.transferredOut", "organ", "reason");
    public static readonly MessageCode Returned = new("dispute.timeline.returned", "reason");
    public static readonly MessageCode Assigned = new("dispute.timeline.assigned", "leader", "unit", "deadline", "requirement");
    public static readonly MessageCode ReplyExtended = new("dispute.timeline.replyExtended", "length", "before", "after", "by", "approvedAt", "reason");
    public static readonly MessageCode Handled = new("dispute.timeline.handled", "unit", "finding");
    public static readonly MessageCode ViolationFound = new("dispute.timeline.violationFound");
    public static readonly MessageCode NoViolationFound = new("dispute.timeline.noViolationFound");
    public static readonly MessageCode Replied = new("dispute.timeline.replied");
    public static readonly MessageCode OpinionGiven = new("dispute.timeline.opinionGiven", "stage");
    public static readonly MessageCode Satisfaction = new("dispute.timeline.satisfaction", "satisfaction", "stage");
    public static readonly MessageCode ReviewRequested = new("dispute.timeline.reviewRequested", "organ", "stage", "contested");
    public static readonly MessageCode AReview = new("dispute.timeline.aReview");
    public static readonly MessageCode ASecondReview = new("dispute.timeline.aSecondReview");
    public static readonly MessageCode EscalatedToIncident = new("dispute.timeline.escalatedToIncident", "warning", "incident");
    public static readonly MessageCode Closed = new("dispute.timeline.closed", "note");
    public static readonly MessageCode DeadlineSet = new("dispute.timeline.deadlineSet", "obligation", "due", "basis");
    public static readonly MessageCode WindowOpened = new("dispute.timeline.windowOpened", "window", "until", "basis");
    public static readonly MessageCode CompletedOnTime = new("dispute.timeline.completedOnTime", "obligation", "due", "recorded");
    public static readonly MessageCode CompletedLate = new("dispute.timeline.completedLate", "obligation", "late", "due", "recorded");
    public static readonly MessageCode RecordedLater = new("dispute.timeline.recordedLater", "after");
    public static readonly MessageCode Withdrawn = new("dispute.timeline.withdrawn", "obligation", "because");
    public static readonly MessageCode WindowUsed = new("dispute.timeline.windowUsed", "window", "until", "late");
    public static readonly MessageCode UsedAfterLapse = new("dispute.timeline.usedAfterLapse");
    public static readonly MessageCode WindowWaived = new("dispute.timeline.windowWaived", "window", "because");
    public static readonly MessageCode Overdue = new("dispute.timeline.overdue", "obligation", "due", "unit");
    public static readonly MessageCode WindowLapsed = new("dispute.timeline.windowLapsed", "window", "at");
    public static readonly MessageCode BecauseDepartmentDecided = new("dispute.because.departmentDecided");
    public static readonly MessageCode BecauseReturned = new("dispute.because.returned");

    // The moves as a refusal names them ("cannot reply: ...").
    public static readonly MessageCode MoveRecordTransfer = new("dispute.move.recordTransfer");
    public static readonly MessageCode MoveDecideAccepted = new("dispute.move.decideAccepted");
    public static readonly MessageCode MoveDecideNotAccepted = new("dispute.move.decideNotAccepted");
    public static readonly MessageCode MoveDecideTransferred = new("dispute.move.decideTransferred");
    public static readonly MessageCode MoveReturn = new("dispute.move.return");
    public static readonly MessageCode MoveAssign = new("dispute.move.assign");
    public static readonly MessageCode MoveExtend = new("dispute.move.extend");
    public static readonly MessageCode MoveRecordHandling = new("dispute.move.recordHandling");
    public static readonly MessageCode MoveReply = new("dispute.move.reply");
    public static readonly MessageCode MoveGiveOpinion = new("dispute.move.giveOpinion", "stage");
    public static readonly MessageCode MoveRecordSatisfaction = new("dispute.move.recordSatisfaction");
    public static readonly MessageCode MoveRequestReview = new("dispute.move.requestReview");
    public static readonly MessageCode MoveRequestSecondReview = new("dispute.move.requestSecondReview");
    public static readonly MessageCode MoveLink = new("dispute.move.link");
    public static readonly MessageCode MoveClose = new("dispute.move.close");
    public static readonly MessageCode MoveOther = new("dispute.move.other", "move");

    // Refusals.
    public static readonly MessageCode CaseClosed = new("dispute.refused.closed", "move");
    public static readonly MessageCode CaseNotAccepted = new("dispute.refused.notAccepted", "move", "ground");
    public static readonly MessageCode CaseTransferredOut = new("dispute.refused.transferredOut", "move", "organ");
    public static readonly MessageCode CaseReturned = new("dispute.refused.returned", "move");
    public static readonly MessageCode TransferAfterDecision = new("dispute.refused.transferAfterDecision");
    public static readonly MessageCode AlreadyDecided = new("dispute.refused.alreadyDecided", "outcome", "at");
    public static readonly MessageCode ReturnOnlyBeforeDecision = new("dispute.refused.returnOnlyBeforeDecision");
    public static readonly MessageCode AssignAfterAcceptance = new("dispute.refused.assignAfterAcceptance");
    public static readonly MessageCode AlreadyAssigned = new("dispute.refused.alreadyAssigned", "unit");
    public static readonly MessageCode ExtendAfterAcceptance = new("dispute.refused.extendAfterAcceptance");
    public static readonly MessageCode NothingToExtend = new("dispute.refused.nothingToExtend");
    public static readonly MessageCode HandlingNeedsAssignment = new("dispute.refused.handlingNeedsAssignment");
    public static readonly MessageCode HandlingRecorded = new("dispute.refused.handlingRecorded");
    public static readonly MessageCode ReplyAfterHandling = new("dispute.refused.replyAfterHandling");
    public static readonly MessageCode ReplyGiven = new("dispute.refused.replyGiven");
    public static readonly MessageCode SatisfactionNotNow = new("dispute.refused.satisfactionNotNow");
    public static readonly MessageCode SatisfactionAfterAnswer = new("dispute.refused.satisfactionAfterAnswer");
    public static readonly MessageCode ReviewAfterReply = new("dispute.refused.reviewAfterReply");
    public static readonly MessageCode ReviewAsked = new("dispute.refused.reviewAsked");
    public static readonly MessageCode ReviewOpinionGiven = new("dispute.refused.reviewOpinionGiven");
    public static readonly MessageCode NoReviewAsked = new("dispute.refused.noReviewAsked");
    public static readonly MessageCode SecondReviewAsked = new("dispute.refused.secondReviewAsked");
    public static readonly MessageCode SecondReviewAfterReview = new("dispute.refused.secondReviewAfterReview");
    public static readonly MessageCode SecondReviewOpinionGiven = new("dispute.refused.secondReviewOpinionGiven");
    public static readonly MessageCode NoSecondReviewAsked = new("dispute.refused.noSecondReviewAsked");
    public static readonly MessageCode CloseDuringReview = new("dispute.refused.closeDuringReview");
    public static readonly MessageCode CloseBeforeAnswer = new("dispute.refused.closeBeforeAnswer");
    public static readonly MessageCode PhaseForbids = new("dispute.refused.phaseForbids", "move", "phase");
    public static readonly MessageCode NoTransferDirect = new("dispute.refused.noTransferDirect");
    public static readonly MessageCode AlreadyTransferred = new("dispute.refused.alreadyTransferred", "at");
    public static readonly MessageCode TransferFirst = new("dispute.refused.transferFirst");
    public static readonly MessageCode HotlineMustAccept = new("dispute.refused.hotlineMustAccept", "principle", "grounds", "source");
    public static readonly MessageCode NoWrongAssignmentRule = new("dispute.refused.noWrongAssignmentRule", "ruleSet", "title");
    public static readonly MessageCode ReturnOnlyTransferred = new("dispute.refused.returnOnlyTransferred");
    public static readonly MessageCode NotTransferredYet = new("dispute.refused.notTransferredYet");
    public static readonly MessageCode WindowEnded = new("dispute.refused.windowEnded", "window", "closesAt", "basis", "then");
    public static readonly MessageCode ThenDecideAcceptance = new("dispute.refused.thenDecideAcceptance");
    public static readonly MessageCode ThenStands = new("dispute.refused.thenStands", "stage");
    public static readonly MessageCode NoExtensionRule = new("dispute.refused.noExtensionRule", "ruleSet", "title");
    public static readonly MessageCode ExtensionsUsed = new("dispute.refused.extensionsUsed", "extensions", "ruleSet", "times", "most");
    public static readonly MessageCode ExtensionApproved = new("dispute.refused.extensionApproved", "length", "by");
    public static readonly MessageCode ReplyLimitPassed = new("dispute.refused.replyLimitPassed", "at");
    public static readonly MessageCode SatisfactionRecorded = new("dispute.refused.satisfactionRecorded", "stage", "satisfaction", "at");
    public static readonly MessageCode NoSecondReviewRule = new("dispute.refused.noSecondReviewRule", "ruleSet", "title");
    public static readonly MessageCode StillOpen = new("dispute.refused.stillOpen", "open");
    public static readonly MessageCode WindowRuns = new("dispute.refused.windowRuns", "window", "until");
    public static readonly MessageCode SatisfactionFirst = new("dispute.refused.satisfactionFirst", "stage");
    public static readonly MessageCode AllLinked = new("dispute.refused.allLinked");
    public static readonly MessageCode EscalationNoted = new("dispute.refused.escalationNoted", "incident");

    // Field checks.
    public static readonly MessageCode PetitionOfficeOnly = new("dispute.field.petitionOfficeOnly");
    public static readonly MessageCode NoRuleSetInForce = new("dispute.field.noRuleSetInForce", "at", "earliest");
    public static readonly MessageCode HotlineNamesSubject = new("dispute.field.hotlineNamesSubject", "source");
    public static readonly MessageCode AfterLegalLimit = new("dispute.field.afterLegalLimit", "deadline", "limit");
    public static readonly MessageCode NotAfterAssignment = new("dispute.field.notAfterAssignment", "deadline", "at");
    public static readonly MessageCode ExtensionLength = new("dispute.field.extensionLength", "max", "most", "ruleSet");
    public static readonly MessageCode FindingRequired = new("dispute.field.findingRequired", "source");
    public static readonly MessageCode NameOneCase = new("dispute.field.nameOneCase");
    public static readonly MessageCode NotAMove = new("dispute.field.notAMove", "move");
    public static readonly MessageCode GroundRequired = new("dispute.field.groundRequired");
    public static readonly MessageCode GroundOnlyNotAccepted = new("dispute.field.groundOnlyNotAccepted");
    public static readonly MessageCode TransferredToOnly = new("dispute.field.transferredToOnly");
    public static readonly MessageCode CaseIdsList = new("dispute.field.caseIdsList");
    public static readonly MessageCode TooManyCases = new("dispute.field.tooManyCases", "count");
    public static readonly MessageCode ThisCaseItself = new("dispute.field.thisCaseItself");
    public static readonly MessageCode NotAnIdNumber = new("dispute.field.notAnIdNumber");

    /// <summary>An optional note as a suffix of a timeline sentence, or nothing.</summary>
    internal static Message NoteOrNothing(string? note) => note is { Length: > 0 } ? Note.With(("note", note)) : Nothing;

    /// <summary>A limit's basis word ("statute"...) in the reader's language when it is one the loader allows.</summary>
    internal static Arg LimitBasis(string basis) => basis switch
    {
        "statute" => Arg.Of(BasisStatute.With()),
        "local rule" => Arg.Of(BasisLocalRule.With()),
        "local practice" => Arg.Of(BasisLocalPractice.With()),
        "this engine's reading" => Arg.Of(BasisEngineReading.With()),
        _ => Arg.Of(basis),
    };
}
