using Emergency.Contracts;
using Emergency.Domain;
using Emergency.Domain.Decisions;
using Emergency.Domain.Disputes;
using Emergency.Domain.Disputes.EarlyWarning;
using Emergency.Domain.Drills;
using Emergency.Domain.Incidents;
using Emergency.Domain.Rules;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Emergency.Grains.Drills;

/// <summary>
/// Runs one drill. It owns the virtual clock and the queue of injects; it moves the clock from one moment
/// to the next — the next inject or the next deadline of one of its incidents, whichever comes first —
/// advances the incidents whose deadlines passed, and applies the injects due then through the same
/// incident grains as live work, each command carrying its moment on the drill's clock. Order is by
/// (virtual time, sequence), never by thread timing: run fast, the same file gives the same report.
/// </summary>
public sealed partial class DrillGrain(
    [PersistentState("drill", StorageNames.Provider)] IPersistentState<DrillRecord> record,
    RuleSetCatalog catalog,
    EngineClock clock,
    IOptions<ReminderOptions> reminders,
    ILogger<DrillGrain> logger) : Grain, IDrillGrain, IRemindable
{
    /// <summary>
    /// A durable reminder held while the drill runs: if its activation goes away (a node lost, a restart), the reminder
    /// brings it back and the run carries on from its stored progress. It fires as often as reminders may.
    /// </summary>
    private const string KeepRunningReminder = "keep-running";

    /// <summary>Commands per turn of a fast run: between turns the grain answers status queries and stores its progress.</summary>
    private const int FastBatch = 400;

    private const int PacedBatch = 2000;

    private const int MessagesInStatus = 20;

    /// <summary>How often a paced run's clock moves, in engine time.</summary>
    private static readonly TimeSpan TickPeriod = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A deadline is inclusive (done at the deadline is on time), so the drill looks at an incident again
    /// one second after a deadline, when it can be marked overdue.
    /// </summary>
    private static readonly TimeSpan MarkDelay = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, DateTimeOffset?> _wakes = new(StringComparer.Ordinal);
    private readonly List<(ScheduledInject Inject, Actor Actor, ManualInjectRecord Record)> _manual = [];
    private Scenario? _scenario;
    private ITimer? _timer;

    private string Run => this.GetPrimaryKeyString();

    private string Scope => Scopes.Drill(Run);

    private DrillRecord State => record.State;

    private Scenario Scenario => _scenario!;

    private DateTimeOffset EndMoment => Scenario.At(Scenario.End);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!State.Exists)
        {
            return;
        }

        _scenario = ScenarioReader.Read(State.Text, State.File);
        foreach (var manual in State.Manual.Where(m => !m.Applied))
        {
            Queue(manual);
        }

        if (State.Phase is DrillPhase.Running or DrillPhase.Paused)
        {
            // Back after a restart: learn the incidents' next deadlines, and carry on.
            var names = State.Incidents.Keys.ToList();
            var summaries = await Task.WhenAll(names.Select(n => IncidentOf(n).Advance(State.VirtualNow)));
            for (var i = 0; i < names.Count; i++)
            {
                _wakes[names[i]] = WakeOf(summaries[i]?.Obligations);
            }

            if (State.Phase == DrillPhase.Running)
            {
                Continue();
            }
        }
    }

    /// <summary>Only wakes the drill: activation resumes a running drill from its stored progress.</summary>
    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        State.Exists && State.Phase == DrillPhase.Running ? Task.CompletedTask : KeepRunning(false);

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    public async Task<DrillAnswer> Start(DrillStart start)
    {
        if (State.Exists)
        {
            return DrillAnswer.NotAllowed($"run '{Run}' already exists", Status());
        }

        if (!DrillIds.IsRun(Run))
        {
            return DrillAnswer.NotAllowed($"'{Run}' is not a run id: lowercase letters, digits and '-', at most 40", null);
        }

        if (start.Mode == DrillMode.Paced && !(start.Speed is > 0 and <= 100_000))
        {
            return DrillAnswer.NotAllowed($"speed {start.Speed} is not between 0 and 100,000", null);
        }

        Scenario scenario;
        try
        {
            scenario = ScenarioReader.Read(start.Text, start.File);
        }
        catch (ScenarioException ex)
        {
            DeactivateOnIdle();
            return DrillAnswer.Invalid(ex.Errors);
        }

        if (scenario.CheckRules(catalog) is { Count: > 0 } errors)
        {
            DeactivateOnIdle();
            return DrillAnswer.Invalid(errors);
        }


        _scenario = scenario;
        record.State = new DrillRecord
        {
            Text = start.Text,
            File = start.File,
            Mode = start.Mode,
            Speed = start.Mode == DrillMode.Fast ? 0 : start.Speed,
            StartedBy = start.StartedBy.ToString(),
            Phase = DrillPhase.Running,
            VirtualNow = scenario.Start,
            AnchorReal = clock.Now,
            AnchorVirtual = scenario.Start,
        };
        await record.WriteStateAsync();
        LogStarted(Run, scenario.Title, start.Mode, scenario.Injects.Count);
        await KeepRunning(true);
        Continue();
        return DrillAnswer.Ok(Status());
    }

    public Task<DrillStatus?> GetStatus() => Task.FromResult(State.Exists ? Status() : null);

    public async Task Pump()
    {
        if (!State.Exists || State.Phase != DrillPhase.Running)
        {
            return;
        }

        try
        {
            if (State.Mode == DrillMode.Fast)
            {
                if (await RunUntil(EndMoment, FastBatch))
                {
                    await Finish();
                }
                else
                {
                    await record.WriteStateAsync();
                    Continue();
                }
            }
            else
            {
                await Tick();
            }
        }
        catch (Exception ex)
        {
            await Fail(ex);
        }
    }

    public async Task<DrillAnswer> Pause()
    {
        if (Refuse(needsPaced: true, DrillPhase.Running) is { } refused)
        {
            return refused;
        }

        await Tick();
        State.Phase = DrillPhase.Paused;
        State.AnchorVirtual = State.VirtualNow;
        StopTimer();
        await record.WriteStateAsync();
        await KeepRunning(false);
        return DrillAnswer.Ok(Status());
    }

    public async Task<DrillAnswer> Resume()
    {
        if (Refuse(needsPaced: true, DrillPhase.Paused) is { } refused)
        {
            return refused;
        }

        State.Phase = DrillPhase.Running;
        Anchor(State.VirtualNow);
        await record.WriteStateAsync();
        await KeepRunning(true);
        Continue();
        return DrillAnswer.Ok(Status());
    }

    public async Task<DrillAnswer> JumpTo(TimeSpan offset)
    {
        if (Refuse(needsPaced: true, DrillPhase.Running, DrillPhase.Paused) is { } refused)
        {
            return refused;
        }

        if (State.Phase == DrillPhase.Running)
        {
            await Tick();
        }

        var target = Scenario.At(offset < Scenario.End ? offset : Scenario.End);
        if (target <= State.VirtualNow)
        {
            return DrillAnswer.NotAllowed($"the drill's clock is at {Offsets.Format(State.VirtualNow - Scenario.Start)} and never goes back; jump to a later offset", Status());
        }

        while (!await RunUntil(target, PacedBatch))
        {
            await record.WriteStateAsync();
        }

        State.VirtualNow = target;
        Anchor(target);
        if (target >= EndMoment)
        {
            await Finish();
        }
        else
        {
            await record.WriteStateAsync();
        }

        return DrillAnswer.Ok(Status());
    }

    public async Task<DrillAnswer> Inject(string text, Actor actor)
    {
        if (Refuse(needsPaced: true, DrillPhase.Running, DrillPhase.Paused) is { } refused)
        {
            return refused;
        }

        Inject inject;
        TimeSpan? at;
        try
        {
            (inject, at) = ScenarioReader.ReadInject(text, "inject");
        }
        catch (ScenarioException ex)
        {
            return DrillAnswer.Invalid(ex.Errors);
        }

        if (State.Phase == DrillPhase.Running)
        {
            await Tick();
        }

        var now = State.VirtualNow - Scenario.Start;
        var moment = at ?? now;
        if (moment < now || moment > Scenario.End)
        {
            var why = moment < now
                ? $"at {Offsets.Format(moment)} is before the drill's now ({Offsets.Format(now)}): injects happen now or later"
                : $"at {Offsets.Format(moment)} is after the end of the drill ({Offsets.Format(Scenario.End)})";
            return DrillAnswer.Invalid([new ScenarioError("inject", inject.Where.Line, inject.Where.Column, why)]);
        }

        if (WhyNotManual(inject, moment) is { } problem)
        {
            return DrillAnswer.NotAllowed(problem, Status());
        }

        var by = PlayerRole(inject);
        var manual = new ManualInjectRecord
        {
            Sequence = Scenario.Injects.Count + State.Manual.Count + 1,
            Text = text,
            At = moment,
            SentBy = actor.Id,
            SentByRole = by,
        };
        State.Manual.Add(manual);
        var scheduled = new ScheduledInject(manual.Sequence, moment, inject);
        var player = new Actor(actor.Id, by);
        if (moment > now)
        {
            _manual.Add((scheduled, player, manual));
            await record.WriteStateAsync();
            return DrillAnswer.Ok(Status(), $"queued for {Offsets.Format(moment)}");
        }

        var refusedBefore = State.Refused.Count;
        await Apply([(scheduled, player)], State.VirtualNow);
        manual.Applied = true;
        await record.WriteStateAsync();
        return State.Refused.Count > refusedBefore
            ? new DrillAnswer { Outcome = DrillOutcome.Refused, Reason = State.Refused[^1].Reason, Status = Status() }
            : DrillAnswer.Ok(Status(), $"applied at {Offsets.Format(moment)}");
    }

    public Task<string?> GetReport() => Task.FromResult(State.Exists ? State.Report : null);

    public async Task<int> Purge()
    {
        StopTimer();
        await KeepRunning(false);
        var purged = await Task.WhenAll(
            GrainFactory.GetGrain<IIncidentDirectoryGrain>(Scope).Purge(),
            GrainFactory.GetGrain<IMajorDecisionDirectoryGrain>(Scope).Purge(),
            GrainFactory.GetGrain<IDisputeDirectoryGrain>(Scope).Purge());
        await GrainFactory.GetGrain<IWarningDirectoryGrain>(Scope).Purge();
        await record.ClearStateAsync();
        _scenario = null;
        _wakes.Clear();
        _manual.Clear();
        DeactivateOnIdle();
        return purged.Sum();
    }

    /// <summary>
    /// Applies every moment up to <paramref name="target"/>: at each, first the incidents whose deadlines
    /// passed are advanced, then the injects due are applied. Returns false when the budget ran out first.
    /// </summary>
    private async Task<bool> RunUntil(DateTimeOffset target, int budget)
    {
        while (budget > 0)
        {
            if (NextMoment() is not { } moment || moment > target)
            {
                return true;
            }

            var due = _wakes.Where(w => w.Value <= moment).Select(w => w.Key).Order(StringComparer.Ordinal).ToList();
            if (due.Count > 0)
            {
                var summaries = await Task.WhenAll(due.Select(name => IncidentOf(name).Advance(moment)));
                for (var i = 0; i < due.Count; i++)
                {
                    _wakes[due[i]] = WakeOf(summaries[i]?.Obligations);
                }
            }

            var batch = new List<(ScheduledInject, Actor)>();
            var fromScenario = 0;
            while (State.Applied + fromScenario < Scenario.Injects.Count && Scenario.At(Scenario.Injects[State.Applied + fromScenario].At) == moment)
            {
                var scheduled = Scenario.Injects[State.Applied + fromScenario++];
                batch.Add((scheduled, new Actor("scenario", PlayerRole(scheduled.Inject))));
            }

            var manual = _manual.Where(m => Scenario.At(m.Inject.At) == moment).ToList();
            batch.AddRange(manual.Select(m => (m.Inject, m.Actor)));
            await Apply(batch, moment);
            State.Applied += fromScenario;
            foreach (var m in manual)
            {
                m.Record.Applied = true;
                _manual.Remove(m);
            }

            if (moment > State.VirtualNow)
            {
                State.VirtualNow = moment;
            }

            budget -= Math.Max(1, due.Count + batch.Count);
        }

        return false;
    }

    /// <summary>The next moment something happens: an inject, or a deadline of one of the incidents passing.</summary>
    private DateTimeOffset? NextMoment()
    {
        DateTimeOffset? next = State.Applied < Scenario.Injects.Count ? Scenario.At(Scenario.Injects[State.Applied].At) : null;
        foreach (var (inject, _, _) in _manual)
        {
            next = Earliest(next, Scenario.At(inject.At));
        }

        foreach (var wake in _wakes.Values)
        {
            next = Earliest(next, wake);
        }

        return next;
    }

    /// <summary>
    /// Applies the injects of one moment: those of different incidents side by side, those of one incident
    /// in their order. What they yield (refusals, messages) is recorded in sequence order afterwards, so
    /// the order in which answers arrive never shows.
    /// </summary>
    private async Task Apply(List<(ScheduledInject Inject, Actor Actor)> batch, DateTimeOffset moment)
    {
        if (batch.Count == 0)
        {
            return;
        }

        batch.Sort((a, b) => (a.Inject.Sequence, a.Inject.Copy).CompareTo((b.Inject.Sequence, b.Inject.Copy)));
        var complaintsRefused = await ApplyComplaints(batch, moment);
        var groups = batch.Where(b => CaseOf(b.Inject.Inject) is not null)
            .GroupBy(b => CaseOf(b.Inject.Inject)!, StringComparer.Ordinal)
            .ToList();
        var outcomes = await Task.WhenAll(groups.Select(async group =>
        {
            var results = new List<(int Sequence, RefusedInject? Refused)>();
            foreach (var (inject, actor) in group)
            {
                results.Add((inject.Sequence, await ApplyOne(inject, actor, moment)));
            }

            return results;
        }));
        var refused = outcomes.SelectMany(o => o).Where(o => o.Refused is not null).ToDictionary(o => o.Sequence, o => o.Refused!);
        foreach (var (sequence, why) in complaintsRefused)
        {
            refused.TryAdd(sequence, why);
        }

        foreach (var (inject, _) in batch)
        {
            if (inject.Inject is PlayerMessage message)
            {
                State.Messages.Add(new DrillMessage(moment, Offsets.Format(inject.At), message.To, message.Text));
            }
            else if (refused.TryGetValue(inject.Sequence, out var why))
            {
                State.Refused.Add(why);
            }
        }
    }

    /// <summary>The case an inject acts on: injects of one case are applied in their order, those of different cases side by side.</summary>
    private static string? CaseOf(Inject inject) => inject switch
    {
        IncidentInject acting => $"incident/{acting.Incident}",
        DecisionStep step => $"decision/{step.Decision}",
        _ => null,
    };

    /// <summary>Complaints of one moment are applied first, in their order: an escalation at the same moment finds their warning.</summary>
    private async Task<Dictionary<int, RefusedInject>> ApplyComplaints(List<(ScheduledInject Inject, Actor Actor)> batch, DateTimeOffset moment)
    {
        var refused = new Dictionary<int, RefusedInject>();
        foreach (var (scheduled, actor) in batch.Where(b => b.Inject.Inject is ComplaintFiled))
        {
            var complaint = (ComplaintFiled)scheduled.Inject;
            var context = new CommandContext(actor, $"drill/{Run}/{scheduled.Sequence}.{scheduled.Copy}", moment, Scope);
            var registered = await GrainFactory.GetGrain<IDisputeGrain>(DrillIds.Dispute(Run, scheduled.Sequence, scheduled.Copy)).Execute(new RegisterDispute
            {
                Channel = complaint.Channel,
                ReceivedBy = ReceivedBy.Department,
                ReceivedAt = moment,
                Unit = complaint.Unit,
                // An invented caller is linked to their other calls by the contact, as a real one would be.
                Complainant = complaint.Caller is { } caller ? new Complainant { Name = caller, Contact = $"drill caller: {caller}" } : null,
                Subject = complaint.Subject,
                Content = complaint.Text,
            }, context);
            if (registered.Status is not (CommandStatus.Accepted or CommandStatus.Replayed) && !refused.ContainsKey(scheduled.Sequence))
            {
                refused[scheduled.Sequence] = new RefusedInject(
                    moment, Offsets.Format(scheduled.At), complaint.Where.Line, complaint.Kind, null, registered.Decision?.Reason ?? registered.Status.ToString());
            }
        }

        return refused;
    }

    /// <summary>Escalates the early warning about the inject's subject into the drill's incident of that name.</summary>
    private async Task<RefusedInject?> Escalate(ScheduledInject scheduled, WarningEscalated escalated, CommandContext context, DateTimeOffset moment)
    {
        RefusedInject Refusal(string reason) =>
            new(moment, Offsets.Format(scheduled.At), escalated.Where.Line, escalated.Kind, escalated.Incident, reason);

        var subject = escalated.Enterprise ?? escalated.Place!;
        var kind = escalated.Enterprise is not null ? ClusterSubjectKind.Enterprise : ClusterSubjectKind.Place;
        var key = ComplaintClusterDetector.Normalise(subject);
        var warnings = await GrainFactory.GetGrain<IWarningDirectoryGrain>(Scope).List();
        var warning = warnings.Where(w => w.SubjectKind == kind && ComplaintClusterDetector.Normalise(w.Subject) == key && w.Escalation is null)
            .OrderBy(w => w.RaisedAt)
            .FirstOrDefault();
        if (warning is null)
        {
            return Refusal($"no early warning about '{subject}' stands to be escalated by {Offsets.Format(scheduled.At)}");
        }

        var result = await GrainFactory.GetGrain<IWarningGrain>(warning.Id).Escalate(new EscalateWarning
        {
            Title = escalated.Title,
            Region = escalated.Region,
            DiscoveredAt = Scenario.At(escalated.Discovered ?? scheduled.At),
            Facts = escalated.Facts.ApplyTo(new IncidentFacts()),
            Note = escalated.Description,
        }, context);
        if (result is not { Status: CommandStatus.Accepted or CommandStatus.Replayed, View.Escalation: { } escalation })
        {
            return Refusal(result.Decision?.Reason ?? result.Status.ToString());
        }

        var view = await GrainFactory.GetGrain<IIncidentGrain>(escalation.IncidentId).GetView();
        if (view is null)
        {
            return Refusal($"the incident of the escalation ({escalation.IncidentId}) cannot be read");
        }

        State.Incidents[escalated.Incident] = new DrillIncidentTrack
        {
            Id = escalation.IncidentId, Sequence = scheduled.Sequence, Facts = view.Facts, Levels = [new LevelAt(moment, view.Grade.Level)],
        };
        _wakes[escalated.Incident] = WakeOf(view.Obligations);
        return null;
    }

    private static Role PlayerRole(Inject inject) => inject switch
    {
        IncidentInject acting => acting.By,
        DecisionStep step => step.By,
        ComplaintFiled complaint => complaint.By,
        _ => Role.DutyCommander,
    };

    private async Task<RefusedInject?> ApplyOne(ScheduledInject scheduled, Actor actor, DateTimeOffset moment)
    {
        var context = new CommandContext(actor, $"drill/{Run}/{scheduled.Sequence}", moment);
        if (scheduled.Inject is DecisionStep step)
        {
            return await ApplyStep(scheduled, step, context, moment);
        }

        var inject = (IncidentInject)scheduled.Inject;
        RefusedInject Refusal(string reason) =>
            new(moment, Offsets.Format(scheduled.At), inject.Where.Line, inject.Kind, inject.Incident, reason);

        if (inject is WarningEscalated escalated)
        {
            return State.Incidents.ContainsKey(escalated.Incident)
                ? Refusal($"incident '{escalated.Incident}' is already in the drill")
                : await Escalate(scheduled, escalated, context, moment);
        }

        if (inject is IncidentReported reported)
        {
            if (State.Incidents.ContainsKey(reported.Incident))
            {
                return Refusal($"incident '{reported.Incident}' is already in the drill");
            }

            var id = DrillIds.Incident(Run, reported.Incident);
            var registered = await GrainFactory.GetGrain<IIncidentGrain>(id).Execute(reported.Command(Scenario, scheduled.At), context with { Scope = Scope });
            if (registered is { Status: CommandStatus.Accepted or CommandStatus.Replayed, View: { } view })
            {
                State.Incidents[reported.Incident] = new DrillIncidentTrack { Id = id, Sequence = scheduled.Sequence, Facts = view.Facts, Levels = [new LevelAt(moment, view.Grade.Level)] };
                _wakes[reported.Incident] = WakeOf(view.Obligations);
                return null;
            }

            return Refusal(registered.Decision?.Reason ?? registered.Status.ToString());
        }

        if (!State.Incidents.TryGetValue(inject.Incident, out var track))
        {
            return Refusal($"incident '{inject.Incident}' is not in the drill: its report was refused");
        }

        var grain = GrainFactory.GetGrain<IIncidentGrain>(track.Id);
        var result = await grain.Execute(inject.Command(Scenario, scheduled.At), context);

        if (result.View is { } after)
        {
            track.Facts = after.Facts;
            if (track.Levels.Count == 0 || track.Levels[^1].Level != after.Grade.Level)
            {
                track.Levels.Add(new LevelAt(moment, after.Grade.Level));
            }

            _wakes[inject.Incident] = WakeOf(after.Obligations);
        }

        return result.Status is CommandStatus.Accepted or CommandStatus.Replayed
            ? null
            : Refusal(result.Decision?.Reason ?? result.Status.ToString());
    }

    /// <summary>Takes one step of a major decision through its grain; a step the procedure refuses is a lesson of the drill.</summary>
    private async Task<RefusedInject?> ApplyStep(ScheduledInject scheduled, DecisionStep step, CommandContext context, DateTimeOffset moment)
    {
        RefusedInject Refusal(string reason, string? code) =>
            new(moment, Offsets.Format(scheduled.At), step.Where.Line, step.Kind, null, reason, step.Decision, step.Action, code);

        CommandResult<MajorDecisionView> result;
        if (step.Command is DraftMajorDecision)
        {
            if (State.Decisions.ContainsKey(step.Decision))
            {
                return Refusal($"decision '{step.Decision}' is already in the drill", DecisionRefusals.NotInDrill);
            }

            var id = DrillIds.Decision(Run, step.Decision);
            result = await GrainFactory.GetGrain<IMajorDecisionGrain>(id).Execute(step.Command, context with { Scope = Scope });
            if (result.Status is CommandStatus.Accepted or CommandStatus.Replayed)
            {
                State.Decisions[step.Decision] = id;
            }
        }
        else if (!State.Decisions.TryGetValue(step.Decision, out var id))
        {
            return Refusal($"decision '{step.Decision}' is not in the drill: its draft was refused", DecisionRefusals.NotInDrill);
        }
        else
        {
            result = await GrainFactory.GetGrain<IMajorDecisionGrain>(id).Execute(step.Command, context);
        }

        return result.Status is CommandStatus.Accepted or CommandStatus.Replayed
            ? null
            : Refusal(result.Decision?.Reason ?? result.Status.ToString(), result.Decision?.Code ?? (result.Status == CommandStatus.Invalid ? DecisionRefusals.Invalid : null));
    }

    /// <summary>A paced run's clock: virtual time moves by speed × the engine time elapsed since the anchor.</summary>
    private async Task Tick()
    {
        var target = State.AnchorVirtual + (clock.Now - State.AnchorReal) * State.Speed;
        if (target > EndMoment)
        {
            target = EndMoment;
        }

        if (target <= State.VirtualNow)
        {
            return;
        }

        var applied = State.Applied + State.Refused.Count;
        if (await RunUntil(target, PacedBatch))
        {
            State.VirtualNow = target;
        }

        if (State.VirtualNow >= EndMoment)
        {
            await Finish();
        }
        else if (State.Applied + State.Refused.Count != applied)
        {
            await record.WriteStateAsync();
        }
    }

    /// <summary>Advances every incident to the end, reads them, scores the drill and keeps the report.</summary>
    private async Task Finish()
    {
        var end = EndMoment;
        var names = State.Incidents.OrderBy(i => i.Value.Sequence).Select(i => i.Key).ToList();
        await Task.WhenAll(names.Select(n => IncidentOf(n).Advance(end)));
        var views = await Task.WhenAll(names.Select(n => IncidentOf(n).GetView()));
        var incidents = names.Zip(views)
            .Where(p => p.Second is not null)
            .Select(p => new DrillIncidentRecord(p.First, p.Second!, State.Incidents[p.First].Levels))
            .ToList();
        var decisionNames = State.Decisions.Keys.Order(StringComparer.Ordinal).ToList();
        var matters = decisionNames.Select(n => GrainFactory.GetGrain<IMajorDecisionGrain>(State.Decisions[n])).ToList();
        await Task.WhenAll(matters.Select(m => m.Advance(end)));
        var decisionViews = await Task.WhenAll(matters.Select(m => m.GetView()));
        var decisions = decisionNames.Zip(decisionViews)
            .Where(p => p.Second is not null)
            .Select(p => new DrillDecisionRecord(p.First, p.Second!))
            .ToList();
        var byIncidentId = State.Incidents.ToDictionary(i => i.Value.Id, i => i.Key, StringComparer.Ordinal);
        var warnings = (await GrainFactory.GetGrain<IWarningDirectoryGrain>(Scope).List())
            .Select(w => new DrillWarningRecord(w.Subject, w.RaisedAt, w.Evidence.Count, w.Escalation is { } e ? byIncidentId.GetValueOrDefault(e.IncidentId) : null))
            .ToList();
        var report = DrillScoring.Score(
            Scenario, State.Mode == DrillMode.Fast ? "fast" : "paced", incidents, State.Messages, State.Refused, State.Manual.Count, warnings, decisions);
        State.Report = DrillReportJson.Serialize(report);
        State.Result = report.Result;
        State.VirtualNow = end;
        State.Phase = DrillPhase.Finished;
        StopTimer();
        _wakes.Clear();
        await record.WriteStateAsync();
        await KeepRunning(false);
        LogFinished(Run, report.Result.Met, report.Result.Late, report.Result.Missed);
    }

    private async Task Fail(Exception exception)
    {
        LogFailed(exception, Run);
        StopTimer();
        State.Phase = DrillPhase.Failed;
        State.Failure = exception.Message;
        try
        {
            await record.WriteStateAsync();
        }
        catch (Exception ex)
        {
            LogFailed(ex, Run);
        }

        await KeepRunning(false);
    }

    private string? WhyNotManual(Inject inject, TimeSpan moment)
    {
        if (inject is ComplaintFiled { Repeat: > 1 })
        {
            return "a complaint sent by hand comes once: 'repeat' belongs in scenario files";
        }

        var reportedByScenario = Scenario.Injects.Where(s => s.Inject is IncidentReported).ToDictionary(s => ((IncidentReported)s.Inject).Incident, s => s.At, StringComparer.Ordinal);
        var reportedByHand = _manual.Where(m => m.Inject.Inject is IncidentReported).ToDictionary(m => ((IncidentReported)m.Inject.Inject).Incident, m => m.Inject.At, StringComparer.Ordinal);
        return inject switch
        {
            IncidentReported reported when State.Incidents.ContainsKey(reported.Incident) || reportedByScenario.ContainsKey(reported.Incident) || reportedByHand.ContainsKey(reported.Incident)
                => $"incident '{reported.Incident}' is already in the drill; later news about it is a factsChanged inject",
            IncidentInject acting and not IncidentReported when !State.Incidents.ContainsKey(acting.Incident)
                && !(reportedByScenario.TryGetValue(acting.Incident, out var a) && a <= moment)
                && !(reportedByHand.TryGetValue(acting.Incident, out var b) && b <= moment)
                => $"unknown incident '{acting.Incident}': it is not in the drill by {Offsets.Format(moment)}",
            DecisionStep { Command: DraftMajorDecision } drafting when State.Decisions.ContainsKey(drafting.Decision) || Drafted(drafting.Decision) is not null
                => $"decision '{drafting.Decision}' is already in the drill; a new version of the proposal is a changeProposal step",
            DecisionStep { Command: not DraftMajorDecision } step when !State.Decisions.ContainsKey(step.Decision) && !(Drafted(step.Decision) <= moment)
                => $"unknown decision '{step.Decision}': it is not in the drill by {Offsets.Format(moment)}",
            _ => null,
        };
    }

    /// <summary>When the scenario or an earlier inject by hand drafts the decision, if either does.</summary>
    private TimeSpan? Drafted(string decision) =>
        Scenario.Injects.Concat(_manual.Select(m => m.Inject))
            .Where(s => s.Inject is DecisionStep { Command: DraftMajorDecision } d && d.Decision == decision)
            .Select(s => (TimeSpan?)s.At)
            .Min();

    private DrillAnswer? Refuse(bool needsPaced, params DrillPhase[] phases)
    {
        if (!State.Exists)
        {
            DeactivateOnIdle();
            return DrillAnswer.NotFound;
        }

        if (needsPaced && State.Mode != DrillMode.Paced)
        {
            return DrillAnswer.NotAllowed("a fast drill runs to its end on its own; pause, resume, jump and manual injects need mode=paced", Status());
        }

        return phases.Contains(State.Phase)
            ? null
            : DrillAnswer.NotAllowed($"the drill is {State.Phase.ToString().ToLowerInvariant()}", Status());
    }

    private void Continue()
    {
        if (State.Mode == DrillMode.Fast)
        {
            GrainFactory.GetGrain<IDrillGrain>(Run).Pump().Ignore();
        }
        else if (_timer is null)
        {
            var self = GrainFactory.GetGrain<IDrillGrain>(Run);
            _timer = clock.Time.CreateTimer(_ => self.Pump().Ignore(), null, TickPeriod, TickPeriod);
        }
    }

    private void Anchor(DateTimeOffset virtualNow)
    {
        State.AnchorReal = clock.Now;
        State.AnchorVirtual = virtualNow;
    }

    private async Task KeepRunning(bool on)
    {
        try
        {
            if (on)
            {
                var period = reminders.Value.MinimumReminderPeriod;
                await this.RegisterOrUpdateReminder(KeepRunningReminder, period, period);
            }
            else if (await this.GetReminder(KeepRunningReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }
        catch (Exception ex)
        {
            // The drill's progress is stored either way; without the reminder it waits for its next call to resume.
            LogKeepRunningFailed(ex, Run);
        }
    }

    private void StopTimer()
    {
        _timer?.Dispose();
        _timer = null;
    }

    private void Queue(ManualInjectRecord manual)
    {
        var (inject, _) = ScenarioReader.ReadInject(manual.Text, "inject");
        _manual.Add((new ScheduledInject(manual.Sequence, manual.At, inject), new Actor(manual.SentBy, manual.SentByRole), manual));
    }

    private IIncidentGrain IncidentOf(string name) => GrainFactory.GetGrain<IIncidentGrain>(State.Incidents[name].Id);

    private DrillStatus Status()
    {
        var scenario = Scenario;
        var span = scenario.End;
        var done = State.VirtualNow - scenario.Start;
        var percent = State.Phase == DrillPhase.Finished || span <= TimeSpan.Zero ? (State.Phase == DrillPhase.Finished ? 100 : 0) : (int)Math.Floor(100 * done / span);
        return new DrillStatus
        {
            Run = Run,
            Scope = Scope,
            Title = scenario.Title,
            Mode = State.Mode,
            Speed = State.Speed,
            Phase = State.Phase,
            Start = scenario.Start,
            End = EndMoment,
            VirtualNow = State.VirtualNow.ToOffset(scenario.Start.Offset),
            Offset = Offsets.Format(done),
            Percent = Math.Clamp(percent, 0, 100),
            InjectsApplied = State.Applied + State.Manual.Count(m => m.Applied),
            InjectsTotal = scenario.Injects.Count + State.Manual.Count,
            Refused = State.Refused.Count,
            Messages = [.. State.Messages.TakeLast(MessagesInStatus)],
            Result = State.Result,
            Failure = State.Failure,
            Incidents = State.Incidents.OrderBy(i => i.Value.Sequence).ToDictionary(i => i.Key, i => i.Value.Id),
        };
    }

    /// <summary>When the drill must look at an incident again: a second after its earliest deadline not yet passed.</summary>
    private static DateTimeOffset? WakeOf(IReadOnlyList<ObligationView>? obligations) =>
        obligations?.Where(o => o.CompletedAt is null && o.OverdueSince is null).Select(o => (DateTimeOffset?)(o.DueAt + MarkDelay)).Min();

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;

    [LoggerMessage(Level = LogLevel.Information, Message = "Drill {Run} started: '{Title}', {Mode}, {Injects} injects")]
    private partial void LogStarted(string run, string title, DrillMode mode, int injects);

    [LoggerMessage(Level = LogLevel.Information, Message = "Drill {Run} finished: {Met} met, {Late} late, {Missed} missed")]
    private partial void LogFinished(string run, int met, int late, int missed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Drill {Run}: could not set or clear the reminder that keeps it running")]
    private partial void LogKeepRunningFailed(Exception exception, string run);

    [LoggerMessage(Level = LogLevel.Error, Message = "Drill {Run} failed")]
    private partial void LogFailed(Exception exception, string run);
}
