using Emergency.Domain.Calendar;
using Emergency.Domain.Cases;
using Emergency.Domain.Disputes.Rules;
using Emergency.Domain.Messages;
using Stateless.Graph;
using Stateless.Reflection;

namespace Emergency.Domain.Disputes;

/// <summary>
/// One petition or complaint (信访事项; a 12369 report is a 举报件) and its procedure: registered → (transferred by
/// the petition office) → acceptance decided → assigned with the four fixed points → handled → replied → review
/// (复查) → second review (复核) → closed. The procedure is a Stateless machine whose triggers are the moves: it says
/// which moves each phase allows, guards their preconditions and runs their effects; obligations carry the duties'
/// deadlines and windows the times in which someone may act. Every move takes "now" from its caller; a refused move
/// changes nothing.
/// </summary>
public sealed partial class Dispute : CalendarCase<DisputeState, PetitionRuleSet, DisputeCommand>
{
    private readonly CaseMachine<Stage, DisputeCommand> _machine;

    private Dispute(DisputeState state, PetitionRuleSet rules, WorkingCalendar calendar)
        : base(state, rules, calendar) => _machine = Configure();

    /// <summary>The machine alone, for its graph: nothing is judged on it, so it needs no rule set.</summary>
    private Dispute(DisputeState state)
        : base(state, null, null) => _machine = Configure();

    /// <summary>
    /// The machine's states: every phase as stored, and groups of phases that share moves (never stored: the case is
    /// always in one phase, and a group's moves are allowed in each phase of it).
    /// </summary>
    private enum Stage
    {
        Registered = (int)DisputePhase.Registered,
        Accepted = (int)DisputePhase.Accepted,
        NotAccepted = (int)DisputePhase.NotAccepted,
        TransferredOut = (int)DisputePhase.TransferredOut,
        Returned = (int)DisputePhase.Returned,
        Assigned = (int)DisputePhase.Assigned,
        Handled = (int)DisputePhase.Handled,
        Replied = (int)DisputePhase.Replied,
        UnderReview = (int)DisputePhase.UnderReview,
        Reviewed = (int)DisputePhase.Reviewed,
        UnderSecondReview = (int)DisputePhase.UnderSecondReview,
        SecondReviewed = (int)DisputePhase.SecondReviewed,
        Closed = (int)DisputePhase.Closed,

        /// <summary>Every phase: the engine notes an escalation even on a closed case.</summary>
        Any = 100,

        /// <summary>Every phase but closed: earlier cases may be linked.</summary>
        Open,

        /// <summary>Accepted, not yet replied: the reply limit runs and may be extended.</summary>
        ReplyRunning,

        /// <summary>The petitioner has an answer or the case ended at acceptance: it may be closed.</summary>
        Closable,

        /// <summary>A reply or review opinion was given: the petitioner's satisfaction with it is recorded.</summary>
        Answered,

        /// <summary>Not accepted, transferred or sent back: only closing is left.</summary>
        Concluded,
    }

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
            check.Add("petitionOffice", DisputeTexts.PetitionOfficeOnly);
        }

        CaseChecks.Complainant(check, command.Complainant);
        CaseChecks.EarlierCases(check, "earlierCases", command.EarlierCases, id);
        if (command.Subject is null)
        {
            check.Add("subject", CommonTexts.Required);
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
            check.Add("receivedAt", DisputeTexts.NoRuleSetInForce.With(("at", command.ReceivedAt), ("earliest", catalog.EarliestStart ?? catalog.All[0].EffectiveFrom)));
        }
        else if (HotlineRulesFor(rules, command.Channel, command.ReceivedAt) is { } hotline && command.Subject is { } subject
            && string.IsNullOrWhiteSpace(subject.Enterprise) && string.IsNullOrWhiteSpace(subject.Place))
        {
            check.Add("subject", DisputeTexts.HotlineNamesSubject.With(("source", hotline.Source)));
        }

        if (check.Errors.Count > 0 || rules is null)
        {
            return (null, Decision.Invalid(check.Errors));
        }

        var state = new DisputeState
        {
            Id = id,
            Scope = scope,
            Phase = (int)DisputePhase.Registered,
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
        Message how = command.ReceivedBy == ReceivedBy.PetitionOffice ? DisputeTexts.ReceivedByOffice.With(("office", state.PetitionOffice!)) : DisputeTexts.ReceivedByDepartment;
        Message hotlineNote = dispute.HotlineRules is { } h ? DisputeTexts.HotlineRulesApply.With(("principle", h.Principle)) : DisputeTexts.Nothing;
        dispute._procedure.Append(command.ReceivedAt, now, actor, DisputeTimelineKind.Registered, DisputeTexts.Registered.With(
            ("channel", Arg.Of(command.Channel)), ("how", how), ("at", command.ReceivedAt), ("subject", DisputeWords.Describe(state.Subject)),
            ("unit", state.Unit), ("ruleSet", rules.Id), ("hotline", hotlineNote)));
        if (state.EarlierCases.Count > 0)
        {
            dispute._procedure.Append(now, now, actor, DisputeTimelineKind.EarlierCasesLinked, DisputeTexts.EarlierCasesLinked.With(("cases", DisputeWords.Ids(state.EarlierCases))));
        }

        if (command.ReceivedBy == ReceivedBy.PetitionOffice)
        {
            dispute._procedure.OpenObligation(DisputeObligationKind.Transfer, rules.Limits.Transfer, command.ReceivedAt, DisputeTexts.EventReceiptByOffice, state.PetitionOffice!, now);
        }
        else
        {
            dispute._procedure.OpenObligation(DisputeObligationKind.Acceptance, rules.Limits.Acceptance, command.ReceivedAt, DisputeTexts.EventReceipt, state.Unit, now);
        }

        state.Version = 1;
        dispute._procedure.MarkDue(now);
        return (dispute, Decision.Accepted);
    }

    private protected override ICaseMachine<DisputeCommand> Machine => _machine;

    /// <summary>The procedure as a Mermaid state diagram, for docs/machines/.</summary>
    public static string Graph() => MermaidGraph.Format(new Dispute(new DisputeState())._machine.Machine.GetInfo());

    private protected override Validator Check(DisputeCommand command, DateTimeOffset now)
    {
        var check = new Validator();
        switch (command)
        {
            case RecordTransfer transfer:
                check.Optional("note", transfer.Note)
                    .NotInFuture("at", transfer.At, now)
                    .NotBefore("at", transfer.At, State.ReceivedAt, DisputeTexts.EventTheReceipt);
                break;
            case DecideAcceptance decide:
                CheckAcceptance(check, decide, now);
                break;
            case ReturnPetition wrong:
                check.Required("reason", wrong.Reason, Validator.LongText)
                    .NotInFuture("at", wrong.At, now)
                    .NotBefore("at", wrong.At, State.ReceivedByDepartmentAt, DisputeTexts.EventReceiptByDepartment);
                break;
            case AssignPetition assign:
                check = CaseChecks.Assignment(assign, now, State.Acceptance?.At ?? State.ReceivedByDepartmentAt);
                if (_procedure.Open(DisputeObligationKind.Reply) is { } reply && assign.Deadline > reply.DueAt)
                {
                    check.Add("deadline", DisputeTexts.AfterLegalLimit.With(("deadline", assign.Deadline), ("limit", reply.DueAt)));
                }

                break;
            case ExtendReply extend:
                CaseChecks.ExtensionApproval(check, extend, now, State.Acceptance?.At ?? State.ReceivedByDepartmentAt, DisputeTexts.EventTheAcceptance);
                CaseChecks.ExtensionLength(check, extend, Rules.Limits.Reply.Extension, State.Extensions.Sum(e => e.Length), Rules.Id);
                break;
            case RecordHandling handling:
                check.Required("result", handling.Result, Validator.LongText)
                    .NotInFuture("at", handling.At, now)
                    .NotBefore("at", handling.At, State.Assignment?.At ?? State.ReceivedByDepartmentAt, DisputeTexts.EventAssignment);
                if (handling.Finding is { } finding)
                {
                    check.Defined("finding", finding);
                }
                else if (HotlineRules is { FindingRequired: true } hotline)
                {
                    check.Add("finding", DisputeTexts.FindingRequired.With(("source", hotline.Source)));
                }

                break;
            case ReplyToPetition answer:
                check = CaseChecks.Answer(answer, now, State.Handling?.At ?? State.ReceivedByDepartmentAt, DisputeTexts.EventHandling);
                break;
            case AnswerReview answer:
                check = CaseChecks.Answer(answer, now, State.ReviewRequests.LastOrDefault(r => r.Stage == AnswerStage.Review)?.At ?? State.ReceivedAt, DisputeTexts.EventRequest);
                break;
            case AnswerSecondReview answer:
                check = CaseChecks.Answer(answer, now, State.ReviewRequests.LastOrDefault(r => r.Stage == AnswerStage.SecondReview)?.At ?? State.ReceivedAt, DisputeTexts.EventRequest);
                break;
            case RecordPetitionSatisfaction satisfaction:
                var answered = CurrentAnswerStage is { } stage ? State.Answers.LastOrDefault(a => a.Stage == stage)?.At : null;
                check.Defined("satisfaction", satisfaction.Satisfaction)
                    .Optional("note", satisfaction.Note)
                    .NotInFuture("at", satisfaction.At, now)
                    .NotBefore("at", satisfaction.At, answered ?? State.ReceivedAt, DisputeTexts.EventAnswer);
                break;
            case AskForReview request:
                var contested = request is RequestReview ? AnswerStage.Reply : AnswerStage.Review;
                check.Optional("note", request.Note)
                    .Optional("organ", request.Organ, Validator.ShortText)
                    .NotInFuture("at", request.At, now)
                    .NotBefore("at", request.At, State.Answers.LastOrDefault(a => a.Stage == contested)?.At ?? State.ReceivedAt, DisputeTexts.EventAnswerStage.With(("stage", Arg.Of(contested))));
                break;
            case LinkEarlierCases link:
                CaseChecks.EarlierCases(check, "caseIds", link.CaseIds, State.Id);
                if (link.CaseIds is { Count: 0 })
                {
                    check.Add("caseIds", DisputeTexts.NameOneCase);
                }

                break;
            case ClosePetition close:
                check.Optional("note", close.Note);
                break;
            case NoteEscalation note:
                check.Required("incidentId", note.IncidentId).Required("warningId", note.WarningId);
                break;
            default:
                check.Add(Moves.Discriminator, DisputeTexts.NotAMove.With(("move", Moves.NameOf(command))));
                break;
        }

        return check;
    }

    private void CheckAcceptance(Validator check, DecideAcceptance command, DateTimeOffset now)
    {
        check.Defined("outcome", command.Outcome)
            .NotInFuture("at", command.At, now)
            .NotBefore("at", command.At, State.ReceivedByDepartmentAt, DisputeTexts.EventReceiptByDepartment);
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
                check.Add("ground", DisputeTexts.GroundRequired);
            }
        }
        else if (command.Ground is not null)
        {
            check.Add("ground", DisputeTexts.GroundOnlyNotAccepted);
        }

        if (command.Outcome == AcceptanceOutcome.TransferredOut)
        {
            check.Required("transferredTo", command.TransferredTo);
        }
        else if (command.TransferredTo is not null)
        {
            check.Add("transferredTo", DisputeTexts.TransferredToOnly);
        }
    }

    private CaseMachine<Stage, DisputeCommand> Configure()
    {
        var m = new CaseMachine<Stage, DisputeCommand>(() => (Stage)State.Phase, stage => State.Phase = (DisputePhase)stage);
        var machine = m.Machine;

        machine.Configure(Stage.Open)
            .SubstateOf(Stage.Any)
            .InternalTransitionIf(m.On<LinkEarlierCases>(), m.Guard<LinkEarlierCases>(s => s.Command is LinkEarlierCases link && NewLinks(link).Count == 0 ? (Message)DisputeTexts.AllLinked : null),
                m.Effect<LinkEarlierCases>(Link), "some case named is not linked yet");
        machine.Configure(Stage.Any)
            .InternalTransitionIf(m.On<NoteEscalation>(), m.Guard<NoteEscalation>(s => s.Command is NoteEscalation note && State.Timeline.Any(e => e.Kind == DisputeTimelineKind.EscalatedToIncident && e.Ref == note.IncidentId)
                    ? DisputeTexts.EscalationNoted.With(("incident", note.IncidentId)) : null),
                m.Effect<NoteEscalation>(NoteEscalated), "the escalation is not noted yet");
        machine.Configure(Stage.Closed).SubstateOf(Stage.Any);

        machine.Configure(Stage.Registered)
            .SubstateOf(Stage.Open)
            .InternalTransitionIf(m.On<RecordTransfer>(), m.Guard<RecordTransfer>(_ => WhyNotTransfer()), m.Effect<RecordTransfer>(Transfer), "received by the petition office, not yet transferred")
            .PermitDynamicIf(
                m.On<DecideAcceptance>(),
                s => ((DecideAcceptance)s.Command!).Outcome switch
                {
                    AcceptanceOutcome.Accepted => Stage.Accepted,
                    AcceptanceOutcome.NotAccepted => Stage.NotAccepted,
                    _ => Stage.TransferredOut,
                },
                m.Guard<DecideAcceptance>(s => WhyNotDecide((s.Command as DecideAcceptance)?.Ground)),
                "transferred when it came by the petition office; a 12369 report refused only on its grounds",
                new DynamicStateInfos
                {
                    { Stage.Accepted, "accepted" },
                    { Stage.NotAccepted, "notAccepted" },
                    { Stage.TransferredOut, "transferredOut" },
                })
            .PermitIf(m.On<ReturnPetition>(), Stage.Returned, m.Guard<ReturnPetition>(s => WhyNotReturn((s.Command as ReturnPetition)?.At ?? s.Now)), "transferred, within the window for objecting");

        machine.Configure(Stage.ReplyRunning)
            .SubstateOf(Stage.Open)
            .InternalTransitionIf(m.On<ExtendReply>(), m.Guard<ExtendReply>(s => WhyNotExtend(s.Now)), m.Effect<ExtendReply>(Extend), "the rule set allows it, not yet used up, before the limit passes");
        machine.Configure(Stage.Accepted)
            .SubstateOf(Stage.ReplyRunning)
            .OnEntryFrom(m.On<DecideAcceptance>(), m.Entry<DecideAcceptance>(Decide), "decision recorded and told")
            .Permit(m.MoveOf<AssignPetition>(), Stage.Assigned);
        machine.Configure(Stage.Assigned)
            .SubstateOf(Stage.ReplyRunning)
            .OnEntryFrom(m.On<AssignPetition>(), m.Entry<AssignPetition>(Assign), "four fixed points, handling limit")
            .Permit(m.MoveOf<RecordHandling>(), Stage.Handled);
        machine.Configure(Stage.Handled)
            .SubstateOf(Stage.ReplyRunning)
            .OnEntryFrom(m.On<RecordHandling>(), m.Entry<RecordHandling>(Handled), "result recorded")
            .Permit(m.MoveOf<ReplyToPetition>(), Stage.Replied);

        machine.Configure(Stage.Closable)
            .SubstateOf(Stage.Open)
            .PermitIf(m.On<ClosePetition>(), Stage.Closed, m.Guard<ClosePetition>(s => WhyNotClose(s.Now)), "nothing open, no window running, satisfaction recorded");
        machine.Configure(Stage.Closed)
            .OnEntryFrom(m.On<ClosePetition>(), m.Entry<ClosePetition>(Close), "closed");
        machine.Configure(Stage.Answered)
            .SubstateOf(Stage.Closable)
            .InternalTransitionIf(m.On<RecordPetitionSatisfaction>(), m.Guard<RecordPetitionSatisfaction>(_ => WhyNotSatisfaction()), m.Effect<RecordPetitionSatisfaction>(RecordSatisfaction), "not yet recorded for this answer");
        machine.Configure(Stage.Replied)
            .SubstateOf(Stage.Answered)
            .OnEntryFrom(m.On<ReplyToPetition>(), m.Entry<ReplyToPetition>(Answer), "answer given")
            .PermitIf(m.On<RequestReview>(), Stage.UnderReview, m.Guard<RequestReview>(s => WhyNotRequest(WindowKind.Review, (s.Command as RequestReview)?.At ?? s.Now)), "within the window for a review");
        machine.Configure(Stage.UnderReview)
            .SubstateOf(Stage.Open)
            .OnEntryFrom(m.On<RequestReview>(), m.Entry<RequestReview>(Request), "request recorded, answer limit")
            .Permit(m.MoveOf<AnswerReview>(), Stage.Reviewed);
        machine.Configure(Stage.Reviewed)
            .SubstateOf(Stage.Answered)
            .OnEntryFrom(m.On<AnswerReview>(), m.Entry<AnswerReview>(Answer), "answer given")
            .PermitIf(m.On<RequestSecondReview>(), Stage.UnderSecondReview, m.Guard<RequestSecondReview>(s => WhyNotRequest(WindowKind.SecondReview, (s.Command as RequestSecondReview)?.At ?? s.Now)), "the rule set has one, within its window");
        machine.Configure(Stage.UnderSecondReview)
            .SubstateOf(Stage.Open)
            .OnEntryFrom(m.On<RequestSecondReview>(), m.Entry<RequestSecondReview>(Request), "request recorded, answer limit")
            .Permit(m.MoveOf<AnswerSecondReview>(), Stage.SecondReviewed);
        machine.Configure(Stage.SecondReviewed)
            .SubstateOf(Stage.Answered)
            .OnEntryFrom(m.On<AnswerSecondReview>(), m.Entry<AnswerSecondReview>(Answer), "answer given");

        machine.Configure(Stage.Concluded).SubstateOf(Stage.Closable);
        machine.Configure(Stage.NotAccepted).SubstateOf(Stage.Concluded).OnEntryFrom(m.On<DecideAcceptance>(), m.Entry<DecideAcceptance>(Decide), "decision recorded and told");
        machine.Configure(Stage.TransferredOut).SubstateOf(Stage.Concluded).OnEntryFrom(m.On<DecideAcceptance>(), m.Entry<DecideAcceptance>(Decide), "decision recorded and told");
        machine.Configure(Stage.Returned).SubstateOf(Stage.Concluded).OnEntryFrom(m.On<ReturnPetition>(), m.Entry<ReturnPetition>(Return), "sent back, acceptance withdrawn");
        return m;
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
}
