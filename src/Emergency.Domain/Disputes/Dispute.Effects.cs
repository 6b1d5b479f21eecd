using Emergency.Domain.Calendar;
using Emergency.Domain.Messages;

namespace Emergency.Domain.Disputes;

/// <summary>What each move of a petition changes, run by the machine on its transition once the move is allowed.</summary>
public sealed partial class Dispute
{
    /// <summary>The petition office passed the case to the department (转送): the acceptance limit starts.</summary>
    private void Transfer(RecordTransfer command, Actor actor, DateTimeOffset now)
    {
        var at = command.At ?? now;
        State.TransferredAt = at;
        _procedure.Append(at, now, actor, DisputeTimelineKind.Transferred, DisputeTexts.Transferred.With(("office", State.PetitionOffice ?? ""), ("unit", State.Unit), ("note", DisputeTexts.NoteOrNothing(command.Note))));
        _procedure.Complete(_procedure.Open(DisputeObligationKind.Transfer)!, at, now, actor, command.Note);
        _procedure.OpenObligation(DisputeObligationKind.Acceptance, Rules.Limits.Acceptance, at, DisputeTexts.EventTransfer, State.Unit, now);
        if (Rules.Limits.WrongAssignment is { } wrong)
        {
            _procedure.OpenWindow(WindowKind.WrongAssignment, wrong, at, DisputeTexts.EventTransfer, now);
        }
    }

    /// <summary>Acceptance decided and told (受理告知): accepted, not accepted with a ground, or transferred.</summary>
    private void Decide(DecideAcceptance command, Actor actor, DateTimeOffset now)
    {
        var at = command.At ?? now;
        State.Acceptance = new AcceptanceDecision
        {
            Outcome = command.Outcome,
            Ground = command.Ground,
            Reason = command.Reason?.Trim(),
            TransferredTo = command.TransferredTo?.Trim(),
            At = at,
            RecordedAt = now,
            RecordedBy = actor.ToString(),
        };
        var text = command.Outcome switch
        {
            AcceptanceOutcome.Accepted => (Message)DisputeTexts.Accepted,
            AcceptanceOutcome.NotAccepted => DisputeTexts.NotAccepted.With(("ground", Arg.Of(command.Ground!.Value)), ("reason", command.Reason!.Trim())),
            _ => DisputeTexts.TransferredOut.With(("organ", command.TransferredTo!.Trim()), ("reason", command.Reason!.Trim())),
        };
        _procedure.Append(at, now, actor, DisputeTimelineKind.AcceptanceDecided, text);
        _procedure.Complete(_procedure.Open(DisputeObligationKind.Acceptance)!, at, now, actor, null);
        if (_procedure.LastWindow(WindowKind.WrongAssignment) is { } window && window.IsOpenAt(at))
        {
            _procedure.Waive(window, at, now, actor, DisputeTexts.BecauseDepartmentDecided);
        }

        if (command.Outcome == AcceptanceOutcome.Accepted)
        {
            _procedure.OpenObligation(DisputeObligationKind.Reply, Rules.Limits.Reply, at, DisputeTexts.EventAcceptance, State.Unit, now);
        }
    }

    /// <summary>A transferred case sent back to the petition office as outside the department's remit (异议, 2022 rules).</summary>
    private void Return(ReturnPetition command, Actor actor, DateTimeOffset now)
    {
        var at = command.At ?? now;
        State.Returned = new WrongAssignmentReturn { Reason = command.Reason.Trim(), At = at, RecordedAt = now, RecordedBy = actor.ToString() };
        _procedure.Use(_procedure.LastWindow(WindowKind.WrongAssignment)!, at, now, actor);
        _procedure.Append(at, now, actor, DisputeTimelineKind.WrongAssignmentReturned, DisputeTexts.Returned.With(("reason", command.Reason.Trim())));
        _procedure.Withdraw(_procedure.Open(DisputeObligationKind.Acceptance)!, at, now, actor, DisputeTexts.BecauseReturned);
    }

    /// <summary>Assigned with the four fixed points (四定); the unit's deadline never lies beyond the reply limit.</summary>
    private void Assign(AssignPetition command, Actor actor, DateTimeOffset now)
    {
        var at = command.At ?? now;
        State.Assignment = FourFixedPoints.From(command, at, now, actor);
        _procedure.Append(at, now, actor, DisputeTimelineKind.Assigned, DisputeWords.Describe(State.Assignment));
        _procedure.Open(DisputeObligationKind.Reply)!.Unit = State.Assignment.Unit;
        _procedure.OpenObligation(DisputeObligationKind.Handling, command.Deadline, DisputeTexts.BasisFixedAtAssignment.With(("at", at)), at, State.Assignment.Unit, now);
    }

    /// <summary>The reply limit extended with the approval of the organ's head (延期), before the limit passes.</summary>
    private void Extend(ExtendReply command, Actor actor, DateTimeOffset now)
    {
        var rule = Rules.Limits.Reply.Extension!;
        var already = State.Extensions.Sum(e => e.Length);
        var length = command.Length ?? (rule.Length - already);
        var reply = _procedure.Open(DisputeObligationKind.Reply)!;
        var counted = _procedure.Count(reply.OpenedAt, Rules.Limits.Reply, DisputeTexts.EventAcceptance, already + length);
        var extension = ReplyExtension.Approved(command, length, rule.Unit, reply.DueAt, counted.DueAt, actor, now);
        State.Extensions.Add(extension);
        reply.DueAt = counted.DueAt;
        reply.DeadlineBasis = DisputeTexts.BasisExtended.With(
            ("counted", counted.Basis), ("limit", Rules.Limits.Reply.Describe()), ("length", WorkingCalendar.Describe(length, rule.Unit)), ("by", extension.ApprovedBy),
            ("source", rule.Source), ("basis", DisputeTexts.LimitBasis(Rules.Limits.Reply.Basis)), ("limitSource", Rules.Limits.Reply.Source));
        _procedure.Append(command.ApprovedAt, now, actor, DisputeTimelineKind.ReplyExtended, DisputeTexts.ReplyExtended.With(
            ("length", WorkingCalendar.Describe(length, rule.Unit)), ("before", extension.DueBefore), ("after", extension.DueAfter), ("by", extension.ApprovedBy),
            ("approvedAt", command.ApprovedAt), ("reason", extension.Reason)), reply.Id);
    }

    /// <summary>The assigned unit's result of handling; a 12369 report says whether a violation was found.</summary>
    private void Handled(RecordHandling command, Actor actor, DateTimeOffset now)
    {
        var at = command.At ?? now;
        State.Handling = new HandlingRecord { Result = command.Result, Finding = command.Finding, At = at, RecordedAt = now, RecordedBy = actor.ToString() };
        Message finding = command.Finding switch
        {
            ViolationFinding.ViolationFound => DisputeTexts.ViolationFound,
            ViolationFinding.NoViolationFound => DisputeTexts.NoViolationFound,
            _ => DisputeTexts.Nothing,
        };
        _procedure.Append(at, now, actor, DisputeTimelineKind.Handled, DisputeTexts.Handled.With(("unit", State.Assignment!.Unit), ("finding", finding)));
        _procedure.Complete(_procedure.Open(DisputeObligationKind.Handling)!, at, now, actor, null);
    }

    /// <summary>
    /// A written answer: the reply (答复, 办结) opens the petitioner's time to ask for a review; the review opinion
    /// (复查意见) the time for a second review where the rule set has one; the second review opinion (复核意见) ends the procedure.
    /// </summary>
    private void Answer(PetitionAnswer command, Actor actor, DateTimeOffset now)
    {
        var at = command.At ?? now;
        var stage = command switch
        {
            ReplyToPetition => AnswerStage.Reply,
            AnswerReview => AnswerStage.Review,
            _ => AnswerStage.SecondReview,
        };
        AddAnswer(stage, command.Content, at, now, actor);
        if (stage == AnswerStage.Reply)
        {
            _procedure.Append(at, now, actor, DisputeTimelineKind.Replied, DisputeTexts.Replied);
            _procedure.Complete(_procedure.Open(DisputeObligationKind.Reply)!, at, now, actor, null);
            _procedure.OpenWindow(WindowKind.Review, Rules.Limits.Review.Request, at, DisputeTexts.EventReply, now);
            return;
        }

        _procedure.Append(at, now, actor, DisputeTimelineKind.ReviewAnswered, DisputeTexts.OpinionGiven.With(("stage", Arg.Of(stage))));
        var kind = stage == AnswerStage.Review ? DisputeObligationKind.ReviewAnswer : DisputeObligationKind.SecondReviewAnswer;
        _procedure.Complete(_procedure.Open(kind)!, at, now, actor, null);
        if (stage == AnswerStage.Review && Rules.Limits.SecondReview is { } second)
        {
            _procedure.OpenWindow(WindowKind.SecondReview, second.Request, at, DisputeTexts.EventReviewOpinion, now);
        }
    }

    /// <summary>Whether the petitioner is satisfied with the latest answer (满意 / 基本满意 / 不满意).</summary>
    private void RecordSatisfaction(RecordPetitionSatisfaction command, Actor actor, DateTimeOffset now)
    {
        var at = command.At ?? now;
        var stage = CurrentAnswerStage!.Value;
        State.Satisfactions.Add(new SatisfactionRecord { Stage = stage, Satisfaction = command.Satisfaction, Note = command.Note, At = at, RecordedAt = now, RecordedBy = actor.ToString() });
        _procedure.Append(at, now, actor, DisputeTimelineKind.SatisfactionRecorded, DisputeTexts.Satisfaction.With(("satisfaction", Arg.Of(command.Satisfaction)), ("stage", Arg.Of(stage))));
    }

    /// <summary>The petitioner asks the next higher organ for a review (复查) of the reply, or for a second review (复核) of the review opinion.</summary>
    private void Request(AskForReview command, Actor actor, DateTimeOffset now)
    {
        var at = command.At ?? now;
        var review = command is RequestReview;
        var (stage, window, contested) = review
            ? (AnswerStage.Review, WindowKind.Review, AnswerStage.Reply)
            : (AnswerStage.SecondReview, WindowKind.SecondReview, AnswerStage.Review);
        var organ = string.IsNullOrWhiteSpace(command.Organ) ? "the next higher organ (上一级机关)" : command.Organ.Trim();
        State.ReviewRequests.Add(new ReviewRequest { Stage = stage, Organ = organ, Note = command.Note, At = at, RecordedAt = now, RecordedBy = actor.ToString() });
        _procedure.Use(_procedure.LastWindow(window)!, at, now, actor);
        _procedure.Append(at, now, actor, DisputeTimelineKind.ReviewRequested, DisputeTexts.ReviewRequested.With(("organ", organ), ("stage", (Message)(review ? DisputeTexts.AReview : DisputeTexts.ASecondReview)), ("contested", Arg.Of(contested))));
        var (obligation, limits) = review
            ? (DisputeObligationKind.ReviewAnswer, Rules.Limits.Review)
            : (DisputeObligationKind.SecondReviewAnswer, Rules.Limits.SecondReview!);
        _procedure.OpenObligation(obligation, limits.Answer, at, DisputeTexts.EventRequest, organ, now);
    }

    /// <summary>Earlier cases of the same person linked (found by the early warning or by hand).</summary>
    private void Link(LinkEarlierCases command, Actor actor, DateTimeOffset now)
    {
        var added = NewLinks(command);
        State.EarlierCases.AddRange(added);
        _procedure.Append(now, now, actor, DisputeTimelineKind.EarlierCasesLinked, DisputeTexts.EarlierCasesLinked.With(("cases", DisputeWords.Ids(added))));
    }

    private List<string> NewLinks(LinkEarlierCases command) =>
        [.. command.CaseIds.Select(c => c.Trim()).Distinct().Where(c => !State.EarlierCases.Contains(c))];

    /// <summary>An early warning this complaint belongs to was escalated into an incident (预警升级): whoever replies should know.</summary>
    private void NoteEscalated(NoteEscalation command, Actor actor, DateTimeOffset now) =>
        _procedure.Append(now, now, actor, DisputeTimelineKind.EscalatedToIncident,
            DisputeTexts.EscalatedToIncident.With(("warning", command.WarningId), ("incident", command.IncidentId)), command.IncidentId);

    /// <summary>Closed: every obligation done, the petitioner's time to ask for more over, satisfaction recorded.</summary>
    private void Close(ClosePetition command, Actor actor, DateTimeOffset now) =>
        _procedure.Append(now, now, actor, DisputeTimelineKind.Closed, DisputeTexts.Closed.With(("note", DisputeTexts.NoteOrNothing(command.Note))));
}
