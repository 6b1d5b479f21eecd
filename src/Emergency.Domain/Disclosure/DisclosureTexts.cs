using Emergency.Domain.Messages;

namespace Emergency.Domain.Disclosure;

/// <summary>What a request for government information says (依申请公开): its timeline, its limits and its refusals.</summary>
public static class DisclosureTexts
{
    public static readonly MessageCode Registered = new("disclosure.timeline.registered", "channel", "at", "receipt", "unit", "ruleSet");
    public static readonly MessageCode CorrectionRequested = new("disclosure.timeline.correctionRequested", "length", "until");
    public static readonly MessageCode CorrectionReceived = new("disclosure.timeline.correctionReceived", "at");
    public static readonly MessageCode Accepted = new("disclosure.timeline.accepted");
    public static readonly MessageCode Extended = new("disclosure.timeline.extended", "length", "by", "approvedAt", "toldAt", "reason", "source");
    public static readonly MessageCode ConsultationStarted = new("disclosure.timeline.consultationStarted", "kind", "reserved");
    public static readonly MessageCode ConsultationEnded = new("disclosure.timeline.consultationEnded", "outcome", "days");
    public static readonly MessageCode Answered = new("disclosure.timeline.answered", "kind", "otherBody");
    public static readonly MessageCode OtherBody = new("disclosure.timeline.otherBody", "body");
    public static readonly MessageCode Abandoned = new("disclosure.timeline.abandoned", "until", "note");
    public static readonly MessageCode DeadlineMoved = new("disclosure.timeline.deadlineMoved", "before", "after", "basis");

    public static readonly MessageCode BasisRecounted = new("disclosure.basis.recounted", "counted", "limit", "extended", "paused", "source");

    public static readonly MessageCode EventReceipt = new("disclosure.event.receipt");
    public static readonly MessageCode EventCorrectedReceipt = new("disclosure.event.correctedReceipt");
    public static readonly MessageCode EventCorrectionRequest = new("disclosure.event.correctionRequest");
    public static readonly MessageCode EventConsultation = new("disclosure.event.consultation");
    public static readonly MessageCode EventApproval = new("disclosure.event.approval");

    public static readonly MessageCode BecauseCorrection = new("disclosure.because.correction");
    public static readonly MessageCode BecauseAccepted = new("disclosure.because.accepted");
    public static readonly MessageCode BecauseAnswered = new("disclosure.because.answered");
    public static readonly MessageCode BecauseNoOpinion = new("disclosure.because.noOpinion");

    public static readonly MessageCode RequestClosed = new("disclosure.refused.closed", "move");
    public static readonly MessageCode AwaitingCorrection = new("disclosure.refused.awaitingCorrection", "move", "until");
    public static readonly MessageCode NoCorrectionAsked = new("disclosure.refused.noCorrectionAsked");
    public static readonly MessageCode AlreadyAnswered = new("disclosure.refused.alreadyAnswered", "kind", "at");
    public static readonly MessageCode CorrectionBeforeAcceptance = new("disclosure.refused.correctionBeforeAcceptance");
    public static readonly MessageCode AlreadyAccepted = new("disclosure.refused.alreadyAccepted", "at");
    public static readonly MessageCode CloseBeforeAnswer = new("disclosure.refused.closeBeforeAnswer");
    public static readonly MessageCode PhaseForbids = new("disclosure.refused.phaseForbids", "move", "phase");
    public static readonly MessageCode ConsultationOpen = new("disclosure.refused.consultationOpen", "since");
    public static readonly MessageCode NoConsultation = new("disclosure.refused.noConsultation");
    public static readonly MessageCode AnswerDuringConsultation = new("disclosure.refused.answerDuringConsultation", "since");
    public static readonly MessageCode ExtensionUsed = new("disclosure.refused.extensionUsed", "most", "by", "source");
    public static readonly MessageCode LimitPassed = new("disclosure.refused.limitPassed", "at");
    public static readonly MessageCode ThenAnswer = new("disclosure.refused.thenAnswer");
    public static readonly MessageCode CorrectionPeriodRuns = new("disclosure.refused.correctionPeriodRuns", "until");

    public static readonly MessageCode NoRuleSetInForce = new("disclosure.field.noRuleSetInForce", "at", "earliest");
    public static readonly MessageCode NameOrOrganisation = new("disclosure.field.nameOrOrganisation");
    public static readonly MessageCode CorrectionDays = new("disclosure.field.correctionDays", "max");
    public static readonly MessageCode OtherBodyOnly = new("disclosure.field.otherBodyOnly");
    public static readonly MessageCode NotAMove = new("disclosure.field.notAMove", "move");
}
