using System.Text.Json;
using Emergency.Domain.Cases;
using Emergency.Domain.Rules;
using Stateless;
using Stateless.Graph;

namespace Emergency.Domain.Incidents;

/// <summary>
/// One sudden environmental incident (突发环境事件) and its procedure. Every move is an <see cref="IncidentCommand"/>
/// judged by <see cref="Handle"/>: its fields are checked, then the Stateless machine decides whether the phase and
/// the guards allow it and runs its effect on the transition. The obligations carry the deadlines. Every method takes
/// "now" from its caller, so live work and drills run the same code on different clocks. A refused command changes nothing.
/// </summary>
public sealed partial class Incident : ICase<IncidentCommand>
{
    private readonly StateMachine<IncidentPhase, string> _machine;
    private readonly Dictionary<string, StateMachine<IncidentPhase, string>.TriggerWithParameters<MoveStep<IncidentCommand>>> _triggers = new(StringComparer.Ordinal);
    private readonly RuleSet _rules;

    private Incident(IncidentState state, RuleSet rules)
    {
        State = state;
        _rules = rules;
        _machine = new StateMachine<IncidentPhase, string>(() => State.Phase, phase => State.Phase = phase);
        _triggers.Declare(_machine, Moves.Of<IncidentCommand>());

        Configure();
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
    public static string Graph() => MermaidGraph.Format(new Incident(new IncidentState(), null!)._machine.GetInfo());

    /// <summary>
    /// Registers an incident: grades it by the rule set in force at discovery and sets every deadline. A drill's what-if
    /// names another rule set in <see cref="ReportIncident.JudgedUnder"/>: the incident is judged by it, and its timeline says so.
    /// </summary>
    public static (Incident? Incident, Decision Decision) Register(
        string id, string scope, ReportIncident command, Actor actor, RuleSetCatalog catalog, DateTimeOffset now)
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
            check.Add("judgedUnder", $"no rule set has the id '{judgedUnder}' (known: {string.Join(", ", catalog.All.Select(r => r.Id))})");
        }
        else if (rules is null)
        {
            check.Add("discoveredAt", $"no rule set was in force on {Durations.Describe(command.DiscoveredAt)}; the earliest starts {Durations.Describe(catalog.All[0].EffectiveFrom)}");
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
        incident.Append(now, now, actor, TimelineKind.Registered, $"Registered from {command.SourceChannel}, discovered {Durations.Describe(command.DiscoveredAt)}, region {state.Region}; judged by rule set {rules.Id}{(judgedUnder is null ? "" : $" (a what-if: the rule set in force at discovery is {inForce?.Id ?? "none"})")}");
        var grade = Grader.Grade(command.Facts, rules);
        state.Grade = grade;
        state.InitialLevel = grade.Level;
        incident.Append(now, now, actor, TimelineKind.Graded, DescribeGrade(grade));
        foreach (var kind in ObligationKinds.FirstMoment)
        {
            var (due, basis) = incident.DeadlineOf(kind);
            state.Obligations.Add(new Obligation { Id = kind.Name(), Kind = kind, DueAt = due, DeadlineBasis = basis });
            incident.Append(now, now, Actor.System, TimelineKind.DeadlineSet, $"{kind.Title()} due {Durations.Describe(due)} ({basis})", kind.Name());
        }

        incident.OpenNeighbourNotification(state.DiscoveredAt, now, "discovery");
        state.Version = 1;
        incident.MarkOverdue(now);
        return (incident, Decision.Accepted);
    }

    /// <summary>Marks every obligation whose deadline has passed as overdue. Returns true when anything changed.</summary>
    public bool Tick(DateTimeOffset now)
    {
        if (!MarkOverdue(now))
        {
            return false;
        }

        State.Version++;
        return true;
    }

    /// <summary>Marks passed deadlines without counting a version of its own (a command's version covers it).</summary>
    private bool MarkOverdue(DateTimeOffset now)
    {
        var changed = false;
        foreach (var o in State.Obligations.Where(o => !o.IsCompleted && o.OverdueSince is null && o.DueAt < now).OrderBy(o => o.DueAt))
        {
            o.OverdueSince = o.DueAt;
            Append(o.DueAt, now, Actor.System, TimelineKind.ObligationOverdue, $"{o.Kind.Title()} is overdue: it was due {Durations.Describe(o.DueAt)}", o.Id);
            changed = true;
        }

        return changed;
    }

    /// <summary>
    /// Judges a move at <paramref name="now"/>: passed deadlines are marked first, then the move's fields are checked, then
    /// the machine decides whether the phase and its guards allow the move and, if so, makes it.
    /// </summary>
    public Decision Handle(IncidentCommand command, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        Tick(now);
        var check = Check(command, now);
        if (check.Errors.Count > 0)
        {
            return Decision.Invalid(check.Errors);
        }

        var trigger = _triggers[Moves.NameOf(command)];
        var move = new MoveStep<IncidentCommand>(command, actor, now);
        if (!_machine.CanFire(trigger, move))
        {
            return Decision.NotAllowed(WhyRefused(command, now), AllowedMoves(now));
        }

        _machine.Fire(trigger, move);

        // A regrade can move an open deadline into the past: mark it now, not at the next tick.
        MarkOverdue(now);
        State.Version++;
        return Decision.Accepted;
    }

    /// <summary>
    /// The moves the machine permits now, by the names they are posted under: a move that depends on what it names is
    /// listed once per report kind or obligation it may name ("reports(initial)", "completeObligation(reachScene)").
    /// </summary>
    public IReadOnlyList<string> AllowedMoves(DateTimeOffset now) =>
        [.. Moves.Of<IncidentCommand>()
            .SelectMany(Probes)
            .Where(p => _machine.CanFire(_triggers[Moves.NameOf(p.Command)], new MoveStep<IncidentCommand>(p.Command, Actor.System, now)))
            .Select(p => p.Word)];

    /// <summary>One command per variant of a move, for asking the machine whether it is permitted.</summary>
    private IEnumerable<(IncidentCommand Command, string Word)> Probes(MoveInfo move)
    {
        var word = move.Name;
        return (IncidentCommand)Activator.CreateInstance(move.Type)! switch
        {
            FileReport report => Enum.GetValues<ReportKind>().Select(k => ((IncidentCommand)(report with { Kind = k }), $"{word}({JsonNamingPolicy.CamelCase.ConvertName(k.ToString())})")),
            CompleteObligation step => State.Obligations.Select(o => ((IncidentCommand)(step with { Obligation = o.Kind }), $"{word}({o.Kind.Name()})")),
            var other => [(other, word)],
        };
    }

    /// <summary>The checks of each move's fields, before the procedure is asked.</summary>
    private Validator Check(IncidentCommand command, DateTimeOffset now)
    {
        var check = new Validator();
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
                    .NotBefore("at", step.At, State.DiscoveredAt, "the discovery of the incident");
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
                    .NotBefore("at", report.At, State.DiscoveredAt, "the discovery of the incident");
                break;
            case RecordCorrection correction:
                CheckCorrection(check, correction, now);
                break;
            case CloseIncident close:
                check.Optional("note", close.Note);
                break;
        }

        return check;
    }

    /// <summary>
    /// The procedure. Triggers are the moves' names; each carries its command to the effect on its transition. The
    /// superstates hold the moves allowed in several phases: an open incident takes completions and corrections, and
    /// until the final report also new facts.
    /// </summary>
    private void Configure()
    {
        var facts = _triggers["facts"];
        var complete = _triggers["completeObligation"];
        var correct = _triggers["corrections"];
        var report = _triggers["reports"];
        var close = _triggers["close"];

        _machine.Configure(IncidentPhase.Open)
            .InternalTransitionIf(complete, m => WhyNotComplete(m) is null, (m, _) => ApplyCompletion((CompleteObligation)m.Command!, m.Actor, m.Now),
                "the obligation is open, not done by a report, and its prerequisite (someone on scene) done before it")
            .InternalTransition(correct, (m, _) => ApplyCorrection((RecordCorrection)m.Command!, m.Actor, m.Now));

        _machine.Configure(IncidentPhase.BeforeFinalReport)
            .SubstateOf(IncidentPhase.Open)
            .InternalTransition(facts, (m, _) => ApplyFacts((UpdateFacts)m.Command!, m.Actor, m.Now));

        _machine.Configure(IncidentPhase.Registered)
            .SubstateOf(IncidentPhase.BeforeFinalReport)
            .PermitIf(report, IncidentPhase.Responding, m => IsReport(m, ReportKind.Initial), "the first report is the initial report (初报)");

        _machine.Configure(IncidentPhase.Responding)
            .SubstateOf(IncidentPhase.BeforeFinalReport)
            .OnEntryFrom(report, m => ApplyReport((FileReport)m.Command!, m.Actor, m.Now), "file the report")
            .InternalTransitionIf(report, m => IsReport(m, ReportKind.FollowUp) && WhyNotReport(m) is null, (m, _) => ApplyReport((FileReport)m.Command!, m.Actor, m.Now),
                "a follow-up report (续报), dated no earlier than the initial report")
            .PermitIf(report, IncidentPhase.FinalReportFiled, m => IsReport(m, ReportKind.Final) && WhyNotReport(m) is null,
                "the final report (处理结果报告), dated no earlier than the initial report");

        _machine.Configure(IncidentPhase.FinalReportFiled)
            .SubstateOf(IncidentPhase.Open)
            .OnEntryFrom(report, m => ApplyReport((FileReport)m.Command!, m.Actor, m.Now), "file the report")
            .PermitIf(close, IncidentPhase.Closed, _ => AllObligationsCompleted(), "every obligation must be completed before closing");

        _machine.Configure(IncidentPhase.Closed)
            .OnEntryFrom(close, m => ApplyClose((CloseIncident)m.Command!, m.Actor, m.Now), "close the incident");
    }

    private static bool IsReport(MoveStep<IncidentCommand> move, ReportKind kind) => move.Command is FileReport report && report.Kind == kind;

    private string? WhyNotReport(MoveStep<IncidentCommand> move) =>
        move.Command is FileReport report ? WhyNotReport(report.Kind, report.At ?? move.Now) : null;

    private string? WhyNotComplete(MoveStep<IncidentCommand> move) =>
        move.Command is CompleteObligation step ? WhyNotComplete(step.Obligation, step.At ?? move.Now) : null;

    private void ApplyFacts(UpdateFacts command, Actor actor, DateTimeOffset now)
    {
        var before = State.Grade!;
        var changes = command.Facts.Changes(State.Facts);
        State.Facts = command.Facts.ApplyTo(State.Facts);
        var grade = Grader.Grade(State.Facts, _rules);
        State.Grade = grade;
        var what = changes.Count == 0 ? "no fact changed" : string.Join("; ", changes);
        Append(now, now, actor, TimelineKind.FactsUpdated, command.Note is { Length: > 0 } note ? $"Facts updated: {what} ({note})" : $"Facts updated: {what}");
        var levelChanged = grade.Level != before.Level;
        if (levelChanged)
        {
            State.LevelChanges.Add(new LevelChange(now, grade.Level));
        }

        if (levelChanged || grade.Unclear != before.Unclear)
        {
            Append(now, now, actor, TimelineKind.Regraded, $"Regraded {before.Level}{(before.Unclear ? " (unclear)" : "")} → {DescribeGrade(grade)}");
        }

        RecomputeDeadlines(now);
        OpenNeighbourNotification(now, now, "the facts that say so");
        if (levelChanged && State.Phase != IncidentPhase.Registered)
        {
            var window = _rules.Deadlines.LevelChangeReport.WindowFor(grade, State.Facts.IsSensitive);
            var number = State.Obligations.Count(o => o.Kind == ObligationKind.LevelChangeReport) + 1;
            var due = now + window.Window;
            var basis = $"{window.Why}: {Durations.Describe(window.Window)} from the regrade; {_rules.Deadlines.LevelChangeReport.Basis}; {_rules.Deadlines.LevelChangeReport.Source}";
            var id = $"{ObligationKind.LevelChangeReport.Name()}-{number}";
            State.Obligations.Add(new Obligation { Id = id, Kind = ObligationKind.LevelChangeReport, DueAt = due, DeadlineBasis = basis, OpenedAt = now });
            Append(now, now, Actor.System, TimelineKind.DeadlineSet, $"{ObligationKind.LevelChangeReport.Title()} at level {grade.Level} due {Durations.Describe(due)} ({basis})", id);
        }
    }

    private void ApplyCompletion(CompleteObligation command, Actor actor, DateTimeOffset now)
    {
        var obligation = State.Obligations.First(o => o.Kind == command.Obligation);
        obligation.Notified = command.Notified?.Trim();
        Complete(obligation, command.At ?? now, now, actor, command.Note);
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
        Append(at, now, actor, TimelineKind.ReportFiled, $"{Capitalised(Describe(command.Kind))} #{report.Number} at level {report.Level} by {command.Medium.ToString().ToLowerInvariant()}, signed off by {report.SignedOffBy} ({report.Contact})");
        var satisfied = command.Kind == ReportKind.Initial
            ? State.Obligations.Where(o => o.Kind == ObligationKind.Report && !o.IsCompleted)
            : State.Obligations.Where(o => o.Kind == ObligationKind.LevelChangeReport && !o.IsCompleted && o.OpenedAt <= at);
        foreach (var obligation in satisfied.ToList())
        {
            Complete(obligation, at, now, actor, $"{Describe(command.Kind)} #{report.Number}");
        }
    }

    private void ApplyClose(CloseIncident command, Actor actor, DateTimeOffset now) =>
        Append(now, now, actor, TimelineKind.Closed, command.Note is { Length: > 0 } note ? $"Closed: {note}" : "Closed");

    private bool AllObligationsCompleted() => State.Obligations.All(o => o.IsCompleted);

    /// <summary>The level in force at a moment: a report dated before a regrade was made at the old level.</summary>
    private IncidentLevel LevelAt(DateTimeOffset at) =>
        State.LevelChanges.LastOrDefault(c => c.At <= at)?.Level ?? State.InitialLevel;

    /// <summary>Why the machine refused a move, in the words duty rooms have been given so far.</summary>
    private string WhyRefused(IncidentCommand command, DateTimeOffset now) => (State.Phase, command) switch
    {
        (_, ReportIncident) => "the incident is already registered",
        (IncidentPhase.Closed, _) => $"cannot {DescribeMove(command)}: the incident is closed",
        (_, CompleteObligation step) => WhyNotComplete(step.Obligation, step.At ?? now) ?? $"cannot {DescribeMove(command)} while the incident is {State.Phase}",
        (IncidentPhase.Registered, FileReport { Kind: ReportKind.FollowUp }) => "a follow-up report needs the initial report (初报) first",
        (IncidentPhase.Registered, FileReport { Kind: ReportKind.Final }) => "the final report needs the initial report (初报) first",
        (_, FileReport { Kind: ReportKind.Initial }) => "the initial report was already filed; file a follow-up report instead",
        (IncidentPhase.FinalReportFiled, FileReport) => $"cannot {DescribeMove(command)}: the final report was already filed",
        (_, FileReport report) => WhyNotReport(report.Kind, report.At ?? now) ?? $"cannot {DescribeMove(command)} while the incident is {State.Phase}",
        (IncidentPhase.Registered or IncidentPhase.Responding, CloseIncident) => "cannot close before the final report (处理结果报告) is filed",
        (_, CloseIncident) => $"cannot close yet: still open: {string.Join(", ", State.Obligations.Where(o => !o.IsCompleted).Select(o => o.Kind.Title()))}",
        (IncidentPhase.FinalReportFiled, UpdateFacts) => "facts cannot change after the final report",
        _ => $"cannot {DescribeMove(command)} while the incident is {State.Phase}",
    };

    private static string DescribeMove(IncidentCommand command) => command switch
    {
        UpdateFacts => "update facts",
        CompleteObligation step => $"complete {step.Obligation.Name()}",
        FileReport report => $"file {Describe(report.Kind)}",
        RecordCorrection => "record a correction",
        CloseIncident => "close",
        _ => Moves.NameOf(command),
    };

    private string? WhyNotComplete(ObligationKind kind, DateTimeOffset at)
    {
        if (kind.IsReport())
        {
            return $"'{kind.Title()}' is completed by filing a report, not as a step";
        }

        var obligation = State.Obligations.FirstOrDefault(o => o.Kind == kind);
        if (obligation is null)
        {
            return $"the incident has no obligation to {kind.Title()}: no fact says it affects or may affect a neighbouring area";
        }

        if (obligation.IsCompleted)
        {
            return $"'{kind.Title()}' was already completed at {Durations.Describe(obligation.CompletedAt!.Value)} by {obligation.CompletedBy}";
        }

        if (kind is ObligationKind.StartMonitoring or ObligationKind.OrganiseInvestigation)
        {
            var scene = State.Obligations.First(o => o.Kind == ObligationKind.ReachScene);
            if (!scene.IsCompleted)
            {
                return $"'{kind.Title()}' cannot be completed before someone is on scene";
            }

            if (scene.CompletedAt > at)
            {
                return $"'{kind.Title()}' cannot be completed at {Durations.Describe(at)}: nobody was on scene before {Durations.Describe(scene.CompletedAt!.Value)}";
            }
        }

        return null;
    }

    private string? WhyNotReport(ReportKind kind, DateTimeOffset at)
    {
        var initial = State.Reports.FirstOrDefault(r => r.Kind == ReportKind.Initial);
        if (kind != ReportKind.Initial && initial is not null && at < initial.At)
        {
            return $"{Describe(kind)} cannot be dated {Durations.Describe(at)}, before the initial report ({Durations.Describe(initial.At)})";
        }

        return null;
    }

    private void Complete(Obligation obligation, DateTimeOffset at, DateTimeOffset now, Actor actor, string? note)
    {
        obligation.CompletedAt = at;
        obligation.RecordedAt = now;
        obligation.CompletedBy = actor.ToString();
        obligation.Note = note;
        var notified = obligation.Notified is { Length: > 0 } who ? $"; notified: {who}" : "";
        var timing = obligation.LateBy is { } late
            ? $"LATE by {Durations.Describe(late)} (due {Durations.Describe(obligation.EffectiveDeadline)})"
            : $"on time (due {Durations.Describe(obligation.DueAt)})";
        var recorded = now - at > TimeSpan.FromMinutes(1) ? $", recorded {Durations.Describe(now - at)} later" : "";
        Append(at, now, actor, TimelineKind.ObligationCompleted, $"{obligation.Kind.Title()} completed {timing}{recorded}{notified}{(note is { Length: > 0 } ? $": {note}" : "")}", obligation.Id);
    }

    /// <summary>
    /// Opens the notice to neighbouring areas once the facts say they are or may be affected. Once open it stays: the
    /// duty arose when the facts said so, whatever later facts say.
    /// </summary>
    private void OpenNeighbourNotification(DateTimeOffset from, DateTimeOffset now, string fromWhat)
    {
        if (!NeighbourAreas.MayBeAffected(State.Facts) || State.Obligations.Any(o => o.Kind == ObligationKind.NotifyNeighbours))
        {
            return;
        }

        var rule = _rules.Deadlines.NeighbourNotification;
        var (window, why) = rule.WindowFor(State.Grade!, State.Facts.IsSensitive);
        var due = from + window;
        var basis = $"{why}: {Durations.Describe(window)} from {fromWhat}; {NeighbourAreas.Why(State.Facts)}; {rule.Basis}; {rule.Source}";
        var id = ObligationKind.NotifyNeighbours.Name();
        State.Obligations.Add(new Obligation { Id = id, Kind = ObligationKind.NotifyNeighbours, DueAt = due, DeadlineBasis = basis, OpenedAt = from });
        Append(now, now, Actor.System, TimelineKind.DeadlineSet, $"{ObligationKind.NotifyNeighbours.Title()} due {Durations.Describe(due)} ({basis})", id);
    }

    private void RecomputeDeadlines(DateTimeOffset now)
    {
        // The obligations that arise during the response keep the deadline counted from when they arose.
        foreach (var obligation in State.Obligations.Where(o => !o.IsCompleted && o.Kind is not (ObligationKind.LevelChangeReport or ObligationKind.NotifyNeighbours)))
        {
            var (due, basis) = DeadlineOf(obligation.Kind);
            if (due == obligation.DueAt)
            {
                continue;
            }

            Append(now, now, Actor.System, TimelineKind.DeadlineChanged, $"{obligation.Kind.Title()}: due {Durations.Describe(obligation.DueAt)} → {Durations.Describe(due)} ({basis})", obligation.Id);
            obligation.DueAt = due;
            obligation.DeadlineBasis = basis;
        }
    }

    private (DateTimeOffset Due, string Basis) DeadlineOf(ObligationKind kind)
    {
        var rule = _rules.Deadlines.Obligations[kind];
        var (window, why) = rule.WindowFor(State.Grade!, State.Facts.IsSensitive);
        return (State.DiscoveredAt + window, $"{why}: {Durations.Describe(window)} from discovery; {rule.Basis}; {rule.Source}");
    }

    private void Append(DateTimeOffset at, DateTimeOffset recordedAt, Actor actor, TimelineKind kind, string text, string? obligation = null) =>
        State.Timeline.Add(new TimelineEntry
        {
            Seq = State.Timeline.Count + 1,
            At = at,
            RecordedAt = recordedAt,
            Actor = actor.ToString(),
            Kind = kind,
            Text = text,
            Obligation = obligation,
        });

    private static string Describe(ReportKind kind) => kind switch
    {
        ReportKind.Initial => "an initial report (初报)",
        ReportKind.FollowUp => "a follow-up report (续报)",
        _ => "a final report (处理结果报告)",
    };

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string DescribeGrade(Grade grade) =>
        $"level {grade.Level}{(grade.Unclear ? " (unclear: some facts unknown)" : "")}, led by the {grade.LeadAuthority}: {string.Join("; ", grade.Reasons)}";

    private static void ValidateFacts(Validator check, IncidentFacts? facts)
    {
        if (facts is null)
        {
            check.Add("facts", "is required");
            return;
        }

        check.NotNegative("facts.deaths", facts.Deaths)
            .NotNegative("facts.poisoned", facts.Poisoned)
            .NotNegative("facts.seriouslyInjured", facts.SeriouslyInjured)
            .NotNegative("facts.evacuated", facts.Evacuated)
            .NotNegative("facts.directLossCny", facts.DirectLossCny);
        if (facts.IntakeInterruption is { } cut)
        {
            check.Defined("facts.intakeInterruption.scale", cut.Scale);
            if (cut.Scale != IntakeScale.None && string.IsNullOrWhiteSpace(cut.Intake))
            {
                check.Add("facts.intakeInterruption", $"{FactsPatch.NameTheIntake}; '{FactsPatch.LegacyIntakeField}' cannot name one");
            }

            check.Optional("facts.intakeInterruption.intake", cut.Intake, Validator.ShortText);
        }

        if (facts.CrossBoundary is { } cross)
        {
            check.Defined("facts.crossBoundary", cross);
        }

        if (facts.EcologicalImpact is { } eco)
        {
            check.Defined("facts.ecologicalImpact", eco);
        }
    }
}
