using Emergency.Domain.Calendar;

namespace Emergency.Domain.Disputes;

/// <summary>What each move of a petition changes, run by the machine on its transition once the move is allowed.</summary>
public sealed partial class Dispute
{
    /// <summary>The petition office passed the case to the department (转送): the acceptance limit starts.</summary>
    private void Transfer(RecordTransfer command, Actor actor, DateTimeOffset now)
    {
        var at = command.At ?? now;
        State.TransferredAt = at;
        _procedure.Append(at, now, actor, DisputeTimelineKind.Transferred, $"Transferred by {State.PetitionOffice} to {State.Unit} (转送){NoteSuffix(command.Note)}");
        _procedure.Complete(_procedure.Open(DisputeObligationKind.Transfer)!, at, now, actor, command.Note);
        _procedure.OpenObligation(DisputeObligationKind.Acceptance, Rules.Limits.Acceptance, at, "the transfer", State.Unit, now);
        if (Rules.Limits.WrongAssignment is { } wrong)
        {
            _procedure.OpenWindow(WindowKind.WrongAssignment, wrong, at, "the transfer", now);
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
            AcceptanceOutcome.Accepted => "Accepted (受理); the petitioner was told",
            AcceptanceOutcome.NotAccepted => $"Not accepted (不予受理, {command.Ground}): {command.Reason!.Trim()}; the petitioner was told in writing",
            _ => $"Transferred to {command.TransferredTo!.Trim()}: {command.Reason!.Trim()}; the petitioner was told",
        };
        _procedure.Append(at, now, actor, DisputeTimelineKind.AcceptanceDecided, text);
        _procedure.Complete(_procedure.Open(DisputeObligationKind.Acceptance)!, at, now, actor, null);
        if (_procedure.LastWindow(WindowKind.WrongAssignment) is { } window && window.IsOpenAt(at))
        {
            _procedure.Waive(window, at, now, actor, "the department decided on acceptance itself");
        }

        if (command.Outcome == AcceptanceOutcome.Accepted)
        {
            _procedure.OpenObligation(DisputeObligationKind.Reply, Rules.Limits.Reply, at, "acceptance", State.Unit, now);
        }
    }

    /// <summary>A transferred case sent back to the petition office as outside the department's remit (异议, 2022 rules).</summary>
    private void Return(ReturnPetition command, Actor actor, DateTimeOffset now)
    {
        var at = command.At ?? now;
        State.Returned = new WrongAssignmentReturn { Reason = command.Reason.Trim(), At = at, RecordedAt = now, RecordedBy = actor.ToString() };
        _procedure.Use(_procedure.LastWindow(WindowKind.WrongAssignment)!, at, now, actor);
        _procedure.Append(at, now, actor, DisputeTimelineKind.WrongAssignmentReturned, $"Sent back to the petition office as outside the department's remit (异议): {command.Reason.Trim()}");
        _procedure.Withdraw(_procedure.Open(DisputeObligationKind.Acceptance)!, at, now, actor, "the case went back to the petition office as wrongly assigned");
    }

    /// <summary>Assigned with the four fixed points (四定); the unit's deadline never lies beyond the reply limit.</summary>
    private void Assign(AssignPetition command, Actor actor, DateTimeOffset now)
    {
        var at = command.At ?? now;
        State.Assignment = FourFixedPoints.From(command, at, now, actor);
        _procedure.Append(at, now, actor, DisputeTimelineKind.Assigned, DisputeWords.Describe(State.Assignment));
        _procedure.Open(DisputeObligationKind.Reply)!.Unit = State.Assignment.Unit;
        _procedure.OpenObligation(DisputeObligationKind.Handling, command.Deadline, $"the deadline fixed at assignment (四定: 定时限) on {Durations.Describe(at)}, within the reply limit", at, State.Assignment.Unit, now);
    }

    /// <summary>The reply limit extended with the approval of the organ's head (延期), before the limit passes.</summary>
    private void Extend(ExtendReply command, Actor actor, DateTimeOffset now)
    {
        var rule = Rules.Limits.Reply.Extension!;
        var already = State.Extensions.Sum(e => e.Length);
        var length = command.Length ?? (rule.Length - already);
        var reply = _procedure.Open(DisputeObligationKind.Reply)!;
        var counted = _procedure.Count(reply.OpenedAt, Rules.Limits.Reply, "acceptance", already + length);
        var extension = new ReplyExtension
        {
            Length = length,
            Unit = rule.Unit,
            ApprovedBy = command.ApprovedBy.Trim(),
            ApprovedAt = command.ApprovedAt,
            Reason = command.Reason.Trim(),
            DueBefore = reply.DueAt,
            DueAfter = counted.DueAt,
            RecordedAt = now,
            RecordedBy = actor.ToString(),
        };
        State.Extensions.Add(extension);
        reply.DueAt = counted.DueAt;
        reply.DeadlineBasis = $"{counted.Basis}: {Rules.Limits.Reply} extended by {WorkingCalendar.Describe(length, rule.Unit)} with the approval of {extension.ApprovedBy} ({rule.Source}); {Rules.Limits.Reply.Basis}: {Rules.Limits.Reply.Source}";
        _procedure.Append(command.ApprovedAt, now, actor, DisputeTimelineKind.ReplyExtended,
            $"Reply limit extended by {WorkingCalendar.Describe(length, rule.Unit)}, due {Durations.Describe(extension.DueBefore)} → {Durations.Describe(extension.DueAfter)}: approved by {extension.ApprovedBy} on {Durations.Describe(command.ApprovedAt)} because {extension.Reason}; the petitioner is to be told why", reply.Id);
    }

    /// <summary>The assigned unit's result of handling; a 12369 report says whether a violation was found.</summary>
    private void Handled(RecordHandling command, Actor actor, DateTimeOffset now)
    {
        var at = command.At ?? now;
        State.Handling = new HandlingRecord { Result = command.Result, Finding = command.Finding, At = at, RecordedAt = now, RecordedBy = actor.ToString() };
        var finding = command.Finding switch
        {
            ViolationFinding.ViolationFound => ": a violation was found",
            ViolationFinding.NoViolationFound => ": no violation was found",
            _ => "",
        };
        _procedure.Append(at, now, actor, DisputeTimelineKind.Handled, $"Handled by {State.Assignment!.Unit}{finding}");
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
            _procedure.Append(at, now, actor, DisputeTimelineKind.Replied, "Replied in writing (答复意见)");
            _procedure.Complete(_procedure.Open(DisputeObligationKind.Reply)!, at, now, actor, null);
            _procedure.OpenWindow(WindowKind.Review, Rules.Limits.Review.Request, at, "the reply", now);
            return;
        }

        _procedure.Append(at, now, actor, DisputeTimelineKind.ReviewAnswered, $"{Procedure.Capitalised(DisputeWords.Describe(stage))} given in writing");
        var kind = stage == AnswerStage.Review ? DisputeObligationKind.ReviewAnswer : DisputeObligationKind.SecondReviewAnswer;
        _procedure.Complete(_procedure.Open(kind)!, at, now, actor, null);
        if (stage == AnswerStage.Review && Rules.Limits.SecondReview is { } second)
        {
            _procedure.OpenWindow(WindowKind.SecondReview, second.Request, at, "the review opinion", now);
        }
    }

    /// <summary>Whether the petitioner is satisfied with the latest answer (满意 / 基本满意 / 不满意).</summary>
    private void RecordSatisfaction(RecordPetitionSatisfaction command, Actor actor, DateTimeOffset now)
    {
        var at = command.At ?? now;
        var stage = CurrentAnswerStage!.Value;
        State.Satisfactions.Add(new SatisfactionRecord { Stage = stage, Satisfaction = command.Satisfaction, Note = command.Note, At = at, RecordedAt = now, RecordedBy = actor.ToString() });
        _procedure.Append(at, now, actor, DisputeTimelineKind.SatisfactionRecorded, $"The petitioner is {DisputeWords.Describe(command.Satisfaction)} with the {DisputeWords.Describe(stage)}");
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
        _procedure.Append(at, now, actor, DisputeTimelineKind.ReviewRequested, $"The petitioner asked {organ} for {(review ? "a review (复查)" : "a second review (复核)")} of the {DisputeWords.Describe(contested)}");
        var (obligation, limits) = review
            ? (DisputeObligationKind.ReviewAnswer, Rules.Limits.Review)
            : (DisputeObligationKind.SecondReviewAnswer, Rules.Limits.SecondReview!);
        _procedure.OpenObligation(obligation, limits.Answer, at, "the request", organ, now);
    }

    /// <summary>Earlier cases of the same person linked (found by the early warning or by hand).</summary>
    private void Link(LinkEarlierCases command, Actor actor, DateTimeOffset now)
    {
        var added = NewLinks(command);
        State.EarlierCases.AddRange(added);
        _procedure.Append(now, now, actor, DisputeTimelineKind.EarlierCasesLinked, $"Linked to earlier cases of the same person: {string.Join(", ", added)}");
    }

    private List<string> NewLinks(LinkEarlierCases command) =>
        [.. command.CaseIds.Select(c => c.Trim()).Distinct().Where(c => !State.EarlierCases.Contains(c))];

    /// <summary>An early warning this complaint belongs to was escalated into an incident (预警升级): whoever replies should know.</summary>
    private void NoteEscalated(NoteEscalation command, Actor actor, DateTimeOffset now) =>
        _procedure.Append(now, now, actor, DisputeTimelineKind.EscalatedToIncident,
            $"Early warning {command.WarningId} this complaint belongs to was escalated into incident {command.IncidentId}; the reply should say how the incident is handled", command.IncidentId);

    /// <summary>Closed: every obligation done, the petitioner's time to ask for more over, satisfaction recorded.</summary>
    private void Close(ClosePetition command, Actor actor, DateTimeOffset now) =>
        _procedure.Append(now, now, actor, DisputeTimelineKind.Closed, $"Closed{NoteSuffix(command.Note)}");
}
