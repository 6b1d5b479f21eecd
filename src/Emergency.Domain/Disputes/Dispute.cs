using Emergency.Domain.Calendar;
using Emergency.Domain.Cases;
using Emergency.Domain.Disputes.Rules;
using Stateless;

namespace Emergency.Domain.Disputes;

/// <summary>
/// One petition or complaint (信访事项; a 12369 report is a 举报件) and its procedure: registered → (transferred by
/// the petition office) → acceptance decided → assigned with the four fixed points → handled → replied → review
/// (复查) → second review (复核) → closed. A Stateless machine decides which moves each phase allows; obligations
/// carry the duties' deadlines and windows the times in which someone may act. Every method takes "now" from its
/// caller; a refused command changes nothing.
/// </summary>
public sealed partial class Dispute : ICase
{
    private readonly StateMachine<DisputePhase, Trigger> _machine;
    private readonly Procedure _procedure;

    private Dispute(DisputeState state, PetitionRuleSet rules, WorkingCalendar calendar)
    {
        State = state;
        Rules = rules;
        _procedure = new Procedure(state, calendar, rules.Counting);
        _machine = new StateMachine<DisputePhase, Trigger>(() => State.Phase, phase => State.Phase = phase);
        Configure();
    }

    private enum Trigger
    {
        Transfer,
        Accept,
        DeclineToAccept,
        TransferOut,
        ReturnWrongAssignment,
        Assign,
        ExtendReply,
        Handle,
        Reply,
        RecordSatisfaction,
        RequestReview,
        AnswerReview,
        RequestSecondReview,
        AnswerSecondReview,
        LinkEarlierCases,
        Close,
    }

    public DisputeState State { get; }

    public PetitionRuleSet Rules { get; }

    string ICase.Id => State.Id;

    string ICase.Scope => State.Scope;

    long ICase.Version => State.Version;

    DateTimeOffset ICase.RegisteredAt => State.RegisteredAt;

    /// <summary>The earliest deadline or window end still ahead: when the engine must look again.</summary>
    public DateTimeOffset? NextDueAt => _procedure.NextDueAt;

    public bool HasOverdue => _procedure.HasOverdue;

    /// <summary>The 12369 rules, when this is a hotline report received while they were in force.</summary>
    public Hotline12369Rules? HotlineRules => HotlineRulesFor(Rules, State.Channel, State.ReceivedAt);

    /// <summary>Rebuilds a dispute from its stored state.</summary>
    public static Dispute Load(DisputeState state, PetitionRuleCatalog catalog) => new(state, catalog.Get(state.RuleSetId), catalog.Calendar);

    /// <summary>Registers a petition (登记): judged by the rule set in force when it was received; its first limit starts.</summary>
    public static (Dispute? Dispute, Decision Decision) Register(
        string id, string scope, RegisterDispute command, Actor actor, PetitionRuleCatalog catalog, DateTimeOffset now)
    {
        var check = new Validator()
            .Defined("channel", command.Channel)
            .Defined("receivedBy", command.ReceivedBy)
            .NotInFuture("receivedAt", command.ReceivedAt, now)
            .Required("unit", command.Unit)
            .Required("content", command.Content, Validator.LongText);
        if (command.ReceivedBy == ReceivedBy.PetitionOffice)
        {
            check.Required("petitionOffice", command.PetitionOffice);
        }
        else if (command.PetitionOffice is not null)
        {
            check.Add("petitionOffice", "applies only to a case the petition office received");
        }

        CaseChecks.Complainant(check, command.Complainant);
        CaseChecks.EarlierCases(check, "earlierCases", command.EarlierCases, id);
        if (command.Subject is null)
        {
            check.Add("subject", "is required");
        }
        else
        {
            check.Required("subject.region", command.Subject.Region)
                .Optional("subject.enterprise", command.Subject.Enterprise, Validator.ShortText)
                .Optional("subject.place", command.Subject.Place, Validator.ShortText);
        }

        var rules = catalog.InForceAt(command.ReceivedAt);
        if (rules is null)
        {
            check.Add("receivedAt", $"no petition rule set was in force on {Durations.Describe(command.ReceivedAt)}; the earliest starts {Durations.Describe(catalog.EarliestStart ?? catalog.All[0].EffectiveFrom)}");
        }
        else if (HotlineRulesFor(rules, command.Channel, command.ReceivedAt) is { } hotline && command.Subject is { } subject
            && string.IsNullOrWhiteSpace(subject.Enterprise) && string.IsNullOrWhiteSpace(subject.Place))
        {
            check.Add("subject", $"a 12369 report must name the enterprise or the place reported ({hotline.Source})");
        }

        if (check.Errors.Count > 0 || rules is null)
        {
            return (null, Decision.Invalid(check.Errors));
        }

        var state = new DisputeState
        {
            Id = id,
            Scope = scope,
            Phase = DisputePhase.Registered,
            Channel = command.Channel,
            ReceivedBy = command.ReceivedBy,
            ReceivedAt = command.ReceivedAt,
            RegisteredAt = now,
            RegisteredBy = actor.ToString(),
            RuleSetId = rules.Id,
            Unit = command.Unit.Trim(),
            PetitionOffice = command.PetitionOffice?.Trim(),
            Complainant = Trimmed(command.Complainant),
            Subject = new DisputeSubject { Enterprise = command.Subject!.Enterprise?.Trim(), Place = command.Subject.Place?.Trim(), Region = command.Subject.Region.Trim() },
            Content = command.Content,
            EarlierCases = [.. command.EarlierCases.Select(c => c.Trim()).Distinct()],
        };
        var dispute = new Dispute(state, rules, catalog.Calendar);
        var how = command.ReceivedBy == ReceivedBy.PetitionOffice ? $"received by {state.PetitionOffice}" : "received by the department";
        var hotlineNote = dispute.HotlineRules is { } h ? $"; 12369 rules apply: {h.Principle}" : "";
        dispute._procedure.Append(command.ReceivedAt, now, actor, DisputeTimelineKind.Registered,
            $"Registered: {DisputeWords.Describe(command.Channel)} {how} {Durations.Describe(command.ReceivedAt)}, about {DisputeWords.Describe(state.Subject)}; unit {state.Unit}; judged by rule set {rules.Id}{hotlineNote}");
        if (state.EarlierCases.Count > 0)
        {
            dispute._procedure.Append(now, now, actor, DisputeTimelineKind.EarlierCasesLinked, $"Linked to earlier cases of the same person: {string.Join(", ", state.EarlierCases)}");
        }

        if (command.ReceivedBy == ReceivedBy.PetitionOffice)
        {
            dispute._procedure.OpenObligation(DisputeObligationKind.Transfer, rules.Limits.Transfer, command.ReceivedAt, "receipt by the petition office", state.PetitionOffice!, now);
        }
        else
        {
            dispute._procedure.OpenObligation(DisputeObligationKind.Acceptance, rules.Limits.Acceptance, command.ReceivedAt, "receipt", state.Unit, now);
        }

        state.Version = 1;
        dispute._procedure.MarkDue(now);
        return (dispute, Decision.Accepted);
    }

    /// <summary>Marks every deadline and window end that has passed. Returns true when anything changed.</summary>
    public bool Tick(DateTimeOffset now) => _procedure.Tick(now);

    /// <summary>The petition office passed the case to the department (转送): the acceptance limit starts.</summary>
    public Decision RecordTransfer(RecordTransfer command, Actor actor, DateTimeOffset now)
    {
        Tick(now);
        var check = new Validator()
            .Optional("note", command.Note)
            .NotInFuture("at", command.At, now)
            .NotBefore("at", command.At, State.ReceivedAt, "the receipt");
        if (check.Errors.Count > 0)
        {
            return Decision.Invalid(check.Errors);
        }

        var at = command.At ?? now;
        return Attempt(Trigger.Transfer, "record the transfer", now, WhyNotTransfer, () =>
        {
            State.TransferredAt = at;
            _procedure.Append(at, now, actor, DisputeTimelineKind.Transferred, $"Transferred by {State.PetitionOffice} to {State.Unit} (转送){NoteSuffix(command.Note)}");
            _procedure.Complete(_procedure.Open(DisputeObligationKind.Transfer)!, at, now, actor, command.Note);
            _procedure.OpenObligation(DisputeObligationKind.Acceptance, Rules.Limits.Acceptance, at, "the transfer", State.Unit, now);
            if (Rules.Limits.WrongAssignment is { } wrong)
            {
                _procedure.OpenWindow(WindowKind.WrongAssignment, wrong, at, "the transfer", now);
            }
        });
    }

    /// <summary>Decide acceptance and tell the petitioner (受理告知): accepted, not accepted with a ground, or transferred.</summary>
    public Decision DecideAcceptance(DecideAcceptance command, Actor actor, DateTimeOffset now)
    {
        Tick(now);
        var check = new Validator()
            .Defined("outcome", command.Outcome)
            .NotInFuture("at", command.At, now)
            .NotBefore("at", command.At, State.ReceivedByDepartmentAt, "the receipt by the department");
        if (command.Outcome is AcceptanceOutcome.NotAccepted or AcceptanceOutcome.TransferredOut)
        {
            check.Required("reason", command.Reason, Validator.LongText);
        }
        else
        {
            check.Optional("reason", command.Reason);
        }

        if (command.Outcome == AcceptanceOutcome.NotAccepted)
        {
            if (command.Ground is { } ground)
            {
                check.Defined("ground", ground);
            }
            else
            {
                check.Add("ground", "is required when the case is not accepted");
            }
        }
        else if (command.Ground is not null)
        {
            check.Add("ground", "applies only when the case is not accepted");
        }

        if (command.Outcome == AcceptanceOutcome.TransferredOut)
        {
            check.Required("transferredTo", command.TransferredTo);
        }
        else if (command.TransferredTo is not null)
        {
            check.Add("transferredTo", "applies only when the case is transferred to another organ");
        }

        if (check.Errors.Count > 0)
        {
            return Decision.Invalid(check.Errors);
        }

        var at = command.At ?? now;
        var (trigger, move) = command.Outcome switch
        {
            AcceptanceOutcome.Accepted => (Trigger.Accept, "decide acceptance (accepted)"),
            AcceptanceOutcome.NotAccepted => (Trigger.DeclineToAccept, "decide acceptance (not accepted)"),
            _ => (Trigger.TransferOut, "decide acceptance (transferred)"),
        };
        return Attempt(trigger, move, now, () => WhyNotDecide(command.Ground), () =>
        {
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
        });
    }

    /// <summary>Send a transferred case back to the petition office as outside the department's remit (异议, 2022 rules).</summary>
    public Decision ReturnWrongAssignment(ReturnWrongAssignment command, Actor actor, DateTimeOffset now)
    {
        Tick(now);
        var check = new Validator()
            .Required("reason", command.Reason, Validator.LongText)
            .NotInFuture("at", command.At, now)
            .NotBefore("at", command.At, State.ReceivedByDepartmentAt, "the receipt by the department");
        if (check.Errors.Count > 0)
        {
            return Decision.Invalid(check.Errors);
        }

        var at = command.At ?? now;
        return Attempt(Trigger.ReturnWrongAssignment, "return a wrong assignment", now, () => WhyNotReturn(at), () =>
        {
            State.Returned = new WrongAssignmentReturn { Reason = command.Reason.Trim(), At = at, RecordedAt = now, RecordedBy = actor.ToString() };
            _procedure.Use(_procedure.LastWindow(WindowKind.WrongAssignment)!, at, now, actor);
            _procedure.Append(at, now, actor, DisputeTimelineKind.WrongAssignmentReturned, $"Sent back to the petition office as outside the department's remit (异议): {command.Reason.Trim()}");
            _procedure.Withdraw(_procedure.Open(DisputeObligationKind.Acceptance)!, at, now, actor, "the case went back to the petition office as wrongly assigned");
        });
    }

    /// <summary>Assign with the four fixed points (四定); the unit's deadline never lies beyond the reply limit.</summary>
    public Decision Assign(Assign command, Actor actor, DateTimeOffset now)
    {
        Tick(now);
        var start = State.Acceptance?.At ?? State.ReceivedByDepartmentAt;
        var check = CaseChecks.Assignment(command, now, start);
        if (command.Complex || command.ComplexBecause is not null)
        {
            check.Add("complex", "applies to suggestions only; a petition's reply limit is extended with a recorded approval (extendReply)");
        }

        var at = command.At ?? now;
        var reply = _procedure.Open(DisputeObligationKind.Reply);
        if (reply is not null && command.Deadline > reply.DueAt)
        {
            check.Add("deadline", $"{Durations.Describe(command.Deadline)} is after the legal limit of the reply ({Durations.Describe(reply.DueAt)}); the fixed deadline may not exceed it");
        }

        if (check.Errors.Count > 0)
        {
            return Decision.Invalid(check.Errors);
        }

        return Attempt(Trigger.Assign, "assign", now, null, () =>
        {
            State.Assignment = FourFixedPoints.From(command, at, now, actor);
            _procedure.Append(at, now, actor, DisputeTimelineKind.Assigned, DisputeWords.Describe(State.Assignment));
            reply!.Unit = State.Assignment.Unit;
            _procedure.OpenObligation(DisputeObligationKind.Handling, command.Deadline, $"the deadline fixed at assignment (四定: 定时限) on {Durations.Describe(at)}, within the reply limit", at, State.Assignment.Unit, now);
        });
    }

    /// <summary>Extend the reply limit with the approval of the organ's head (延期), before the limit passes.</summary>
    public Decision ExtendReply(ExtendReply command, Actor actor, DateTimeOffset now)
    {
        Tick(now);
        var rule = Rules.Limits.Reply.Extension;
        var check = new Validator()
            .Required("approvedBy", command.ApprovedBy)
            .Required("reason", command.Reason, Validator.LongText)
            .NotInFuture("approvedAt", command.ApprovedAt, now)
            .NotBefore("approvedAt", command.ApprovedAt, State.Acceptance?.At ?? State.ReceivedByDepartmentAt, "the acceptance");
        var already = State.Extensions.Sum(e => e.Length);
        if (rule is not null && command.Length is { } asked && (asked < 1 || asked + already > rule.Length))
        {
            check.Add("length", $"must be between 1 and {rule.Length - already} ({rule.Length} {rule.Unit} at most in all under rule set {Rules.Id})");
        }

        if (check.Errors.Count > 0)
        {
            return Decision.Invalid(check.Errors);
        }

        return Attempt(Trigger.ExtendReply, "extend the reply limit", now, () => WhyNotExtend(now), () =>
        {
            var length = command.Length ?? (rule!.Length - already);
            var reply = _procedure.Open(DisputeObligationKind.Reply)!;
            var counted = _procedure.Count(reply.OpenedAt, Rules.Limits.Reply, "acceptance", already + length);
            var extension = new ReplyExtension
            {
                Length = length,
                Unit = rule!.Unit,
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
        });
    }

    /// <summary>The assigned unit reports the result of handling; a 12369 report must say whether a violation was found.</summary>
    public Decision Handle(Handle command, Actor actor, DateTimeOffset now)
    {
        Tick(now);
        var check = new Validator()
            .Required("result", command.Result, Validator.LongText)
            .NotInFuture("at", command.At, now)
            .NotBefore("at", command.At, State.Assignment?.At ?? State.ReceivedByDepartmentAt, "the assignment");
        if (command.Finding is { } finding)
        {
            check.Defined("finding", finding);
        }
        else if (HotlineRules is { FindingRequired: true } hotline)
        {
            check.Add("finding", $"a 12369 report must say whether a violation was found (违法必查; {hotline.Source})");
        }

        if (check.Errors.Count > 0)
        {
            return Decision.Invalid(check.Errors);
        }

        var at = command.At ?? now;
        return Attempt(Trigger.Handle, "record the handling", now, null, () =>
        {
            State.Handling = new HandlingRecord { Result = command.Result, Finding = command.Finding, At = at, RecordedAt = now, RecordedBy = actor.ToString() };
            var finding = command.Finding switch
            {
                ViolationFinding.ViolationFound => ": a violation was found",
                ViolationFinding.NoViolationFound => ": no violation was found",
                _ => "",
            };
            _procedure.Append(at, now, actor, DisputeTimelineKind.Handled, $"Handled by {State.Assignment!.Unit}{finding}");
            _procedure.Complete(_procedure.Open(DisputeObligationKind.Handling)!, at, now, actor, null);
        });
    }

    /// <summary>Give the written reply (答复, 办结); the petitioner's time to ask for a review starts.</summary>
    public Decision Reply(GiveAnswer command, Actor actor, DateTimeOffset now)
    {
        Tick(now);
        var check = CaseChecks.Answer(command, now, State.Handling?.At ?? State.ReceivedByDepartmentAt, "the handling");
        if (check.Errors.Count > 0)
        {
            return Decision.Invalid(check.Errors);
        }

        var at = command.At ?? now;
        return Attempt(Trigger.Reply, "reply", now, null, () =>
        {
            AddAnswer(AnswerStage.Reply, command.Content, at, now, actor);
            _procedure.Append(at, now, actor, DisputeTimelineKind.Replied, "Replied in writing (答复意见)");
            _procedure.Complete(_procedure.Open(DisputeObligationKind.Reply)!, at, now, actor, null);
            _procedure.OpenWindow(WindowKind.Review, Rules.Limits.Review.Request, at, "the reply", now);
        });
    }

    /// <summary>Record whether the petitioner is satisfied with the latest answer (满意 / 基本满意 / 不满意).</summary>
    public Decision RecordSatisfaction(RecordSatisfaction command, Actor actor, DateTimeOffset now)
    {
        Tick(now);
        var stage = CurrentAnswerStage;
        var answered = stage is { } s ? State.Answers.LastOrDefault(a => a.Stage == s)?.At : null;
        var check = new Validator()
            .Defined("satisfaction", command.Satisfaction)
            .Optional("note", command.Note)
            .NotInFuture("at", command.At, now)
            .NotBefore("at", command.At, answered ?? State.ReceivedAt, "the answer");
        if (check.Errors.Count > 0)
        {
            return Decision.Invalid(check.Errors);
        }

        var at = command.At ?? now;
        return Attempt(Trigger.RecordSatisfaction, "record satisfaction", now, WhyNotSatisfaction, () =>
        {
            State.Satisfactions.Add(new SatisfactionRecord { Stage = stage!.Value, Satisfaction = command.Satisfaction, Note = command.Note, At = at, RecordedAt = now, RecordedBy = actor.ToString() });
            _procedure.Append(at, now, actor, DisputeTimelineKind.SatisfactionRecorded, $"The petitioner is {DisputeWords.Describe(command.Satisfaction)} with the {DisputeWords.Describe(stage.Value)}");
        });
    }

    /// <summary>The petitioner asks the next higher organ to review the reply (复查), within the window after the reply.</summary>
    public Decision RequestReview(RequestReview command, Actor actor, DateTimeOffset now) =>
        Request(command, actor, now, Trigger.RequestReview, WindowKind.Review, AnswerStage.Reply);

    /// <summary>The reviewing organ gives its review opinion (复查意见).</summary>
    public Decision AnswerReview(GiveAnswer command, Actor actor, DateTimeOffset now) =>
        AnswerRequest(command, actor, now, Trigger.AnswerReview, AnswerStage.Review);

    /// <summary>The petitioner asks for a second review (复核), where the rule set has one.</summary>
    public Decision RequestSecondReview(RequestReview command, Actor actor, DateTimeOffset now) =>
        Request(command, actor, now, Trigger.RequestSecondReview, WindowKind.SecondReview, AnswerStage.Review);

    /// <summary>The second review opinion (复核意见): the procedure ends with it.</summary>
    public Decision AnswerSecondReview(GiveAnswer command, Actor actor, DateTimeOffset now) =>
        AnswerRequest(command, actor, now, Trigger.AnswerSecondReview, AnswerStage.SecondReview);

    /// <summary>Links earlier cases of the same person (found by the early warning or by hand).</summary>
    public Decision LinkEarlierCases(LinkEarlierCases command, Actor actor, DateTimeOffset now)
    {
        Tick(now);
        var check = new Validator();
        CaseChecks.EarlierCases(check, "caseIds", command.CaseIds, State.Id);
        if (command.CaseIds is { Count: 0 })
        {
            check.Add("caseIds", "name at least one case");
        }

        if (check.Errors.Count > 0)
        {
            return Decision.Invalid(check.Errors);
        }

        var added = command.CaseIds.Select(c => c.Trim()).Distinct().Where(c => !State.EarlierCases.Contains(c)).ToList();
        return Attempt(Trigger.LinkEarlierCases, "link earlier cases", now, () => added.Count == 0 ? "every case named is already linked" : null, () =>
        {
            State.EarlierCases.AddRange(added);
            _procedure.Append(now, now, actor, DisputeTimelineKind.EarlierCasesLinked, $"Linked to earlier cases of the same person: {string.Join(", ", added)}");
        });
    }

    /// <summary>
    /// Notes that an early warning this complaint belongs to was escalated into an incident (预警升级), so that whoever
    /// replies knows. Not a move of the procedure: it is recorded in any phase, closed included, once per incident.
    /// </summary>
    public Decision NoteEscalation(NoteEscalation command, Actor actor, DateTimeOffset now)
    {
        Tick(now);
        var check = new Validator().Required("incidentId", command.IncidentId).Required("warningId", command.WarningId);
        if (check.Errors.Count > 0)
        {
            return Decision.Invalid(check.Errors);
        }

        if (State.Timeline.Any(e => e.Kind == DisputeTimelineKind.EscalatedToIncident && e.Ref == command.IncidentId))
        {
            return Decision.NotAllowed($"the escalation into incident {command.IncidentId} is already noted", AllowedMoves(now));
        }

        _procedure.Append(now, now, actor, DisputeTimelineKind.EscalatedToIncident,
            $"Early warning {command.WarningId} this complaint belongs to was escalated into incident {command.IncidentId}; the reply should say how the incident is handled", command.IncidentId);
        return _procedure.Accepted(now);
    }

    /// <summary>Closes the case: every obligation done, the petitioner's time to ask for more over, satisfaction recorded.</summary>
    public Decision Close(CloseCase command, Actor actor, DateTimeOffset now)
    {
        Tick(now);
        var check = new Validator().Optional("note", command.Note);
        if (check.Errors.Count > 0)
        {
            return Decision.Invalid(check.Errors);
        }

        return Attempt(Trigger.Close, "close", now, () => WhyNotClose(now), () =>
            _procedure.Append(now, now, actor, DisputeTimelineKind.Closed, $"Closed{NoteSuffix(command.Note)}"));
    }

    /// <summary>The moves the procedure allows now, in the words of the API.</summary>
    public IReadOnlyList<string> AllowedMoves(DateTimeOffset now)
    {
        var moves = new List<string>();
        void Add(Trigger trigger, string move, Func<string?>? precondition = null)
        {
            if (_machine.CanFire(trigger) && precondition?.Invoke() is null)
            {
                moves.Add(move);
            }
        }

        Add(Trigger.Transfer, "transfer", WhyNotTransfer);
        Add(Trigger.Accept, "decideAcceptance(accepted)", () => WhyNotDecide(null));
        Add(Trigger.DeclineToAccept, "decideAcceptance(notAccepted)", () => WhyNotDecide(null));
        Add(Trigger.TransferOut, "decideAcceptance(transferredOut)", () => WhyNotDecide(null));
        Add(Trigger.ReturnWrongAssignment, "returnWrongAssignment", () => WhyNotReturn(now));
        Add(Trigger.Assign, "assign");
        Add(Trigger.ExtendReply, "extendReply", () => WhyNotExtend(now));
        Add(Trigger.Handle, "handle");
        Add(Trigger.Reply, "reply");
        Add(Trigger.RecordSatisfaction, "recordSatisfaction", WhyNotSatisfaction);
        Add(Trigger.RequestReview, "requestReview", () => WhyNotRequest(WindowKind.Review, now));
        Add(Trigger.AnswerReview, "answerReview");
        Add(Trigger.RequestSecondReview, "requestSecondReview", () => WhyNotRequest(WindowKind.SecondReview, now));
        Add(Trigger.AnswerSecondReview, "answerSecondReview");
        Add(Trigger.LinkEarlierCases, "linkEarlierCases");
        Add(Trigger.Close, "close", () => WhyNotClose(now));
        return moves;
    }

    private void Configure()
    {
        _machine.Configure(DisputePhase.Registered)
            .InternalTransition(Trigger.Transfer, () => { })
            .Permit(Trigger.Accept, DisputePhase.Accepted)
            .Permit(Trigger.DeclineToAccept, DisputePhase.NotAccepted)
            .Permit(Trigger.TransferOut, DisputePhase.TransferredOut)
            .Permit(Trigger.ReturnWrongAssignment, DisputePhase.Returned)
            .InternalTransition(Trigger.LinkEarlierCases, () => { });

        _machine.Configure(DisputePhase.Accepted)
            .Permit(Trigger.Assign, DisputePhase.Assigned)
            .InternalTransition(Trigger.ExtendReply, () => { })
            .InternalTransition(Trigger.LinkEarlierCases, () => { });

        _machine.Configure(DisputePhase.Assigned)
            .Permit(Trigger.Handle, DisputePhase.Handled)
            .InternalTransition(Trigger.ExtendReply, () => { })
            .InternalTransition(Trigger.LinkEarlierCases, () => { });

        _machine.Configure(DisputePhase.Handled)
            .Permit(Trigger.Reply, DisputePhase.Replied)
            .InternalTransition(Trigger.ExtendReply, () => { })
            .InternalTransition(Trigger.LinkEarlierCases, () => { });

        _machine.Configure(DisputePhase.Replied)
            .InternalTransition(Trigger.RecordSatisfaction, () => { })
            .Permit(Trigger.RequestReview, DisputePhase.UnderReview)
            .Permit(Trigger.Close, DisputePhase.Closed)
            .InternalTransition(Trigger.LinkEarlierCases, () => { });

        _machine.Configure(DisputePhase.UnderReview)
            .Permit(Trigger.AnswerReview, DisputePhase.Reviewed)
            .InternalTransition(Trigger.LinkEarlierCases, () => { });

        _machine.Configure(DisputePhase.Reviewed)
            .InternalTransition(Trigger.RecordSatisfaction, () => { })
            .Permit(Trigger.RequestSecondReview, DisputePhase.UnderSecondReview)
            .Permit(Trigger.Close, DisputePhase.Closed)
            .InternalTransition(Trigger.LinkEarlierCases, () => { });

        _machine.Configure(DisputePhase.UnderSecondReview)
            .Permit(Trigger.AnswerSecondReview, DisputePhase.SecondReviewed)
            .InternalTransition(Trigger.LinkEarlierCases, () => { });

        _machine.Configure(DisputePhase.SecondReviewed)
            .InternalTransition(Trigger.RecordSatisfaction, () => { })
            .Permit(Trigger.Close, DisputePhase.Closed)
            .InternalTransition(Trigger.LinkEarlierCases, () => { });

        foreach (var concluded in new[] { DisputePhase.NotAccepted, DisputePhase.TransferredOut, DisputePhase.Returned })
        {
            _machine.Configure(concluded)
                .Permit(Trigger.Close, DisputePhase.Closed)
                .InternalTransition(Trigger.LinkEarlierCases, () => { });
        }

        _machine.Configure(DisputePhase.Closed);
    }

    private Decision Request(RequestReview command, Actor actor, DateTimeOffset now, Trigger trigger, WindowKind kind, AnswerStage contested)
    {
        Tick(now);
        var answered = State.Answers.LastOrDefault(a => a.Stage == contested)?.At;
        var check = new Validator()
            .Optional("note", command.Note)
            .Optional("organ", command.Organ, Validator.ShortText)
            .NotInFuture("at", command.At, now)
            .NotBefore("at", command.At, answered ?? State.ReceivedAt, $"the {DisputeWords.Describe(contested)}");
        if (check.Errors.Count > 0)
        {
            return Decision.Invalid(check.Errors);
        }

        var at = command.At ?? now;
        var move = kind == WindowKind.Review ? "request a review (复查)" : "request a second review (复核)";
        return Attempt(trigger, move, now, () => WhyNotRequest(kind, at), () =>
        {
            var stage = kind == WindowKind.Review ? AnswerStage.Review : AnswerStage.SecondReview;
            var organ = string.IsNullOrWhiteSpace(command.Organ) ? "the next higher organ (上一级机关)" : command.Organ.Trim();
            State.ReviewRequests.Add(new ReviewRequest { Stage = stage, Organ = organ, Note = command.Note, At = at, RecordedAt = now, RecordedBy = actor.ToString() });
            _procedure.Use(_procedure.LastWindow(kind)!, at, now, actor);
            _procedure.Append(at, now, actor, DisputeTimelineKind.ReviewRequested, $"The petitioner asked {organ} for {(kind == WindowKind.Review ? "a review (复查)" : "a second review (复核)")} of the {DisputeWords.Describe(contested)}");
            var (obligation, limits) = kind == WindowKind.Review
                ? (DisputeObligationKind.ReviewAnswer, Rules.Limits.Review)
                : (DisputeObligationKind.SecondReviewAnswer, Rules.Limits.SecondReview!);
            _procedure.OpenObligation(obligation, limits.Answer, at, "the request", organ, now);
        });
    }

    private Decision AnswerRequest(GiveAnswer command, Actor actor, DateTimeOffset now, Trigger trigger, AnswerStage stage)
    {
        Tick(now);
        var requested = State.ReviewRequests.LastOrDefault(r => r.Stage == stage)?.At;
        var check = CaseChecks.Answer(command, now, requested ?? State.ReceivedAt, "the request");
        if (check.Errors.Count > 0)
        {
            return Decision.Invalid(check.Errors);
        }

        var at = command.At ?? now;
        return Attempt(trigger, $"give the {DisputeWords.Describe(stage)}", now, null, () =>
        {
            AddAnswer(stage, command.Content, at, now, actor);
            _procedure.Append(at, now, actor, DisputeTimelineKind.ReviewAnswered, $"{Procedure.Capitalised(DisputeWords.Describe(stage))} given in writing");
            var kind = stage == AnswerStage.Review ? DisputeObligationKind.ReviewAnswer : DisputeObligationKind.SecondReviewAnswer;
            _procedure.Complete(_procedure.Open(kind)!, at, now, actor, null);
            if (stage == AnswerStage.Review && Rules.Limits.SecondReview is { } second)
            {
                _procedure.OpenWindow(WindowKind.SecondReview, second.Request, at, "the review opinion", now);
            }
        });
    }

    private Decision Attempt(Trigger trigger, string move, DateTimeOffset now, Func<string?>? precondition, Action apply)
    {
        if (!_machine.CanFire(trigger))
        {
            return Decision.NotAllowed(WhyPhaseForbids(trigger, move), AllowedMoves(now));
        }

        if (precondition?.Invoke() is { } why)
        {
            return Decision.NotAllowed(why, AllowedMoves(now));
        }

        apply();
        _machine.Fire(trigger);
        return _procedure.Accepted(now);
    }

    private void AddAnswer(AnswerStage stage, string content, DateTimeOffset at, DateTimeOffset now, Actor actor) =>
        State.Answers.Add(new Answer { Stage = stage, Content = content, At = at, RecordedAt = now, RecordedBy = actor.ToString() });

    private static Complainant Trimmed(Complainant? complainant) => complainant is null
        ? new Complainant()
        : new Complainant
        {
            Name = Blank(complainant.Name),
            Contact = Blank(complainant.Contact),
            IdNumber = Blank(complainant.IdNumber)?.ToUpperInvariant(),
        };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static Hotline12369Rules? HotlineRulesFor(PetitionRuleSet rules, PetitionChannel channel, DateTimeOffset receivedAt) =>
        channel == PetitionChannel.Hotline12369 && rules.Hotline12369 is { } hotline && receivedAt >= hotline.EffectiveFrom ? hotline : null;

    private static string NoteSuffix(string? note) => note is { Length: > 0 } ? $": {note}" : "";
}
