using Emergency.Domain.Cases;
using Emergency.Domain.Messages;
using Emergency.Domain.Rules;
using Stateless.Graph;

namespace Emergency.Domain.Incidents;

/// <summary>
/// One sudden environmental incident (突发环境事件) and its procedure. Every move is an <see cref="IncidentCommand"/>
/// judged by <see cref="JudgedCase{TCommand}.Handle"/>: its fields are checked, then the Stateless machine decides whether the phase and
/// the guards allow it and runs its effect on the transition. The obligations carry the deadlines. Every method takes
/// "now" from its caller, so live work and drills run the same code on different clocks. A refused command changes nothing.
/// </summary>
public sealed partial class Incident : JudgedCase<IncidentCommand>, ICase<IncidentCommand>, IMovesAskedOfTheMachine
{
    private readonly RuleSet _rules;

    private Incident(IncidentState state, RuleSet rules)
    {
        State = state;
        _rules = rules;
    }

    public IncidentState State { get; }

    public RuleSet Rules => _rules;

    string ICase.Id => State.Id;

    string ICase.Scope => State.Scope;

    long ICase.Version => State.Version;

    DateTimeOffset ICase.RegisteredAt => State.RegisteredAt;

    /// <summary>The earliest deadline that has not passed yet, if any: when the engine must look again.</summary>
    public DateTimeOffset? NextDueAt =>
        State.Obligations.Where(o => !o.IsCompleted && o.OverdueSince is null).Select(o => (DateTimeOffset?)o.DueAt).Min();

    public bool HasOverdue => State.Obligations.Any(o => !o.IsCompleted && o.OverdueSince is not null);

    /// <summary>Rebuilds an incident from its stored state.</summary>
    public static Incident Load(IncidentState state, RuleSetCatalog catalog) => new(state, catalog.Get(state.RuleSetId));

    /// <summary>The procedure as a Mermaid state diagram, read from the machine itself (docs/machines/incident.md).</summary>
    public static string Graph() => MermaidGraph.Format(new Incident(new IncidentState(), null!).Machine.GetInfo());

    /// <summary>
    /// Registers an incident: grades it by the rule set in force at discovery and sets every deadline. A drill's what-if
    /// names another rule set in <see cref="ReportIncident.JudgedUnder"/>: the incident is judged by it, and its timeline says so.
    /// </summary>
    public static (Incident? Incident, Decision Decision) Register(
        string id, string scope, ReportIncident command, Actor actor, RuleSetCatalog catalog, DateTimeOffset now, Regions.RegionCatalog? regions = null)
    {
        var judgedUnder = command.JudgedUnder;
        var check = new Validator()
            .Required("title", command.Title)
            .Required("region", command.Region)
            .Optional("description", command.Description)
            .Defined("sourceChannel", command.SourceChannel)
            .NotInFuture("discoveredAt", command.DiscoveredAt, now);
        ValidateFacts(check, command.Facts);
        var inForce = catalog.InForceAt(command.DiscoveredAt);
        var rules = judgedUnder is null ? inForce : catalog.All.FirstOrDefault(r => r.Id == judgedUnder);
        if (judgedUnder is not null && rules is null)
        {
            check.Add("judgedUnder", IncidentTexts.UnknownRuleSet.With(("id", judgedUnder), ("known", Arg.Of(catalog.All.Select(r => Arg.Of(r.Id))))));
        }
        else if (rules is null)
        {
            check.Add("discoveredAt", IncidentTexts.NoRuleSetInForce.With(("discovered", command.DiscoveredAt), ("earliest", catalog.All[0].EffectiveFrom)));
        }

        if (check.Errors.Count > 0 || rules is null)
        {
            return (null, Decision.Invalid(check.Errors));
        }

        var state = new IncidentState
        {
            Id = id,
            Scope = scope,
            Phase = IncidentPhase.Registered,
            Title = command.Title.Trim(),
            Region = command.Region.Trim(),
            Description = command.Description,
            SourceChannel = command.SourceChannel,
            DiscoveredAt = command.DiscoveredAt,
            RegisteredAt = now,
            RegisteredBy = actor.ToString(),
            RuleSetId = rules.Id,
            Facts = command.Facts,
        };
        var incident = new Incident(state, rules);
        var registered = judgedUnder is null
            ? IncidentTexts.Registered.With(("channel", Arg.Of(command.SourceChannel)), ("discovered", command.DiscoveredAt), ("region", state.Region), ("ruleSet", rules.Id))
            : IncidentTexts.RegisteredWhatIf.With(
                ("channel", Arg.Of(command.SourceChannel)), ("discovered", command.DiscoveredAt), ("region", state.Region), ("ruleSet", rules.Id),
                ("inForce", inForce is null ? Arg.Of(IncidentTexts.NoRuleSet.With()) : Arg.Of(inForce.Id)));
        incident.Append(now, now, actor, TimelineKind.Registered, registered);
        var grade = Grader.Grade(command.Facts, rules);
        state.Grade = grade;
        state.InitialLevel = grade.Level;
        incident.Append(now, now, actor, TimelineKind.Graded, DescribeGrade(grade));
        foreach (var kind in ObligationKinds.FirstMoment)
        {
            var (due, basis) = incident.DeadlineOf(kind);
            state.Obligations.Add(new Obligation { Id = kind.Name(), Kind = kind, DueAt = due, DeadlineBasis = basis });
            incident.Append(now, now, Actor.System, TimelineKind.DeadlineSet, IncidentTexts.DeadlineSet.With(("obligation", Arg.Of(kind)), ("due", due), ("basis", basis)), kind.Name());
        }

        incident.TraceNeighbours(regions ?? Regions.RegionCatalog.None);
        incident.OpenNeighbourNotification(state.DiscoveredAt, now, fromDiscovery: true);
        incident.OpenChain(regions ?? Regions.RegionCatalog.None, now);
        state.Version = 1;
        incident.MarkDue(now);
        return (incident, Decision.Accepted);
    }

    /// <summary>Marks passed deadlines without counting a version of its own (a command's version covers it).</summary>
    private protected override bool MarkDue(DateTimeOffset now)
    {
        var changed = false;
        foreach (var o in State.Obligations.Where(o => o.FellDueBy(now)).OrderBy(o => o.DueAt))
        {
            o.MarkOverdue();
            Append(o.DueAt, now, Actor.System, TimelineKind.ObligationOverdue, IncidentTexts.Overdue.With(("obligation", Arg.Of(o.Kind)), ("due", o.DueAt)), o.Id);
            changed = true;
        }

        return changed;
    }

    private protected override void NextVersion() => State.Version++;

    /// <summary>The checks of each move's fields, before the procedure is asked.</summary>
    private protected override Validator Check(IncidentCommand command, DateTimeOffset now)
    {
        var check = command is ReleaseCommand release ? CheckRelease(release) : new Validator();
        switch (command)
        {
            case UpdateFacts facts:
                check.Optional("note", facts.Note);
                ValidateFacts(check, facts.Facts?.Values);
                break;
            case CompleteObligation step:
                check.Defined("obligation", step.Obligation)
                    .Optional("note", step.Note)
                    .NotInFuture("at", step.At, now)
                    .NotBefore("at", step.At, State.DiscoveredAt, IncidentTexts.TheDiscovery);
                if (step.Obligation == ObligationKind.NotifyNeighbours)
                {
                    check.Required("notified", step.Notified);
                }
                else
                {
                    check.Optional("notified", step.Notified, Validator.ShortText);
                }

                break;
            case FileReport report:
                check.Defined("kind", report.Kind)
                    .Defined("medium", report.Medium)
                    .Required("signedOffBy", report.SignedOffBy)
                    .Required("contact", report.Contact)
                    .Required("content", report.Content, Validator.LongText)
                    .NotInFuture("at", report.At, now)
                    .NotBefore("at", report.At, State.DiscoveredAt, IncidentTexts.TheDiscovery);
                break;
            case RecordCorrection correction:
                CheckCorrection(check, correction, now);
                break;
            case CloseIncident close:
                check.Optional("note", close.Note);
                break;
            case DownstreamCommand river:
                CheckDownstream(check, river, now);
                break;
            case RecordHop hop:
                CheckHop(check, hop, now);
                break;
            case AcknowledgeAlert alert:
                CheckAlert(check, alert);
                break;
        }

        return check;
    }

    private void ApplyFacts(UpdateFacts command, Actor actor, DateTimeOffset now)
    {
        var before = State.Grade!;
        var changes = command.Facts.Changes(State.Facts);
        State.Facts = command.Facts.ApplyTo(State.Facts);
        var grade = Grader.Grade(State.Facts, _rules);
        State.Grade = grade;
        var what = changes.Count == 0 ? IncidentTexts.FactsUnchanged.With() : Series(changes);
        Append(now, now, actor, TimelineKind.FactsUpdated, command.Note is { Length: > 0 } note
            ? IncidentTexts.FactsUpdatedWithNote.With(("changes", what), ("note", note))
            : IncidentTexts.FactsUpdated.With(("changes", what)));
        var levelChanged = grade.Level != before.Level;
        if (levelChanged)
        {
            State.LevelChanges.Add(new LevelChange(now, grade.Level));
        }

        if (levelChanged || grade.Unclear != before.Unclear)
        {
            var regraded = before.Unclear ? IncidentTexts.RegradedFromUnclear : IncidentTexts.Regraded;
            Append(now, now, actor, TimelineKind.Regraded, regraded.With(("before", Arg.Of(before.Level)), ("grade", DescribeGrade(grade))));
        }

        RecomputeDeadlines(now);
        OpenNeighbourNotification(now, now, fromDiscovery: false);
        RerunChain(now);
        if (levelChanged && State.Phase != IncidentPhase.Registered)
        {
            var window = _rules.Deadlines.LevelChangeReport.WindowFor(grade, State.Facts.IsSensitive);
            var number = State.Obligations.Count(o => o.Kind == ObligationKind.LevelChangeReport) + 1;
            var due = now + window.Window;
            var basis = IncidentTexts.BasisFromRegrade.With(
                ("why", window.Why), ("window", window.Window), ("basis", _rules.Deadlines.LevelChangeReport.Basis), ("source", _rules.Deadlines.LevelChangeReport.Source));
            var id = $"{ObligationKind.LevelChangeReport.Name()}-{number}";
            State.Obligations.Add(new Obligation { Id = id, Kind = ObligationKind.LevelChangeReport, DueAt = due, DeadlineBasis = basis, OpenedAt = now });
            Append(now, now, Actor.System, TimelineKind.DeadlineSet,
                IncidentTexts.LevelChangeDeadlineSet.With(("obligation", Arg.Of(ObligationKind.LevelChangeReport)), ("level", Arg.Of(grade.Level)), ("due", due), ("basis", basis)), id);
        }
    }

    private void ApplyCompletion(CompleteObligation command, Actor actor, DateTimeOffset now)
    {
        var obligation = State.Obligations.First(o => o.Kind == command.Obligation);
        obligation.Notified = command.Notified?.Trim();
        Complete(obligation, command.At ?? now, now, actor, Words(command.Note));
    }

    private void ApplyReport(FileReport command, Actor actor, DateTimeOffset now)
    {
        var at = command.At ?? now;
        var report = new IncidentReport
        {
            Number = State.Reports.Count + 1,
            Kind = command.Kind,
            Medium = command.Medium,
            Level = LevelAt(at),
            SignedOffBy = command.SignedOffBy.Trim(),
            Contact = command.Contact.Trim(),
            Content = command.Content,
            At = at,
            RecordedAt = now,
            RecordedBy = actor.ToString(),
        };
        State.Reports.Add(report);
        Append(at, now, actor, TimelineKind.ReportFiled, IncidentTexts.ReportFiled.With(
            ("report", Arg.Of(command.Kind)), ("number", report.Number), ("level", Arg.Of(report.Level)), ("medium", Arg.Of(command.Medium)),
            ("signedOffBy", report.SignedOffBy), ("contact", report.Contact)));
        var satisfied = command.Kind == ReportKind.Initial
            ? State.Obligations.Where(o => o.Kind == ObligationKind.Report && !o.IsCompleted)
            : State.Obligations.Where(o => o.Kind == ObligationKind.LevelChangeReport && !o.IsCompleted && o.OpenedAt <= at);
        foreach (var obligation in satisfied.ToList())
        {
            Complete(obligation, at, now, actor, IncidentTexts.ByReportNumber.With(("report", Arg.Of(command.Kind)), ("number", report.Number)));
        }
    }

    private void ApplyClose(CloseIncident command, Actor actor, DateTimeOffset now) =>
        Append(now, now, actor, TimelineKind.Closed, WithNote(IncidentTexts.Closed, Words(command.Note)));

    // A hop up the chain is owed by other levels too: one never received stays visible in the chain, it does not hold the case open.
    private bool AllObligationsCompleted() => State.Obligations.All(o => o.IsCompleted || o.Kind == ObligationKind.ReportUp);

    /// <summary>The level in force at a moment: a report dated before a regrade was made at the old level.</summary>
    private IncidentLevel LevelAt(DateTimeOffset at) =>
        State.LevelChanges.LastOrDefault(c => c.At <= at)?.Level ?? State.InitialLevel;

    /// <summary>Why the machine refused a move.</summary>
    private Message WhyRefused(IncidentCommand command, DateTimeOffset now) => (State.Phase, command) switch
    {
        (_, ReportIncident) => IncidentTexts.AlreadyRegistered,
        (IncidentPhase.Closed, _) => IncidentTexts.RefusedClosed.With(("move", DescribeMove(command))),
        (_, DownstreamCommand river) => WhyNotDownstream(river, now) ?? InPhase(command),
        (_, CompleteObligation step) => WhyNotComplete(step.Obligation, step.At ?? now) ?? InPhase(command),
        (_, ReleaseCommand release) => WhyNotRelease(release) ?? InPhase(command),
        (IncidentPhase.Registered, FileReport { Kind: ReportKind.FollowUp }) => IncidentTexts.FollowUpNeedsInitial,
        (IncidentPhase.Registered, FileReport { Kind: ReportKind.Final }) => IncidentTexts.FinalNeedsInitial,
        (_, FileReport { Kind: ReportKind.Initial }) => IncidentTexts.InitialAlreadyFiled,
        (IncidentPhase.FinalReportFiled, FileReport) => IncidentTexts.FinalAlreadyFiled.With(("move", DescribeMove(command))),
        (_, FileReport report) => WhyNotReport(report.Kind, report.At ?? now) ?? InPhase(command),
        (IncidentPhase.Registered or IncidentPhase.Responding, CloseIncident) => IncidentTexts.CloseBeforeFinal,
        (_, CloseIncident) => IncidentTexts.StillOpen.With(("obligations", Arg.Of(State.Obligations.Where(o => !o.IsCompleted).Select(o => Arg.Of(o.Kind))))),
        (IncidentPhase.FinalReportFiled, UpdateFacts) => IncidentTexts.FactsAfterFinal,
        (_, RecordHop hop) => WhyNotHop(hop) ?? InPhase(command),
        (_, AcknowledgeAlert alert) => WhyNotAcknowledge(alert, now) ?? InPhase(command),
        _ => InPhase(command),
    };

    private Message InPhase(IncidentCommand command) => IncidentTexts.RefusedInPhase.With(("move", DescribeMove(command)), ("phase", Arg.Of(State.Phase)));

    private static Message DescribeMove(IncidentCommand command) => command switch
    {
        UpdateFacts => IncidentTexts.MoveUpdateFacts,
        CompleteObligation step => IncidentTexts.MoveComplete.With(("obligation", Arg.Of(step.Obligation))),
        FileReport report => IncidentTexts.MoveFileReport.With(("report", Arg.Of(report.Kind))),
        RecordCorrection => IncidentTexts.MoveCorrect,
        ReleaseCommand release => DescribeRelease(release),
        CloseIncident => IncidentTexts.MoveClose,
        _ => IncidentTexts.MoveOther.With(("move", Moves.NameOf(command))),
    };

    private Message? WhyNotComplete(ObligationKind kind, DateTimeOffset at)
    {
        if (kind.DoneByItsOwnMove() is { } move)
        {
            return move;
        }

        var obligation = State.Obligations.FirstOrDefault(o => o.Kind == kind);
        if (obligation is null)
        {
            return IncidentTexts.NoNeighbourObligation.With(("obligation", Arg.Of(kind)));
        }

        if (obligation.IsCompleted)
        {
            return IncidentTexts.AlreadyCompleted.With(("obligation", Arg.Of(kind)), ("at", obligation.CompletedAt!.Value), ("by", obligation.CompletedBy ?? ""));
        }

        if (kind is ObligationKind.StartMonitoring or ObligationKind.OrganiseInvestigation)
        {
            var scene = State.Obligations.First(o => o.Kind == ObligationKind.ReachScene);
            if (!scene.IsCompleted)
            {
                return IncidentTexts.NeedsScene.With(("obligation", Arg.Of(kind)));
            }

            if (scene.CompletedAt > at)
            {
                return IncidentTexts.BeforeScene.With(("obligation", Arg.Of(kind)), ("at", at), ("scene", scene.CompletedAt!.Value));
            }
        }

        return null;
    }

    private Message? WhyNotReport(ReportKind kind, DateTimeOffset at)
    {
        var initial = State.Reports.FirstOrDefault(r => r.Kind == ReportKind.Initial);
        if (kind != ReportKind.Initial && initial is not null && at < initial.At)
        {
            return IncidentTexts.ReportBeforeInitial.With(("report", Arg.Of(kind)), ("at", at), ("initial", initial.At));
        }

        return null;
    }

    private void Complete(Obligation obligation, DateTimeOffset at, DateTimeOffset now, Actor actor, Message? note)
    {
        obligation.Complete(at, now, actor);
        obligation.Note = note;
        Message text = obligation.LateBy is { } late
            ? IncidentTexts.CompletedLate.With(("obligation", Arg.Of(obligation.Kind)), ("late", late), ("due", obligation.EffectiveDeadline))
            : IncidentTexts.CompletedOnTime.With(("obligation", Arg.Of(obligation.Kind)), ("due", obligation.DueAt));
        if (now - at > TimeSpan.FromMinutes(1))
        {
            text = IncidentTexts.RecordedLater.With(("text", text), ("delay", now - at));
        }

        if (obligation.Notified is { Length: > 0 } who)
        {
            text = IncidentTexts.WithNotified.With(("text", text), ("notified", who));
        }

        Append(at, now, actor, TimelineKind.ObligationCompleted, WithNote(text, note), obligation.Id);
    }

    /// <summary>
    /// Opens the notice to neighbouring areas once the facts say they are or may be affected. Once open it stays: the
    /// duty arose when the facts said so, whatever later facts say.
    /// </summary>
    private void OpenNeighbourNotification(DateTimeOffset from, DateTimeOffset now, bool fromDiscovery)
    {
        if (!NeighbourAreas.MayBeAffected(State.Facts))
        {
            return;
        }

        var rule = _rules.Deadlines.NeighbourNotification;
        var (window, why) = rule.WindowFor(State.Grade!, State.Facts.IsSensitive);
        var due = from + window;
        var basis = (fromDiscovery ? IncidentTexts.BasisNeighboursFromDiscovery : IncidentTexts.BasisNeighboursFromFacts).With(
            ("why", why), ("window", window), ("cause", NeighbourAreas.Why(State.Facts)), ("basis", rule.Basis), ("source", rule.Source));
        if (!State.Obligations.Any(o => o.Kind == ObligationKind.NotifyNeighbours))
        {
            var id = ObligationKind.NotifyNeighbours.Name();
            State.Obligations.Add(new Obligation { Id = id, Kind = ObligationKind.NotifyNeighbours, DueAt = due, DeadlineBasis = basis, OpenedAt = from });
            Append(now, now, Actor.System, TimelineKind.DeadlineSet, IncidentTexts.DeadlineSet.With(("obligation", Arg.Of(ObligationKind.NotifyNeighbours)), ("due", due), ("basis", basis)), id);
        }

        OpenNeighbourWarnings(from, due, now);
    }

    private void RecomputeDeadlines(DateTimeOffset now)
    {
        // The obligations that arise during the response keep the deadline counted from when they arose.
        foreach (var obligation in State.Obligations.Where(o => !o.IsCompleted && ObligationKinds.FirstMoment.Contains(o.Kind)))
        {
            // The basis is made only for a deadline that moved: most updates of the facts move none.
            var rule = _rules.Deadlines.Obligations[obligation.Kind];
            var (window, why) = rule.WindowFor(State.Grade!, State.Facts.IsSensitive);
            var due = State.DiscoveredAt + window;
            if (due == obligation.DueAt)
            {
                continue;
            }

            var basis = BasisFromDiscovery(rule, window, why);

            Append(now, now, Actor.System, TimelineKind.DeadlineChanged,
                IncidentTexts.DeadlineChanged.With(("obligation", Arg.Of(obligation.Kind)), ("from", obligation.DueAt), ("to", due), ("basis", basis)), obligation.Id);
            obligation.DueAt = due;
            obligation.DeadlineBasis = basis;
        }
    }

    private (DateTimeOffset Due, Message Basis) DeadlineOf(ObligationKind kind)
    {
        var rule = _rules.Deadlines.Obligations[kind];
        var (window, why) = rule.WindowFor(State.Grade!, State.Facts.IsSensitive);
        return (State.DiscoveredAt + window, BasisFromDiscovery(rule, window, why));
    }

    private static Message BasisFromDiscovery(DeadlineRule rule, TimeSpan window, Message why) =>
        IncidentTexts.BasisFromDiscovery.With(("why", why), ("window", window), ("basis", rule.Basis), ("source", rule.Source));

    private void Append(DateTimeOffset at, DateTimeOffset recordedAt, Actor actor, TimelineKind kind, Message text, string? obligation = null) =>
        State.Timeline.Append(at, recordedAt, actor.ToString(), kind, text, obligation);

    /// <summary>A person's own words, shown as they were written.</summary>
    private static Message? Words(string? words) => words is null ? null : Message.Literal(words);

    /// <summary>A sentence followed by its recorder's note, when there is one.</summary>
    private static Message WithNote(Message text, Message? note) =>
        note is null || note.IsLiteral && string.IsNullOrEmpty(note["text"]?.Text) ? text : IncidentTexts.WithNote.With(("text", text), ("note", note));

    private static Message DescribeGrade(Grade grade) =>
        (grade.Unclear ? IncidentTexts.GradeUnclear : IncidentTexts.Grade).With(
            ("level", Arg.Of(grade.Level)), ("lead", grade.LeadAuthority), ("reasons", Series(grade.Reasons)));

    /// <summary>Items joined by semicolons, each a sentence of its own.</summary>
    private static Message Series(IReadOnlyList<Message> items) => items.Count == 0 ? Message.Literal("") : items.Aggregate((first, next) => IncidentTexts.AndThen.With(("first", first), ("next", next)));
}
