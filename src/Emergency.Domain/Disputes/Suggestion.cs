using Emergency.Domain.Calendar;
using Emergency.Domain.Cases;
using Emergency.Domain.Disputes.Rules;
using Emergency.Domain.Messages;
using Stateless.Graph;
using Stateless.Reflection;

namespace Emergency.Domain.Disputes;

/// <summary>
/// One deputy's suggestion or member's proposal (建议提案): registered → assigned with the four fixed points →
/// (sent back within its window when wrongly assigned, and assigned again) → replied within 3 months (6 if complex)
/// → satisfaction recorded → a new reply within 30 days when the deputy is dissatisfied → closed. It rides the
/// machinery of petitions (obligations, windows, working calendar, timeline). Its procedure is a Stateless machine whose
/// triggers are the moves: it says which moves each phase allows, guards their preconditions and runs their effects.
/// </summary>
public sealed partial class Suggestion : CalendarCase<SuggestionState, SuggestionRuleSet, SuggestionCommand>
{
    private readonly CaseMachine<Stage, SuggestionCommand> _machine;

    private Suggestion(SuggestionState state, SuggestionRuleSet rules, WorkingCalendar calendar)
        : base(state, rules, calendar) => _machine = Configure();

    /// <summary>The machine alone, for its graph: nothing is judged on it, so it needs no rule set.</summary>
    private Suggestion(SuggestionState state)
        : base(state, null, null) => _machine = Configure();

    /// <summary>
    /// The machine's states: every phase as stored, and groups of phases that share moves (never stored: the item is
    /// always in one phase, and a group's moves are allowed in each phase of it).
    /// </summary>
    private enum Stage
    {
        Registered = (int)SuggestionPhase.Registered,
        Assigned = (int)SuggestionPhase.Assigned,
        Replied = (int)SuggestionPhase.Replied,
        AwaitingNewReply = (int)SuggestionPhase.AwaitingNewReply,
        Closed = (int)SuggestionPhase.Closed,

        /// <summary>Assigned and not closed: contacts with the deputy are recorded.</summary>
        Communicating = 100,

        /// <summary>A reply is owed: the first after the assignment, or the new one to a dissatisfied deputy.</summary>
        ReplyOwed,
    }

    /// <summary>The assignment in force (not sent back), if any.</summary>
    public SuggestionAssignment? Assignment => State.Assignments.LastOrDefault(a => a.Returned is null);

    public static Suggestion Load(SuggestionState state, SuggestionRuleCatalog catalog) => new(state, catalog.Get(state.RuleSetId), catalog.Calendar);

    public static (Suggestion? Suggestion, Decision Decision) Register(
        string id, string scope, RegisterSuggestion command, Actor actor, SuggestionRuleCatalog catalog, DateTimeOffset now)
    {
        var check = new Validator()
            .Defined("kind", command.Kind)
            .Optional("number", command.Number, Validator.ShortText)
            .Required("title", command.Title)
            .Required("content", command.Content, Validator.LongText)
            .Required("unit", command.Unit)
            .NotInFuture("receivedAt", command.ReceivedAt, now);
        if (command.Deputy is null)
        {
            check.Add("deputy", CommonTexts.Required);
        }
        else
        {
            check.Required("deputy.name", command.Deputy.Name).Optional("deputy.contact", command.Deputy.Contact, Validator.ShortText);
        }

        var rules = catalog.InForceAt(command.ReceivedAt);
        if (rules is null)
        {
            check.Add("receivedAt", SuggestionTexts.NoRuleSetInForce.With(("at", command.ReceivedAt), ("earliest", catalog.EarliestStart ?? catalog.All[0].EffectiveFrom)));
        }

        if (check.Errors.Count > 0 || rules is null)
        {
            return (null, Decision.Invalid(check.Errors));
        }

        var state = new SuggestionState
        {
            Id = id,
            Scope = scope,
            Phase = SuggestionPhase.Registered,
            Kind = command.Kind,
            Number = command.Number?.Trim(),
            Title = command.Title.Trim(),
            Deputy = new Deputy { Name = command.Deputy!.Name.Trim(), Contact = string.IsNullOrWhiteSpace(command.Deputy.Contact) ? null : command.Deputy.Contact.Trim() },
            Content = command.Content,
            ReceivedAt = command.ReceivedAt,
            RegisteredAt = now,
            RegisteredBy = actor.ToString(),
            RuleSetId = rules.Id,
            Unit = command.Unit.Trim(),
        };
        var suggestion = new Suggestion(state, rules, catalog.Calendar);
        suggestion._procedure.Append(command.ReceivedAt, now, actor, DisputeTimelineKind.Registered,
            SuggestionTexts.Registered.With(
                ("kind", Arg.Of(command.Kind)), ("number", state.Number is null ? DisputeTexts.Nothing : SuggestionTexts.Number.With(("number", state.Number))), ("title", state.Title),
                ("deputy", state.Deputy.Name), ("at", command.ReceivedAt), ("unit", state.Unit), ("ruleSet", rules.Id)));
        state.Version = 1;
        return (suggestion, Decision.Accepted);
    }

    private protected override ICaseMachine<SuggestionCommand> Machine => _machine;

    /// <summary>The procedure as a Mermaid state diagram, for docs/machines/.</summary>
    public static string Graph() => MermaidGraph.Format(new Suggestion(new SuggestionState())._machine.Machine.GetInfo());

    private protected override Validator Check(SuggestionCommand command, DateTimeOffset now)
    {
        var check = new Validator();
        switch (command)
        {
            case AssignSuggestion assign:
                check = CaseChecks.Assignment(assign, now, State.Assignments.LastOrDefault()?.Returned?.At ?? State.ReceivedAt);
                if (assign.Complex)
                {
                    check.Required("complexBecause", assign.ComplexBecause, Validator.LongText);
                }
                else if (assign.ComplexBecause is not null)
                {
                    check.Add("complexBecause", SuggestionTexts.ComplexOnly);
                }

                var legal = ReplyLimit(assign, now);
                if (assign.Deadline > legal.DueAt)
                {
                    check.Add("deadline", SuggestionTexts.AfterLegalLimit.With(("deadline", assign.Deadline), ("limit", legal.DueAt), ("basis", legal.Basis)));
                }

                break;
            case ReturnSuggestion wrong:
                check.Required("reason", wrong.Reason, Validator.LongText)
                    .NotInFuture("at", wrong.At, now)
                    .NotBefore("at", wrong.At, Assignment?.Points.At ?? State.ReceivedAt, DisputeTexts.EventAssignment);
                break;
            case RecordCommunication communication:
                check.Defined("means", communication.Means)
                    .Optional("note", communication.Note)
                    .NotInFuture("at", communication.At, now)
                    .NotBefore("at", communication.At, Assignment?.Points.At ?? State.ReceivedAt, DisputeTexts.EventAssignment);
                break;
            case ReplyToDeputy reply:
                check = State.Phase == SuggestionPhase.AwaitingNewReply
                    ? CaseChecks.Answer(reply, now, State.Satisfactions.LastOrDefault()?.At ?? State.ReceivedAt, DisputeTexts.EventDissatisfaction)
                    : CaseChecks.Answer(reply, now, Assignment?.Points.At ?? State.ReceivedAt, DisputeTexts.EventAssignment);
                break;
            case RecordDeputySatisfaction satisfaction:
                check.Defined("satisfaction", satisfaction.Satisfaction)
                    .Optional("note", satisfaction.Note)
                    .NotInFuture("at", satisfaction.At, now)
                    .NotBefore("at", satisfaction.At, State.Answers.LastOrDefault()?.At ?? State.ReceivedAt, DisputeTexts.EventReply);
                break;
            case CloseSuggestion close:
                check.Optional("note", close.Note);
                break;
            default:
                check.Add(Moves.Discriminator, SuggestionTexts.NotAMove.With(("move", Moves.NameOf(command))));
                break;
        }

        return check;
    }

    private CaseMachine<Stage, SuggestionCommand> Configure()
    {
        var m = new CaseMachine<Stage, SuggestionCommand>(() => (Stage)State.Phase, stage => State.Phase = (SuggestionPhase)stage);
        var machine = m.Machine;

        machine.Configure(Stage.Registered)
            .OnEntryFrom(m.On<ReturnSuggestion>(), m.Entry<ReturnSuggestion>(Return), "sent back, limits withdrawn")
            .Permit(m.MoveOf<AssignSuggestion>(), Stage.Assigned);

        machine.Configure(Stage.Communicating)
            .InternalTransition(m.On<RecordCommunication>(), m.Effect<RecordCommunication>(Communicate));
        machine.Configure(Stage.ReplyOwed)
            .SubstateOf(Stage.Communicating)
            .Permit(m.MoveOf<ReplyToDeputy>(), Stage.Replied);

        machine.Configure(Stage.Assigned)
            .SubstateOf(Stage.ReplyOwed)
            .OnEntryFrom(m.On<AssignSuggestion>(), m.Entry<AssignSuggestion>(Assign), "four fixed points, reply and handling limits, window for sending back")
            .PermitIf(m.On<ReturnSuggestion>(), Stage.Registered, m.Guard<ReturnSuggestion>(s => WhyNotReturn((s.Command as ReturnSuggestion)?.At ?? s.Now)), "within the window for sending back");

        machine.Configure(Stage.Replied)
            .SubstateOf(Stage.Communicating)
            .OnEntryFrom(m.On<ReplyToDeputy>(), m.Entry<ReplyToDeputy>(Reply), "reply given, limits met")
            .OnEntryFrom(m.On<RecordDeputySatisfaction>(), m.Entry<RecordDeputySatisfaction>(RecordSatisfaction), "satisfaction recorded")
            .PermitDynamicIf(
                m.On<RecordDeputySatisfaction>(),
                s => AsksForNewReply((RecordDeputySatisfaction)s.Command!) ? Stage.AwaitingNewReply : Stage.Replied,
                m.Guard<RecordDeputySatisfaction>(_ => WhyNotSatisfaction()),
                "not yet recorded for this reply",
                new DynamicStateInfos
                {
                    { Stage.Replied, "satisfied, or dissatisfied with the new reply" },
                    { Stage.AwaitingNewReply, "dissatisfied with the first reply" },
                })
            .PermitIf(m.On<CloseSuggestion>(), Stage.Closed, m.Guard<CloseSuggestion>(s => WhyNotClose(s.Now)), "nothing open, no window running, satisfaction recorded");

        machine.Configure(Stage.AwaitingNewReply)
            .SubstateOf(Stage.ReplyOwed)
            .OnEntryFrom(m.On<RecordDeputySatisfaction>(), m.Entry<RecordDeputySatisfaction>(RecordSatisfaction), "dissatisfaction recorded, new reply limit");

        machine.Configure(Stage.Closed)
            .OnEntryFrom(m.On<CloseSuggestion>(), m.Entry<CloseSuggestion>(Close), "closed");
        return m;
    }

    /// <summary>Assign with the four fixed points (四定): the reply limit (3 months, 6 if complex) starts.</summary>
    private void Assign(AssignSuggestion command, Actor actor, DateTimeOffset now)
    {
        var at = command.At ?? now;
        var points = FourFixedPoints.From(command, at, now, actor);
        State.Assignments.Add(new SuggestionAssignment { Points = points, Complex = command.Complex, ComplexBecause = command.ComplexBecause?.Trim() });
        _procedure.Append(at, now, actor, DisputeTimelineKind.Assigned,
            command.Complex ? SuggestionTexts.Complex.With(("assigned", DisputeWords.Describe(points)), ("because", command.ComplexBecause!.Trim())) : DisputeWords.Describe(points));
        _procedure.OpenObligation(DisputeObligationKind.Reply, command.Complex ? Rules.Limits.ComplexReply : Rules.Limits.Reply, at, DisputeTexts.EventAssignment, points.Unit, now);
        _procedure.OpenObligation(DisputeObligationKind.Handling, command.Deadline, DisputeTexts.BasisFixedAtAssignment.With(("at", at)), at, points.Unit, now);
        _procedure.OpenWindow(WindowKind.WrongAssignment, Rules.Limits.WrongAssignment, at, DisputeTexts.EventAssignment, now);
    }

    /// <summary>The unit sends a wrongly assigned item back (退回) within its window; it waits to be assigned again.</summary>
    private void Return(ReturnSuggestion command, Actor actor, DateTimeOffset now)
    {
        var at = command.At ?? now;
        var index = State.Assignments.FindLastIndex(a => a.Returned is null);
        var assignment = State.Assignments[index];
        State.Assignments[index] = assignment with
        {
            Returned = new WrongAssignmentReturn { Reason = command.Reason.Trim(), At = at, RecordedAt = now, RecordedBy = actor.ToString() },
        };
        _procedure.Use(_procedure.LastWindow(WindowKind.WrongAssignment)!, at, now, actor);
        _procedure.Append(at, now, actor, DisputeTimelineKind.WrongAssignmentReturned, SuggestionTexts.Returned.With(("unit", assignment.Points.Unit), ("reason", command.Reason.Trim())));
        foreach (var obligation in _procedure.OpenObligations.ToList())
        {
            _procedure.Withdraw(obligation, at, now, actor, SuggestionTexts.BecauseSentBack.With(("unit", assignment.Points.Unit)));
        }
    }

    /// <summary>A contact with the deputy (沟通); one before the reply counts for the "three 100 %".</summary>
    private void Communicate(RecordCommunication command, Actor actor, DateTimeOffset now)
    {
        var at = command.At ?? now;
        State.Communications.Add(new Communication { Means = command.Means, Note = command.Note, At = at, RecordedAt = now, RecordedBy = actor.ToString() });
        _procedure.Append(at, now, actor, DisputeTimelineKind.CommunicationRecorded, SuggestionTexts.Communicated.With(("means", Arg.Of(command.Means))));
    }

    /// <summary>The first reply, or the new reply after a dissatisfied deputy: every open limit is met.</summary>
    private void Reply(ReplyToDeputy command, Actor actor, DateTimeOffset now)
    {
        var at = command.At ?? now;
        // Only a dissatisfied deputy is answered twice: a reply already given makes this the new one.
        var stage = State.Answers.Count == 0 ? AnswerStage.Reply : AnswerStage.NewReply;
        State.Answers.Add(new Answer { Stage = stage, Content = command.Content, At = at, RecordedAt = now, RecordedBy = actor.ToString() });
        Message communicated = State.Communications.Any(c => c.At <= at) ? SuggestionTexts.AfterCommunicating : SuggestionTexts.WithoutCommunication;
        _procedure.Append(at, now, actor, DisputeTimelineKind.Replied, SuggestionTexts.Replied.With(("stage", Arg.Of(stage)), ("communicated", communicated)));
        foreach (var obligation in _procedure.OpenObligations.ToList())
        {
            _procedure.Complete(obligation, at, now, actor, null);
        }

        if (_procedure.LastWindow(WindowKind.WrongAssignment) is { } window && window.IsOpenAt(at))
        {
            _procedure.Waive(window, at, now, actor, SuggestionTexts.BecauseReplied);
        }
    }

    /// <summary>The deputy's satisfaction; the first dissatisfaction opens a new reply due within its limit.</summary>
    private void RecordSatisfaction(RecordDeputySatisfaction command, Actor actor, DateTimeOffset now)
    {
        var at = command.At ?? now;
        var answer = State.Answers[^1];
        var newReply = AsksForNewReply(command);
        State.Satisfactions.Add(new SatisfactionRecord { Stage = answer.Stage, Satisfaction = command.Satisfaction, Note = command.Note, At = at, RecordedAt = now, RecordedBy = actor.ToString() });
        _procedure.Append(at, now, actor, DisputeTimelineKind.SatisfactionRecorded, SuggestionTexts.Satisfaction.With(("satisfaction", Arg.Of(command.Satisfaction)), ("stage", Arg.Of(answer.Stage))));
        if (newReply)
        {
            _procedure.OpenObligation(DisputeObligationKind.NewReply, Rules.Limits.NewReply, at, DisputeTexts.EventDissatisfaction, Assignment!.Points.Unit, now);
        }
    }

    private void Close(CloseSuggestion command, Actor actor, DateTimeOffset now) =>
        _procedure.Append(now, now, actor, DisputeTimelineKind.Closed, DisputeTexts.Closed.With(("note", DisputeTexts.NoteOrNothing(command.Note))));

    /// <summary>Only a dissatisfaction with the first reply is owed a new one; the new reply is the last word.</summary>
    private bool AsksForNewReply(RecordDeputySatisfaction command) =>
        command.Satisfaction == Satisfaction.Dissatisfied && State.Answers.LastOrDefault()?.Stage == AnswerStage.Reply;

    private CountedLimit ReplyLimit(AssignSuggestion command, DateTimeOffset now) =>
        _procedure.Count(command.At ?? now, command.Complex ? Rules.Limits.ComplexReply : Rules.Limits.Reply, DisputeTexts.EventAssignment);

    private protected override Message WhyPhaseForbids(SuggestionCommand command) => (State.Phase, command) switch
    {
        (SuggestionPhase.Closed, _) => SuggestionTexts.ItemClosed.With(("move", Verb(command))),
        (_, AssignSuggestion) => SuggestionTexts.AlreadyAssigned.With(("unit", Assignment?.Points.Unit ?? "")),
        (SuggestionPhase.Registered, ReturnSuggestion) => SuggestionTexts.NotAssigned,
        (_, ReturnSuggestion) => SuggestionTexts.AlreadyReplied,
        (SuggestionPhase.Registered, RecordCommunication or ReplyToDeputy) => SuggestionTexts.AssignFirst,
        (SuggestionPhase.Replied, ReplyToDeputy) => SuggestionTexts.ReplyGiven,
        (_, RecordDeputySatisfaction) => SuggestionTexts.SatisfactionAfterReply,
        (SuggestionPhase.AwaitingNewReply, CloseSuggestion) => SuggestionTexts.OwedNewReply,
        (_, CloseSuggestion) => SuggestionTexts.CloseBeforeReply,
        _ => SuggestionTexts.PhaseForbids.With(("move", Verb(command)), ("phase", Arg.Of(State.Phase))),
    };

    /// <summary>The move as a refusal names it ("cannot reply: ...").</summary>
    private Message Verb(SuggestionCommand command) => command switch
    {
        AssignSuggestion => SuggestionTexts.MoveAssign,
        ReturnSuggestion => SuggestionTexts.MoveReturn,
        RecordCommunication => SuggestionTexts.MoveCommunicate,
        ReplyToDeputy => State.Phase == SuggestionPhase.AwaitingNewReply ? SuggestionTexts.MoveNewReply : SuggestionTexts.MoveReply,
        RecordDeputySatisfaction => SuggestionTexts.MoveRecordSatisfaction,
        CloseSuggestion => SuggestionTexts.MoveClose,
        _ => DisputeTexts.MoveOther.With(("move", Moves.NameOf(command))),
    };

    private Message? WhyNotReturn(DateTimeOffset at)
    {
        var window = _procedure.LastWindow(WindowKind.WrongAssignment);
        return window is not null && at > window.ClosesAt ? Dispute.WindowEnded(window, SuggestionTexts.ThenHandle) : null;
    }

    private Message? WhyNotSatisfaction()
    {
        var answer = State.Answers.LastOrDefault();
        if (answer is null)
        {
            return SuggestionTexts.SatisfactionAfterReply;
        }

        var recorded = State.Satisfactions.LastOrDefault(s => s.Stage == answer.Stage);
        return recorded is null
            ? null
            : SuggestionTexts.SatisfactionRecorded.With(("stage", Arg.Of(answer.Stage)), ("satisfaction", Arg.Of(recorded.Satisfaction)), ("at", recorded.At));
    }

    private Message? WhyNotClose(DateTimeOffset now)
    {
        var answer = State.Answers.LastOrDefault();
        return Dispute.WhyNotClose(_procedure, State.Windows, now) ?? (answer is not null && !State.Satisfactions.Any(s => s.Stage == answer.Stage)
            ? SuggestionTexts.SatisfactionFirst.With(("stage", Arg.Of(answer.Stage)))
            : null);
    }
}
