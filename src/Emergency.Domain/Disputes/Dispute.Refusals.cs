using Emergency.Domain.Calendar;
using Emergency.Domain.Cases;
using Emergency.Domain.Messages;

namespace Emergency.Domain.Disputes;

/// <summary>Why a petition's procedure refuses a move, in words a petition officer understands.</summary>
public sealed partial class Dispute
{
    private protected override Message WhyPhaseForbids(DisputeCommand command) => (State.Phase, command) switch
    {
        (DisputePhase.Closed, _) => DisputeTexts.CaseClosed.With(("move", Verb(command))),
        (DisputePhase.NotAccepted, _) => DisputeTexts.CaseNotAccepted.With(("move", Verb(command)), ("ground", State.Acceptance?.Ground is { } ground ? Arg.Of(ground) : "")),
        (DisputePhase.TransferredOut, _) => DisputeTexts.CaseTransferredOut.With(("move", Verb(command)), ("organ", State.Acceptance?.TransferredTo ?? "")),
        (DisputePhase.Returned, _) => DisputeTexts.CaseReturned.With(("move", Verb(command))),
        (_, RecordTransfer) => DisputeTexts.TransferAfterDecision,
        (_, DecideAcceptance) when State.Acceptance is { } decided => DisputeTexts.AlreadyDecided.With(("outcome", Arg.Of(decided.Outcome)), ("at", decided.At)),
        (_, ReturnPetition) => DisputeTexts.ReturnOnlyBeforeDecision,
        (DisputePhase.Registered, AssignPetition) => DisputeTexts.AssignAfterAcceptance,
        (_, AssignPetition) => DisputeTexts.AlreadyAssigned.With(("unit", State.Assignment?.Unit ?? "")),
        (DisputePhase.Registered, ExtendReply) => DisputeTexts.ExtendAfterAcceptance,
        (_, ExtendReply) => DisputeTexts.NothingToExtend,
        (DisputePhase.Registered or DisputePhase.Accepted, RecordHandling) => DisputeTexts.HandlingNeedsAssignment,
        (_, RecordHandling) => DisputeTexts.HandlingRecorded,
        (DisputePhase.Registered or DisputePhase.Accepted or DisputePhase.Assigned, ReplyToPetition) => DisputeTexts.ReplyAfterHandling,
        (_, ReplyToPetition) => DisputeTexts.ReplyGiven,
        (_, RecordPetitionSatisfaction) => DisputeTexts.SatisfactionNotNow,
        (DisputePhase.Registered or DisputePhase.Accepted or DisputePhase.Assigned or DisputePhase.Handled, RequestReview) => DisputeTexts.ReviewAfterReply,
        (_, RequestReview) => DisputeTexts.ReviewAsked,
        (DisputePhase.UnderSecondReview or DisputePhase.SecondReviewed, AnswerReview) => DisputeTexts.ReviewOpinionGiven,
        (_, AnswerReview) => DisputeTexts.NoReviewAsked,
        (DisputePhase.UnderSecondReview or DisputePhase.SecondReviewed, RequestSecondReview) => DisputeTexts.SecondReviewAsked,
        (_, RequestSecondReview) => DisputeTexts.SecondReviewAfterReview,
        (DisputePhase.SecondReviewed, AnswerSecondReview) => DisputeTexts.SecondReviewOpinionGiven,
        (_, AnswerSecondReview) => DisputeTexts.NoSecondReviewAsked,
        (DisputePhase.UnderReview or DisputePhase.UnderSecondReview, ClosePetition) => DisputeTexts.CloseDuringReview,
        (_, ClosePetition) => DisputeTexts.CloseBeforeAnswer,
        _ => DisputeTexts.PhaseForbids.With(("move", Verb(command)), ("phase", Arg.Of(State.Phase))),
    };

    /// <summary>The move as a refusal names it ("cannot reply: ...").</summary>
    private static Message Verb(DisputeCommand command) => command switch
    {
        RecordTransfer => DisputeTexts.MoveRecordTransfer,
        DecideAcceptance { Outcome: AcceptanceOutcome.Accepted } => DisputeTexts.MoveDecideAccepted,
        DecideAcceptance { Outcome: AcceptanceOutcome.NotAccepted } => DisputeTexts.MoveDecideNotAccepted,
        DecideAcceptance => DisputeTexts.MoveDecideTransferred,
        ReturnPetition => DisputeTexts.MoveReturn,
        AssignPetition => DisputeTexts.MoveAssign,
        ExtendReply => DisputeTexts.MoveExtend,
        RecordHandling => DisputeTexts.MoveRecordHandling,
        ReplyToPetition => DisputeTexts.MoveReply,
        AnswerReview => DisputeTexts.MoveGiveOpinion.With(("stage", Arg.Of(AnswerStage.Review))),
        AnswerSecondReview => DisputeTexts.MoveGiveOpinion.With(("stage", Arg.Of(AnswerStage.SecondReview))),
        RecordPetitionSatisfaction => DisputeTexts.MoveRecordSatisfaction,
        RequestReview => DisputeTexts.MoveRequestReview,
        RequestSecondReview => DisputeTexts.MoveRequestSecondReview,
        LinkEarlierCases => DisputeTexts.MoveLink,
        ClosePetition => DisputeTexts.MoveClose,
        _ => DisputeTexts.MoveOther.With(("move", Moves.NameOf(command))),
    };

    private Message? WhyNotTransfer() => State switch
    {
        { ReceivedBy: ReceivedBy.Department } => DisputeTexts.NoTransferDirect,
        { TransferredAt: { } at } => DisputeTexts.AlreadyTransferred.With(("at", at)),
        _ => null,
    };

    private Message? WhyNotDecide(NotAcceptedGround? ground)
    {
        if (State.ReceivedBy == ReceivedBy.PetitionOffice && State.TransferredAt is null)
        {
            return DisputeTexts.TransferFirst;
        }

        if (ground is { } g && HotlineRules is { } hotline && !hotline.NotAcceptedGrounds.Contains(g))
        {
            return DisputeTexts.HotlineMustAccept.With(
                ("principle", hotline.Principle), ("grounds", Arg.Of(hotline.NotAcceptedGrounds.Select(n => Arg.Of(n)))), ("source", hotline.Source));
        }

        return null;
    }

    private Message? WhyNotReturn(DateTimeOffset at)
    {
        if (Rules.Limits.WrongAssignment is null)
        {
            return DisputeTexts.NoWrongAssignmentRule.With(("ruleSet", Rules.Id), ("title", Rules.Title));
        }

        if (State.ReceivedBy == ReceivedBy.Department)
        {
            return DisputeTexts.ReturnOnlyTransferred;
        }

        if (State.TransferredAt is null)
        {
            return DisputeTexts.NotTransferredYet;
        }

        var window = _procedure.LastWindow(WindowKind.WrongAssignment)!;
        return at > window.ClosesAt ? WindowEnded(window, DisputeTexts.ThenDecideAcceptance) : null;
    }

    /// <summary>A request after its window closed: when it closed and why, and what follows from it.</summary>
    internal static Message WindowEnded(Window window, Message then) =>
        DisputeTexts.WindowEnded.With(("window", window.Kind.Title()), ("closesAt", window.ClosesAt), ("basis", window.Basis), ("then", then));

    private Message? WhyNotExtend(DateTimeOffset now)
    {
        var rule = Rules.Limits.Reply.Extension;
        if (rule is null)
        {
            return DisputeTexts.NoExtensionRule.With(("ruleSet", Rules.Id), ("title", Rules.Title));
        }

        if (State.Extensions.Count >= rule.Times || State.Extensions.Sum(e => e.Length) >= rule.Length)
        {
            return DisputeTexts.ExtensionsUsed.With(
                ("extensions", Arg.Of(State.Extensions.Select(e => Arg.Of(DisputeTexts.ExtensionApproved.With(("length", WorkingCalendar.Describe(e.Length, e.Unit)), ("by", e.ApprovedBy)))))),
                ("ruleSet", Rules.Id),
                ("times", rule.Times),
                ("most", WorkingCalendar.Describe(rule.Length, rule.Unit)));
        }

        var reply = _procedure.Open(DisputeObligationKind.Reply);
        if (reply is not null && now > reply.EffectiveDeadline)
        {
            return DisputeTexts.ReplyLimitPassed.With(("at", reply.EffectiveDeadline));
        }

        return null;
    }

    private Message? WhyNotSatisfaction()
    {
        if (CurrentAnswerStage is not { } stage)
        {
            return DisputeTexts.SatisfactionAfterAnswer;
        }

        var recorded = State.Satisfactions.LastOrDefault(s => s.Stage == stage);
        return recorded is null
            ? null
            : DisputeTexts.SatisfactionRecorded.With(("stage", Arg.Of(stage)), ("satisfaction", Arg.Of(recorded.Satisfaction)), ("at", recorded.At));
    }

    private Message? WhyNotRequest(WindowKind kind, DateTimeOffset at)
    {
        if (kind == WindowKind.SecondReview && Rules.Limits.SecondReview is null)
        {
            return DisputeTexts.NoSecondReviewRule.With(("ruleSet", Rules.Id), ("title", Rules.Title));
        }

        var window = _procedure.LastWindow(kind);
        if (window is null)
        {
            return null;
        }

        return at > window.ClosesAt
            ? WindowEnded(window, DisputeTexts.ThenStands.With(("stage", Arg.Of(kind == WindowKind.Review ? AnswerStage.Reply : AnswerStage.Review))))
            : null;
    }

    private Message? WhyNotClose(DateTimeOffset now) =>
        WhyNotClose(_procedure, State.Windows, now) ?? (CurrentAnswerStage is { } stage && !State.Satisfactions.Any(s => s.Stage == stage)
            ? DisputeTexts.SatisfactionFirst.With(("stage", Arg.Of(stage)))
            : null);

    /// <summary>Why a case cannot be closed yet whatever its kind: an obligation still open, or a window still running.</summary>
    internal static Message? WhyNotClose(Procedure procedure, IEnumerable<Window> windows, DateTimeOffset now)
    {
        var open = procedure.OpenObligations.ToList();
        if (open.Count > 0)
        {
            return DisputeTexts.StillOpen.With(("open", Arg.Of(open.Select(o => Arg.Of(o.Kind.Title())))));
        }

        return windows.FirstOrDefault(w => w.IsOpenAt(now)) is { } window
            ? DisputeTexts.WindowRuns.With(("window", window.Kind.Title()), ("until", window.ClosesAt))
            : null;
    }

    /// <summary>The answer the petitioner can now be satisfied with or contest, if the phase has one.</summary>
    private AnswerStage? CurrentAnswerStage => State.Phase switch
    {
        DisputePhase.Replied => AnswerStage.Reply,
        DisputePhase.Reviewed => AnswerStage.Review,
        DisputePhase.SecondReviewed => AnswerStage.SecondReview,
        _ => null,
    };
}
