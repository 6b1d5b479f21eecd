using Emergency.Domain.Calendar;
using Emergency.Domain.Cases;
using Emergency.Domain.Disputes;
using Emergency.Domain.Messages;

namespace Emergency.Domain.Disclosure;

/// <summary>What each move of a disclosure request changes, and why a move is refused.</summary>
public sealed partial class DisclosureRequest
{
    /// <summary>The longest correction period an officer may give, in working days.</summary>
    private const int MaxCorrectionDays = 60;

    /// <summary>Extensions approved since the request in force was received (a correction starts the count anew).</summary>
    private IEnumerable<DisclosureExtension> ExtensionsInForce => State.Extensions.Where(e => e.Approval.ApprovedAt >= State.CountedFrom);

    private IEnumerable<Consultation> ConsultationsInForce => State.Consultations.Where(c => c.StartedAt >= State.CountedFrom);

    /// <summary>The receipt the answer limit counts from: the request, or the corrected request.</summary>
    private Message CountEvent => State.Corrections.Any(c => c.ReceivedAt == State.CountedFrom) ? DisclosureTexts.EventCorrectedReceipt : DisclosureTexts.EventReceipt;

    /// <summary>The answer limit and the time in which a correction may be asked for start with a receipt.</summary>
    private void StartCounting(DateTimeOffset from, DateTimeOffset now)
    {
        _procedure.OpenObligation(DisputeObligationKind.DisclosureAnswer, Rules.Limits.Answer, from, CountEvent, State.Unit, now);
        _procedure.OpenWindow(WindowKind.CorrectionNotice, Rules.Limits.CorrectionNotice, from, CountEvent, now);
    }

    /// <summary>
    /// Where the answer limit ends: 20 working days from the receipt in force, plus the approved extensions, plus the
    /// working days of consultations (a consultation still waiting holds the third party's whole time).
    /// </summary>
    private CountedLimit CountAnswer(int moreExtension = 0)
    {
        var extended = ExtensionsInForce.Sum(e => e.Approval.Length) + moreExtension;
        var paused = ConsultationsInForce.Sum(c => c.WorkingDaysNotCounted ?? Rules.Limits.Consultation.Length);
        return _procedure.Count(State.CountedFrom, Rules.Limits.Answer, CountEvent, extended + paused);
    }

    /// <summary>Moves the answer limit to where it is now counted, saying why on the timeline.</summary>
    private void Recount(CountedLimit counted, DateTimeOffset at, DateTimeOffset now, Actor actor)
    {
        if (_procedure.Open(DisputeObligationKind.DisclosureAnswer) is not { } answer || answer.DueAt == counted.DueAt)
        {
            return;
        }

        var before = answer.DueAt;
        answer.DueAt = counted.DueAt;
        answer.DeadlineBasis = DisclosureTexts.BasisRecounted.With(
            ("counted", counted.Basis),
            ("limit", Rules.Limits.Answer.Describe()),
            ("extended", ExtensionsInForce.Sum(e => e.Approval.Length)),
            ("paused", ConsultationsInForce.Sum(c => c.WorkingDaysNotCounted ?? Rules.Limits.Consultation.Length)),
            ("source", Rules.Limits.Answer.Source));
        _procedure.Append(at, now, actor, DisputeTimelineKind.DeadlineChanged,
            DisclosureTexts.DeadlineMoved.With(("before", before), ("after", answer.DueAt), ("basis", answer.DeadlineBasis)), answer.Id);
    }

    /// <summary>An unclear request sent back for correction (补正, art. 30): the answer limit is withdrawn until the corrected request comes.</summary>
    private void AskCorrection(RequestCorrection command, Actor actor, DateTimeOffset now)
    {
        var at = command.At ?? now;
        _procedure.Use(_procedure.LastWindow(WindowKind.CorrectionNotice)!, at, now, actor);
        if (_procedure.Open(DisputeObligationKind.DisclosureAnswer) is { } answer)
        {
            _procedure.Withdraw(answer, at, now, actor, DisclosureTexts.BecauseCorrection);
        }

        var period = command.WorkingDays is { } days ? Rules.Limits.ApplicantCorrection with { Length = days } : Rules.Limits.ApplicantCorrection;
        var window = _procedure.OpenWindow(WindowKind.ApplicantCorrection, period, at, DisclosureTexts.EventCorrectionRequest, now);
        State.Corrections.Add(new CorrectionRequest { Items = command.Items.Trim(), At = at, CorrectBy = window.ClosesAt, RecordedAt = now, RecordedBy = actor.ToString() });
        _procedure.Append(at, now, actor, DisputeTimelineKind.CorrectionRequested,
            DisclosureTexts.CorrectionRequested.With(("length", period.Describe()), ("until", window.ClosesAt)), window.Id);
    }

    /// <summary>The corrected request came: it is the request in force, and its receipt starts the limits again.</summary>
    private void ReceiveCorrected(ReceiveCorrection command, Actor actor, DateTimeOffset now)
    {
        var at = command.ReceivedAt;
        _procedure.Use(_procedure.LastWindow(WindowKind.ApplicantCorrection)!, at, now, actor);
        State.Corrections[^1] = State.Corrections[^1] with { ReceivedAt = at };
        State.CountedFrom = at;
        _procedure.Append(at, now, actor, DisputeTimelineKind.CorrectionReceived, DisclosureTexts.CorrectionReceived.With(("at", at)));
        StartCounting(at, now);
    }

    private void Accept(AcceptDisclosure command, Actor actor, DateTimeOffset now)
    {
        var at = command.At ?? now;
        State.AcceptedAt = at;
        _procedure.Append(at, now, actor, DisputeTimelineKind.AcceptanceDecided, DisclosureTexts.Accepted);
        WaiveCorrectionNotice(at, now, actor, DisclosureTexts.BecauseAccepted);
    }

    /// <summary>The answer limit extended with the consent of the head of the disclosure office; the applicant was told.</summary>
    private void Extend(ExtendDisclosure command, Actor actor, DateTimeOffset now)
    {
        var rule = Rules.Limits.Answer.Extension!;
        var length = command.Length ?? (rule.Length - ExtensionsInForce.Sum(e => e.Approval.Length));
        var answer = _procedure.Open(DisputeObligationKind.DisclosureAnswer)!;
        var counted = CountAnswer(length);
        var approval = ReplyExtension.Approved(command, length, rule.Unit, answer.DueAt, counted.DueAt, actor, now);
        State.Extensions.Add(new DisclosureExtension { Approval = approval, ApplicantToldAt = command.ApplicantToldAt });
        _procedure.Append(command.ApprovedAt, now, actor, DisputeTimelineKind.ReplyExtended, DisclosureTexts.Extended.With(
            ("length", WorkingCalendar.Describe(length, rule.Unit)), ("by", approval.ApprovedBy), ("approvedAt", command.ApprovedAt),
            ("toldAt", command.ApplicantToldAt), ("reason", approval.Reason), ("source", rule.Source)), answer.Id);
        Recount(counted, command.ApprovedAt, now, actor);
    }

    /// <summary>A third party or another body consulted: its time is held out of the answer limit until the opinion comes.</summary>
    private void Consult(StartConsultation command, Actor actor, DateTimeOffset now)
    {
        var at = command.At ?? now;
        State.Consultations.Add(new Consultation { Kind = command.Kind, Party = command.Party.Trim(), StartedAt = at });
        var window = command.Kind == ConsultedParty.ThirdParty
            ? _procedure.OpenWindow(WindowKind.ThirdPartyOpinion, Rules.Limits.Consultation, at, DisclosureTexts.EventConsultation, now)
            : null;
        _procedure.Append(at, now, actor, DisputeTimelineKind.ConsultationStarted,
            DisclosureTexts.ConsultationStarted.With(("kind", Arg.Of(command.Kind)), ("reserved", Rules.Limits.Consultation.Describe())), window?.Id);
        Recount(CountAnswer(), at, now, actor);
    }

    /// <summary>The opinion came (or none in time): the working days it took, at most the third party's time, are not counted.</summary>
    private void EndConsult(EndConsultation command, Actor actor, DateTimeOffset now)
    {
        var at = command.At ?? now;
        var index = State.Consultations.FindLastIndex(c => c.IsOpen);
        var consultation = State.Consultations[index];
        var days = Math.Min(WorkingDaysAfter(consultation.StartedAt, at), Rules.Limits.Consultation.Length);
        State.Consultations[index] = consultation with { EndedAt = at, Outcome = command.Outcome, WorkingDaysNotCounted = days };
        if (consultation.Kind == ConsultedParty.ThirdParty && _procedure.LastWindow(WindowKind.ThirdPartyOpinion) is { IsUsed: false, IsWaived: false } window)
        {
            if (command.Outcome != ConsultationOutcome.NoOpinion)
            {
                _procedure.Use(window, at, now, actor);
            }
            else if (window.LapsedAt is null)
            {
                _procedure.Waive(window, at, now, actor, DisclosureTexts.BecauseNoOpinion);
            }
        }

        _procedure.Append(at, now, actor, DisputeTimelineKind.ConsultationEnded,
            DisclosureTexts.ConsultationEnded.With(("outcome", Arg.Of(command.Outcome)), ("days", days)));
        Recount(CountAnswer(), at, now, actor);
    }

    /// <summary>The answer of one of the kinds of art. 36: the answer limit is met.</summary>
    private void Answer(AnswerDisclosure command, Actor actor, DateTimeOffset now)
    {
        var at = command.At ?? now;
        State.Answer = new DisclosureAnswer
        {
            Kind = command.Kind,
            Content = command.Content,
            Reason = Blank(command.Reason),
            OtherBody = Blank(command.OtherBody),
            At = at,
            RecordedAt = now,
            RecordedBy = actor.ToString(),
        };
        Message otherBody = State.Answer.OtherBody is { } body ? DisclosureTexts.OtherBody.With(("body", body)) : DisputeTexts.Nothing;
        _procedure.Append(at, now, actor, DisputeTimelineKind.Replied, DisclosureTexts.Answered.With(("kind", Arg.Of(command.Kind)), ("otherBody", otherBody)));
        _procedure.Complete(_procedure.Open(DisputeObligationKind.DisclosureAnswer)!, at, now, actor, null);
        WaiveCorrectionNotice(at, now, actor, DisclosureTexts.BecauseAnswered);
    }

    private void Close(CloseDisclosure command, Actor actor, DateTimeOffset now) =>
        _procedure.Append(now, now, actor, DisputeTimelineKind.Closed, DisputeTexts.Closed.With(("note", DisputeTexts.NoteOrNothing(command.Note))));

    /// <summary>No correction came in the applicant's period: the request is deemed abandoned (视为放弃申请) and not handled further.</summary>
    private void Abandon(DeemAbandoned command, Actor actor, DateTimeOffset now) =>
        _procedure.Append(now, now, actor, DisputeTimelineKind.Closed,
            DisclosureTexts.Abandoned.With(("until", State.Corrections[^1].CorrectBy), ("note", DisputeTexts.NoteOrNothing(command.Note))));

    private void WaiveCorrectionNotice(DateTimeOffset at, DateTimeOffset now, Actor actor, Message because)
    {
        if (_procedure.LastWindow(WindowKind.CorrectionNotice) is { } window && window.IsOpenAt(at))
        {
            _procedure.Waive(window, at, now, actor, because);
        }
    }

    /// <summary>The working days after the day of <paramref name="from"/>, up to and including the day of <paramref name="to"/>.</summary>
    private int WorkingDaysAfter(DateTimeOffset from, DateTimeOffset to)
    {
        var calendar = _procedure.Calendar;
        var count = 0;
        for (var day = calendar.DayOf(from).AddDays(1); day <= calendar.DayOf(to); day = day.AddDays(1))
        {
            count += calendar.IsWorkingDay(day) ? 1 : 0;
        }

        return count;
    }

    private Message? WhyNotExtend(DateTimeOffset at)
    {
        if (Rules.Limits.Answer.Extension is not { } rule)
        {
            return DisputeTexts.NoExtensionRule.With(("ruleSet", Rules.Id), ("title", Rules.Title));
        }

        var granted = ExtensionsInForce.ToList();
        if (granted.Count >= rule.Times || granted.Sum(e => e.Approval.Length) >= rule.Length)
        {
            return DisclosureTexts.ExtensionUsed.With(("most", WorkingCalendar.Describe(rule.Length, rule.Unit)), ("by", granted[^1].Approval.ApprovedBy), ("source", rule.Source));
        }

        return _procedure.Open(DisputeObligationKind.DisclosureAnswer) is { } answer && at > answer.EffectiveDeadline
            ? DisclosureTexts.LimitPassed.With(("at", answer.EffectiveDeadline))
            : null;
    }

    private Message? WhyNotCorrection(DateTimeOffset at)
    {
        if (OpenConsultation is { } open)
        {
            return DisclosureTexts.ConsultationOpen.With(("since", open.StartedAt));
        }

        var window = _procedure.LastWindow(WindowKind.CorrectionNotice);
        return window is not null && at > window.ClosesAt ? Dispute.WindowEnded(window, DisclosureTexts.ThenAnswer) : null;
    }

    private Message? WhyNotAbandoned(DateTimeOffset now) =>
        _procedure.LastWindow(WindowKind.ApplicantCorrection) is { } window && now <= window.ClosesAt
            ? DisclosureTexts.CorrectionPeriodRuns.With(("until", window.ClosesAt))
            : null;

    private protected override Message WhyPhaseForbids(DisclosureCommand command) => (State.Phase, command) switch
    {
        (DisclosurePhase.Closed, _) => DisclosureTexts.RequestClosed.With(("move", Moves.NameOf(command))),
        (DisclosurePhase.CorrectionRequested, _) => DisclosureTexts.AwaitingCorrection.With(("move", Moves.NameOf(command)), ("until", State.Corrections[^1].CorrectBy)),
        (_, ReceiveCorrection or DeemAbandoned) => DisclosureTexts.NoCorrectionAsked,
        (DisclosurePhase.Answered, _) => DisclosureTexts.AlreadyAnswered.With(("kind", Arg.Of(State.Answer!.Kind)), ("at", State.Answer.At)),
        (DisclosurePhase.Accepted, RequestCorrection) => DisclosureTexts.CorrectionBeforeAcceptance,
        (DisclosurePhase.Accepted, AcceptDisclosure) => DisclosureTexts.AlreadyAccepted.With(("at", State.AcceptedAt ?? State.CountedFrom)),
        (_, CloseDisclosure) => DisclosureTexts.CloseBeforeAnswer,
        _ => DisclosureTexts.PhaseForbids.With(("move", Moves.NameOf(command)), ("phase", Arg.Of(State.Phase))),
    };
}
