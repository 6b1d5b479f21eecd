using Emergency.Domain.Calendar;
using Emergency.Domain.Cases;

namespace Emergency.Domain.Disputes;

/// <summary>Why a petition's procedure refuses a move, in words a petition officer understands.</summary>
public sealed partial class Dispute
{
    /// <summary>Why the phase allows no such move (its guard is not asked): in the words of the procedure.</summary>
    private string WhyPhaseForbids(DisputeCommand command) => (State.Phase, command) switch
    {
        (DisputePhase.Closed, _) => $"cannot {Verb(command)}: the case is closed",
        (DisputePhase.NotAccepted, _) => $"cannot {Verb(command)}: the case was not accepted ({State.Acceptance?.Ground}); only closing is left",
        (DisputePhase.TransferredOut, _) => $"cannot {Verb(command)}: the case was transferred to {State.Acceptance?.TransferredTo}; only closing is left",
        (DisputePhase.Returned, _) => $"cannot {Verb(command)}: the case went back to the petition office as wrongly assigned; only closing is left",
        (_, RecordTransfer) => "the transfer by the petition office (转送) comes before the acceptance decision, which is already made",
        (_, DecideAcceptance) => $"acceptance was already decided ({State.Acceptance?.Outcome} on {Describe(State.Acceptance?.At)})",
        (_, ReturnPetition) => "a wrong assignment can be sent back only before acceptance is decided",
        (DisputePhase.Registered, AssignPetition) => "a case is assigned (交办) only after it is accepted",
        (_, AssignPetition) => $"the case was already assigned to {State.Assignment?.Unit}",
        (DisputePhase.Registered, ExtendReply) => "the reply limit starts with acceptance; decide acceptance first",
        (_, ExtendReply) => "the reply was already given; there is no limit left to extend",
        (DisputePhase.Registered or DisputePhase.Accepted, RecordHandling) => "handling needs the four fixed points first (四定: assign)",
        (_, RecordHandling) => "the handling was already recorded",
        (DisputePhase.Registered or DisputePhase.Accepted or DisputePhase.Assigned, ReplyToPetition) => "the reply comes after the handling: record the result of handling first",
        (_, ReplyToPetition) => "the reply was already given",
        (_, RecordPetitionSatisfaction) => "satisfaction is recorded after a reply or a review opinion, before anything else is asked",
        (DisputePhase.Registered or DisputePhase.Accepted or DisputePhase.Assigned or DisputePhase.Handled, RequestReview) => "a review (复查) can be asked for only after the reply",
        (_, RequestReview) => "a review (复查) was already asked for",
        (DisputePhase.UnderSecondReview or DisputePhase.SecondReviewed, AnswerReview) => "the review opinion was already given",
        (_, AnswerReview) => "no review (复查) has been asked for",
        (DisputePhase.UnderSecondReview or DisputePhase.SecondReviewed, RequestSecondReview) => "a second review (复核) was already asked for",
        (_, RequestSecondReview) => "a second review (复核) can be asked for only after the review opinion",
        (DisputePhase.SecondReviewed, AnswerSecondReview) => "the second review opinion was already given",
        (_, AnswerSecondReview) => "no second review (复核) has been asked for",
        (DisputePhase.UnderReview or DisputePhase.UnderSecondReview, ClosePetition) => "cannot close while a review is under way",
        (_, ClosePetition) => "cannot close before the petitioner has had a result and a reply (事事有结果、件件有回音)",
        _ => $"cannot {Verb(command)} while the case is {State.Phase}",
    };

    /// <summary>The move as a refusal names it ("cannot reply: ...").</summary>
    private static string Verb(DisputeCommand command) => command switch
    {
        RecordTransfer => "record the transfer",
        DecideAcceptance { Outcome: AcceptanceOutcome.Accepted } => "decide acceptance (accepted)",
        DecideAcceptance { Outcome: AcceptanceOutcome.NotAccepted } => "decide acceptance (not accepted)",
        DecideAcceptance => "decide acceptance (transferred)",
        ReturnPetition => "return a wrong assignment",
        AssignPetition => "assign",
        ExtendReply => "extend the reply limit",
        RecordHandling => "record the handling",
        ReplyToPetition => "reply",
        AnswerReview => $"give the {DisputeWords.Describe(AnswerStage.Review)}",
        AnswerSecondReview => $"give the {DisputeWords.Describe(AnswerStage.SecondReview)}",
        RecordPetitionSatisfaction => "record satisfaction",
        RequestReview => "request a review (复查)",
        RequestSecondReview => "request a second review (复核)",
        LinkEarlierCases => "link earlier cases",
        ClosePetition => "close",
        _ => Moves.NameOf(command),
    };

    private string? WhyNotTransfer() => State switch
    {
        { ReceivedBy: ReceivedBy.Department } => "the case came to the department directly: there is no transfer by the petition office (转送)",
        { TransferredAt: { } at } => $"the petition office already transferred the case on {Durations.Describe(at)}",
        _ => null,
    };

    private string? WhyNotDecide(NotAcceptedGround? ground)
    {
        if (State.ReceivedBy == ReceivedBy.PetitionOffice && State.TransferredAt is null)
        {
            return "the petition office has not transferred the case yet (转送): record the transfer first";
        }

        if (ground is { } g && HotlineRules is { } hotline && !hotline.NotAcceptedGrounds.Contains(g))
        {
            return $"a 12369 report must be accepted and investigated ({hotline.Principle}); it may be left unaccepted only as {string.Join(", ", hotline.NotAcceptedGrounds)} ({hotline.Source})";
        }

        return null;
    }

    private string? WhyNotReturn(DateTimeOffset at)
    {
        if (Rules.Limits.WrongAssignment is null)
        {
            return $"rule set {Rules.Id} ({Rules.Title}) has no objection to a wrong assignment (异议); decide acceptance as transferred to the organ with the power to handle it";
        }

        if (State.ReceivedBy == ReceivedBy.Department)
        {
            return "only a case the petition office transferred can be sent back to it as wrongly assigned; decide acceptance as transferred instead";
        }

        if (State.TransferredAt is null)
        {
            return "the petition office has not transferred the case yet (转送)";
        }

        var window = _procedure.LastWindow(WindowKind.WrongAssignment)!;
        return at > window.ClosesAt
            ? $"the time for {window.Kind.Title()} ended {Durations.Describe(window.ClosesAt)} ({window.Basis}); the department must decide on acceptance"
            : null;
    }

    private string? WhyNotExtend(DateTimeOffset now)
    {
        var rule = Rules.Limits.Reply.Extension;
        if (rule is null)
        {
            return $"rule set {Rules.Id} ({Rules.Title}) allows no extension of the reply limit";
        }

        if (State.Extensions.Count >= rule.Times || State.Extensions.Sum(e => e.Length) >= rule.Length)
        {
            return $"the reply limit was already extended ({string.Join("; ", State.Extensions.Select(e => $"{WorkingCalendar.Describe(e.Length, e.Unit)} approved by {e.ApprovedBy}"))}); rule set {Rules.Id} allows {rule.Times} extension(s) of at most {WorkingCalendar.Describe(rule.Length, rule.Unit)} in all";
        }

        var reply = _procedure.Open(DisputeObligationKind.Reply);
        if (reply is not null && now > reply.EffectiveDeadline)
        {
            return $"the reply limit passed at {Durations.Describe(reply.EffectiveDeadline)}: an extension must be recorded before the limit passes, and the case stays overdue";
        }

        return null;
    }

    private string? WhyNotSatisfaction()
    {
        if (CurrentAnswerStage is not { } stage)
        {
            return "satisfaction is recorded after a reply or a review opinion";
        }

        var recorded = State.Satisfactions.LastOrDefault(s => s.Stage == stage);
        return recorded is null ? null : $"the petitioner's satisfaction with the {DisputeWords.Describe(stage)} was already recorded ({DisputeWords.Describe(recorded.Satisfaction)}, {Durations.Describe(recorded.At)})";
    }

    private string? WhyNotRequest(WindowKind kind, DateTimeOffset at)
    {
        if (kind == WindowKind.SecondReview && Rules.Limits.SecondReview is null)
        {
            return $"rule set {Rules.Id} ({Rules.Title}) has no second review (复核): the review opinion (复查意见) ends the procedure";
        }

        var window = _procedure.LastWindow(kind);
        if (window is null)
        {
            return null;
        }

        return at > window.ClosesAt
            ? $"the time for {kind.Title()} ended {Durations.Describe(window.ClosesAt)} ({window.Basis}); the {DisputeWords.Describe(kind == WindowKind.Review ? AnswerStage.Reply : AnswerStage.Review)} stands"
            : null;
    }

    private string? WhyNotClose(DateTimeOffset now)
    {
        var open = _procedure.OpenObligations.ToList();
        if (open.Count > 0)
        {
            return $"cannot close yet: still open: {string.Join(", ", open.Select(o => o.Kind.Title()))}";
        }

        var window = State.Windows.FirstOrDefault(w => w.IsOpenAt(now));
        if (window is not null)
        {
            return $"cannot close yet: the time for {window.Kind.Title()} runs until {Durations.Describe(window.ClosesAt)}";
        }

        if (CurrentAnswerStage is { } stage && !State.Satisfactions.Any(s => s.Stage == stage))
        {
            return $"cannot close yet: record whether the petitioner is satisfied with the {DisputeWords.Describe(stage)} first";
        }

        return null;
    }

    /// <summary>The answer the petitioner can now be satisfied with or contest, if the phase has one.</summary>
    private AnswerStage? CurrentAnswerStage => State.Phase switch
    {
        DisputePhase.Replied => AnswerStage.Reply,
        DisputePhase.Reviewed => AnswerStage.Review,
        DisputePhase.SecondReviewed => AnswerStage.SecondReview,
        _ => null,
    };

    private static string Describe(DateTimeOffset? at) => at is { } moment ? Durations.Describe(moment) : "?";
}
