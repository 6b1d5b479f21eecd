using Emergency.Domain.Calendar;
using Emergency.Domain.Cases;
using Emergency.Domain.Disputes.Rules;
using Stateless;

namespace Emergency.Domain.Disputes;

/// <summary>
/// One deputy's suggestion or member's proposal (建议提案): registered → assigned with the four fixed points →
/// (sent back within its window when wrongly assigned, and assigned again) → replied within 3 months (6 if complex)
/// → satisfaction recorded → a new reply within 30 days when the deputy is dissatisfied → closed. It rides the
/// machinery of petitions (obligations, windows, working calendar, timeline); its own machine keeps its own phases.
/// </summary>
public sealed class Suggestion : ICase
{
    private readonly StateMachine<SuggestionPhase, Trigger> _machine;
    private readonly Procedure _procedure;

    private Suggestion(SuggestionState state, SuggestionRuleSet rules, WorkingCalendar calendar)
    {
        State = state;
        Rules = rules;
        _procedure = new Procedure(state, calendar, rules.Counting);
        _machine = new StateMachine<SuggestionPhase, Trigger>(() => State.Phase, phase => State.Phase = phase);
        Configure();
    }

    private enum Trigger
    {
        Assign,
        ReturnWrongAssignment,
        RecordCommunication,
        Reply,
        RecordSatisfaction,
        RequestNewReply,
        Close,
    }

    public SuggestionState State { get; }

    public SuggestionRuleSet Rules { get; }

    string ICase.Id => State.Id;

    string ICase.Scope => State.Scope;

    long ICase.Version => State.Version;

    DateTimeOffset ICase.RegisteredAt => State.RegisteredAt;

    public DateTimeOffset? NextDueAt => _procedure.NextDueAt;

    public bool HasOverdue => _procedure.HasOverdue;

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
            check.Add("deputy", "is required");
        }
        else
        {
            check.Required("deputy.name", command.Deputy.Name).Optional("deputy.contact", command.Deputy.Contact, Validator.ShortText);
        }

        var rules = catalog.InForceAt(command.ReceivedAt);
        if (rules is null)
        {
            check.Add("receivedAt", $"no suggestion rule set was in force on {Durations.Describe(command.ReceivedAt)}; the earliest starts {Durations.Describe(catalog.EarliestStart ?? catalog.All[0].EffectiveFrom)}");
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
            $"Registered: {DisputeWords.Describe(command.Kind)}{(state.Number is null ? "" : $" {state.Number}")} \"{state.Title}\" of {state.Deputy.Name}, received {Durations.Describe(command.ReceivedAt)}; unit {state.Unit}; judged by rule set {rules.Id}");
        state.Version = 1;
        return (suggestion, Decision.Accepted);
    }

    /// <summary>Marks every deadline and window end that has passed. Returns true when anything changed.</summary>
    public bool Tick(DateTimeOffset now) => _procedure.Tick(now);

    /// <summary>Assign with the four fixed points (四定): the reply limit (3 months, 6 if complex) starts.</summary>
    public Decision Assign(Assign command, Actor actor, DateTimeOffset now)
    {
        Tick(now);
        var start = State.Assignments.LastOrDefault()?.Returned?.At ?? State.ReceivedAt;
        var check = CaseChecks.Assignment(command, now, start);
        if (command.Complex)
        {
            check.Required("complexBecause", command.ComplexBecause, Validator.LongText);
        }
        else if (command.ComplexBecause is not null)
        {
            check.Add("complexBecause", "applies only to a complex item");
        }

        var at = command.At ?? now;
        var limit = command.Complex ? Rules.Limits.ComplexReply : Rules.Limits.Reply;
        var legal = _procedure.Count(at, limit, "the assignment");
        if (command.Deadline > legal.DueAt)
        {
            check.Add("deadline", $"{Durations.Describe(command.Deadline)} is after the legal limit of the reply ({Durations.Describe(legal.DueAt)}: {legal.Basis}); the fixed deadline may not exceed it");
        }

        if (check.Errors.Count > 0)
        {
            return Decision.Invalid(check.Errors);
        }

        return Attempt(Trigger.Assign, "assign", now, null, () =>
        {
            var points = FourFixedPoints.From(command, at, now, actor);
            State.Assignments.Add(new SuggestionAssignment { Points = points, Complex = command.Complex, ComplexBecause = command.ComplexBecause?.Trim() });
            _procedure.Append(at, now, actor, DisputeTimelineKind.Assigned,
                DisputeWords.Describe(points) + (command.Complex ? $"; complex (涉及面广、处理难度大): {command.ComplexBecause!.Trim()}" : ""));
            _procedure.OpenObligation(DisputeObligationKind.Reply, limit, at, "the assignment", points.Unit, now);
            _procedure.OpenObligation(DisputeObligationKind.Handling, command.Deadline, $"the deadline fixed at assignment (四定: 定时限) on {Durations.Describe(at)}, within the reply limit", at, points.Unit, now);
            _procedure.OpenWindow(WindowKind.WrongAssignment, Rules.Limits.WrongAssignment, at, "the assignment", now);
        });
    }

    /// <summary>The unit sends a wrongly assigned item back (退回) within its window; it waits to be assigned again.</summary>
    public Decision ReturnWrongAssignment(ReturnWrongAssignment command, Actor actor, DateTimeOffset now)
    {
        Tick(now);
        var check = new Validator()
            .Required("reason", command.Reason, Validator.LongText)
            .NotInFuture("at", command.At, now)
            .NotBefore("at", command.At, Assignment?.Points.At ?? State.ReceivedAt, "the assignment");
        if (check.Errors.Count > 0)
        {
            return Decision.Invalid(check.Errors);
        }

        var at = command.At ?? now;
        return Attempt(Trigger.ReturnWrongAssignment, "return a wrong assignment", now, () => WhyNotReturn(at), () =>
        {
            var index = State.Assignments.FindLastIndex(a => a.Returned is null);
            var assignment = State.Assignments[index];
            State.Assignments[index] = assignment with
            {
                Returned = new WrongAssignmentReturn { Reason = command.Reason.Trim(), At = at, RecordedAt = now, RecordedBy = actor.ToString() },
            };
            _procedure.Use(_procedure.LastWindow(WindowKind.WrongAssignment)!, at, now, actor);
            _procedure.Append(at, now, actor, DisputeTimelineKind.WrongAssignmentReturned, $"Sent back by {assignment.Points.Unit} as wrongly assigned (退回): {command.Reason.Trim()}");
            foreach (var obligation in _procedure.OpenObligations.ToList())
            {
                _procedure.Withdraw(obligation, at, now, actor, $"sent back by {assignment.Points.Unit} as wrongly assigned");
            }
        });
    }

    /// <summary>Record a contact with the deputy (沟通); one before the reply counts for the "three 100 %".</summary>
    public Decision RecordCommunication(RecordCommunication command, Actor actor, DateTimeOffset now)
    {
        Tick(now);
        var check = new Validator()
            .Defined("means", command.Means)
            .Optional("note", command.Note)
            .NotInFuture("at", command.At, now)
            .NotBefore("at", command.At, Assignment?.Points.At ?? State.ReceivedAt, "the assignment");
        if (check.Errors.Count > 0)
        {
            return Decision.Invalid(check.Errors);
        }

        var at = command.At ?? now;
        return Attempt(Trigger.RecordCommunication, "record a communication", now, null, () =>
        {
            State.Communications.Add(new Communication { Means = command.Means, Note = command.Note, At = at, RecordedAt = now, RecordedBy = actor.ToString() });
            _procedure.Append(at, now, actor, DisputeTimelineKind.CommunicationRecorded, $"Communicated with the deputy ({command.Means.ToString().ToLowerInvariant()})");
        });
    }

    /// <summary>Reply to the deputy: the first reply, or the new reply after a dissatisfied deputy.</summary>
    public Decision Reply(GiveAnswer command, Actor actor, DateTimeOffset now)
    {
        Tick(now);
        var earliest = State.Phase == SuggestionPhase.AwaitingNewReply
            ? State.Satisfactions.LastOrDefault()?.At ?? State.ReceivedAt
            : Assignment?.Points.At ?? State.ReceivedAt;
        var check = CaseChecks.Answer(command, now, earliest, State.Phase == SuggestionPhase.AwaitingNewReply ? "the recorded dissatisfaction" : "the assignment");
        if (check.Errors.Count > 0)
        {
            return Decision.Invalid(check.Errors);
        }

        var at = command.At ?? now;
        var stage = State.Phase == SuggestionPhase.AwaitingNewReply ? AnswerStage.NewReply : AnswerStage.Reply;
        return Attempt(Trigger.Reply, stage == AnswerStage.NewReply ? "give the new reply" : "reply", now, null, () =>
        {
            State.Answers.Add(new Answer { Stage = stage, Content = command.Content, At = at, RecordedAt = now, RecordedBy = actor.ToString() });
            var communicated = State.Communications.Any(c => c.At <= at) ? "after communicating with the deputy" : "WITHOUT any recorded communication with the deputy";
            _procedure.Append(at, now, actor, DisputeTimelineKind.Replied, $"{Procedure.Capitalised(DisputeWords.Describe(stage))} given in writing, {communicated}");
            foreach (var obligation in _procedure.OpenObligations.ToList())
            {
                _procedure.Complete(obligation, at, now, actor, null);
            }

            if (_procedure.LastWindow(WindowKind.WrongAssignment) is { } window && window.IsOpenAt(at))
            {
                _procedure.Waive(window, at, now, actor, "the unit replied to the deputy");
            }
        });
    }

    /// <summary>Record the deputy's satisfaction; the first dissatisfaction opens a new reply due within its limit.</summary>
    public Decision RecordSatisfaction(RecordSatisfaction command, Actor actor, DateTimeOffset now)
    {
        Tick(now);
        var answer = State.Answers.LastOrDefault();
        var check = new Validator()
            .Defined("satisfaction", command.Satisfaction)
            .Optional("note", command.Note)
            .NotInFuture("at", command.At, now)
            .NotBefore("at", command.At, answer?.At ?? State.ReceivedAt, "the reply");
        if (check.Errors.Count > 0)
        {
            return Decision.Invalid(check.Errors);
        }

        var at = command.At ?? now;
        var newReply = command.Satisfaction == Satisfaction.Dissatisfied && answer?.Stage == AnswerStage.Reply;
        return Attempt(newReply ? Trigger.RequestNewReply : Trigger.RecordSatisfaction, "record satisfaction", now, WhyNotSatisfaction, () =>
        {
            State.Satisfactions.Add(new SatisfactionRecord { Stage = answer!.Stage, Satisfaction = command.Satisfaction, Note = command.Note, At = at, RecordedAt = now, RecordedBy = actor.ToString() });
            _procedure.Append(at, now, actor, DisputeTimelineKind.SatisfactionRecorded, $"The deputy is {DisputeWords.Describe(command.Satisfaction)} with the {DisputeWords.Describe(answer.Stage)}");
            if (newReply)
            {
                _procedure.OpenObligation(DisputeObligationKind.NewReply, Rules.Limits.NewReply, at, "the recorded dissatisfaction", Assignment!.Points.Unit, now);
            }
        });
    }

    public Decision Close(CloseCase command, Actor actor, DateTimeOffset now)
    {
        Tick(now);
        var check = new Validator().Optional("note", command.Note);
        if (check.Errors.Count > 0)
        {
            return Decision.Invalid(check.Errors);
        }

        return Attempt(Trigger.Close, "close", now, () => WhyNotClose(now), () =>
            _procedure.Append(now, now, actor, DisputeTimelineKind.Closed, command.Note is { Length: > 0 } note ? $"Closed: {note}" : "Closed"));
    }

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

        Add(Trigger.Assign, "assign");
        Add(Trigger.ReturnWrongAssignment, "returnWrongAssignment", () => WhyNotReturn(now));
        Add(Trigger.RecordCommunication, "recordCommunication");
        Add(Trigger.Reply, "reply");
        if (_machine.CanFire(Trigger.RecordSatisfaction) && WhyNotSatisfaction() is null)
        {
            moves.Add("recordSatisfaction");
        }

        Add(Trigger.Close, "close", () => WhyNotClose(now));
        return moves;
    }

    private void Configure()
    {
        _machine.Configure(SuggestionPhase.Registered)
            .Permit(Trigger.Assign, SuggestionPhase.Assigned);

        _machine.Configure(SuggestionPhase.Assigned)
            .Permit(Trigger.ReturnWrongAssignment, SuggestionPhase.Registered)
            .InternalTransition(Trigger.RecordCommunication, () => { })
            .Permit(Trigger.Reply, SuggestionPhase.Replied);

        _machine.Configure(SuggestionPhase.Replied)
            .InternalTransition(Trigger.RecordCommunication, () => { })
            .InternalTransition(Trigger.RecordSatisfaction, () => { })
            .Permit(Trigger.RequestNewReply, SuggestionPhase.AwaitingNewReply)
            .Permit(Trigger.Close, SuggestionPhase.Closed);

        _machine.Configure(SuggestionPhase.AwaitingNewReply)
            .InternalTransition(Trigger.RecordCommunication, () => { })
            .Permit(Trigger.Reply, SuggestionPhase.Replied);

        _machine.Configure(SuggestionPhase.Closed);
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

    private string WhyPhaseForbids(Trigger trigger, string move) => (State.Phase, trigger) switch
    {
        (SuggestionPhase.Closed, _) => $"cannot {move}: the item is closed",
        (_, Trigger.Assign) => $"the item is already assigned to {Assignment?.Points.Unit}",
        (SuggestionPhase.Registered, Trigger.ReturnWrongAssignment) => "the item is not assigned to anyone",
        (_, Trigger.ReturnWrongAssignment) => "the unit already replied: the assignment can no longer be sent back",
        (SuggestionPhase.Registered, Trigger.RecordCommunication or Trigger.Reply) => "the item must be assigned first (四定)",
        (SuggestionPhase.Replied, Trigger.Reply) => "the reply was already given; a new reply is due only after the deputy is recorded as dissatisfied",
        (_, Trigger.RecordSatisfaction or Trigger.RequestNewReply) => "the deputy's satisfaction is recorded after a reply",
        (SuggestionPhase.AwaitingNewReply, Trigger.Close) => "cannot close: the dissatisfied deputy is owed a new reply",
        (_, Trigger.Close) => "cannot close before the deputy has had a reply",
        _ => $"cannot {move} while the item is {State.Phase}",
    };

    private string? WhyNotReturn(DateTimeOffset at)
    {
        var window = _procedure.LastWindow(WindowKind.WrongAssignment);
        return window is not null && at > window.ClosesAt
            ? $"the time for {window.Kind.Title()} ended {Durations.Describe(window.ClosesAt)} ({window.Basis}); the unit must handle the item"
            : null;
    }

    private string? WhyNotSatisfaction()
    {
        var answer = State.Answers.LastOrDefault();
        if (answer is null)
        {
            return "the deputy's satisfaction is recorded after a reply";
        }

        var recorded = State.Satisfactions.LastOrDefault(s => s.Stage == answer.Stage);
        return recorded is null ? null : $"the deputy's satisfaction with the {DisputeWords.Describe(answer.Stage)} was already recorded ({DisputeWords.Describe(recorded.Satisfaction)}, {Durations.Describe(recorded.At)})";
    }

    private string? WhyNotClose(DateTimeOffset now)
    {
        var open = _procedure.OpenObligations.ToList();
        if (open.Count > 0)
        {
            return $"cannot close yet: still open: {string.Join(", ", open.Select(o => o.Kind.Title()))}";
        }

        if (State.Windows.FirstOrDefault(w => w.IsOpenAt(now)) is { } window)
        {
            return $"cannot close yet: the time for {window.Kind.Title()} runs until {Durations.Describe(window.ClosesAt)}";
        }

        var answer = State.Answers.LastOrDefault();
        return answer is not null && !State.Satisfactions.Any(s => s.Stage == answer.Stage)
            ? $"cannot close yet: record whether the deputy is satisfied with the {DisputeWords.Describe(answer.Stage)} first"
            : null;
    }
}
