using System.Globalization;
using Emergency.Contracts;
using Emergency.Domain;
using Emergency.Domain.Drills;
using Emergency.Domain.Messages;
using Emergency.Domain.Rules;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Emergency.Grains.Drills;

/// <summary>
/// Hosts one drill run. The <see cref="DrillRun"/> keeps the virtual clock, the queue of injects and the rules for injects
/// by hand, and decides what is due and what to send; the grain keeps the timer and the reminder that move it, stores its
/// progress, and sends the commands through the same case grains as live work, each carrying its moment on the drill's
/// clock.
/// </summary>
public sealed partial class DrillGrain(
    [PersistentState("drill", StorageNames.Provider)] IPersistentState<DrillRecord> record,
    RuleSetCatalog catalog,
    EngineClock clock,
    IOptions<ReminderOptions> reminders,
    FastDrillCheckpoints checkpoints,
    ILogger<DrillGrain> logger) : Grain, IDrillGrain, IRemindable
{
    /// <summary>
    /// A durable reminder held while the drill runs: if its activation goes away (a node lost, a restart), the reminder
    /// brings it back and the run carries on from its stored progress. It fires as often as reminders may.
    /// </summary>
    private const string KeepRunningReminder = "keep-running";

    /// <summary>Commands per turn of a fast run: between turns the grain answers status queries, and checkpoints when one is due.</summary>
    private const int FastBatch = 400;

    private const int PacedBatch = 2000;

    private const int MessagesInStatus = 20;

    /// <summary>How often a paced run's clock moves, in engine time.</summary>
    private static readonly TimeSpan TickPeriod = TimeSpan.FromSeconds(1);

    private DrillRun? _run;
    private ITimer? _timer;

    private string RunId => this.GetPrimaryKeyString();

    private string Scope => Scopes.Drill(RunId);

    private DrillRecord State => record.State;

    private DrillRun Drill => _run!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!State.Exists)
        {
            return;
        }

        _run = new DrillRun(ScenarioReader.Read(State.Text, State.File), State);
        if (State.Phase is DrillPhase.Running or DrillPhase.Paused)
        {
            // Back after a restart: learn the incidents' next deadlines, and carry on.
            _resumed = true;
            _checkpointedAt = clock.Now;
            var names = State.Incidents.Keys.ToList();
            var summaries = await Task.WhenAll(names.Select(n => IncidentOf(n).AdvanceInDrill(State.VirtualNow)));
            for (var i = 0; i < names.Count; i++)
            {
                Drill.Woke(names[i], summaries[i].Value?.Obligations);
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
            return DrillAnswer.NotAllowed(DrillTexts.RunExists.With(("run", RunId)), Status());
        }

        if (!DrillIds.IsRun(RunId))
        {
            return DrillAnswer.NotAllowed(DrillTexts.NotARunId.With(("run", RunId)), null);
        }

        if (start.Mode == DrillMode.Paced && !(start.Speed is > 0 and <= 100_000))
        {
            return DrillAnswer.NotAllowed(DrillTexts.SpeedOutOfRange.With(("speed", start.Speed.ToString(CultureInfo.InvariantCulture))), null);
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

        record.State = new DrillRecord
        {
            Text = start.Text,
            File = start.File,
            Mode = start.Mode,
            Speed = start.Mode == DrillMode.Fast ? 0 : start.Speed,
            StartedBy = start.StartedBy.ToString(),
            Phase = DrillPhase.Running,
        };
        _run = new DrillRun(scenario, State);
        Drill.Begin(clock.Now);
        await record.WriteStateAsync();
        _checkpointedAt = clock.Now;
        CasesAreNew(scenario);
        LogStarted(RunId, scenario.Title, start.Mode, scenario.Injects.Count);
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
                if (await RunAhead(Drill.End, FastBatch))
                {
                    await Finish();
                }
                else
                {
                    await CheckpointIfDue(FastBatch);
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
        Drill.Pause();
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
        Drill.Anchor(clock.Now);
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

        var (target, notAllowed) = Drill.JumpTarget(offset);
        if (notAllowed is not null)
        {
            return DrillAnswer.NotAllowed(notAllowed, Status());
        }

        while (!await RunUntil(target, PacedBatch))
        {
            await record.WriteStateAsync();
        }

        Drill.MoveClockTo(target);
        Drill.Anchor(clock.Now);
        if (Drill.AtEnd)
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

        var played = Drill.PlayByHand(text, inject, at, actor);
        if (played.Invalid is { } invalid)
        {
            return DrillAnswer.Invalid([invalid]);
        }

        if (played.NotAllowed is { } problem)
        {
            return DrillAnswer.NotAllowed(problem, Status());
        }

        if (played.Now is not { } now)
        {
            await record.WriteStateAsync();
            return DrillAnswer.Ok(Status(), DrillTexts.Queued.With(("at", Offsets.Format(played.Moment))));
        }

        var refusedBefore = State.Refused.Count;
        Drill.Done(now, await Apply(now));
        await record.WriteStateAsync();
        return State.Refused.Count > refusedBefore
            ? new DrillAnswer { Outcome = DrillOutcome.Refused, Reason = State.Refused[^1].Reason, Status = Status() }
            : DrillAnswer.Ok(Status(), DrillTexts.Applied.With(("at", Offsets.Format(played.Moment))));
    }

    public Task<string?> GetReport() => Task.FromResult(State.Exists ? State.Report : null);

    public async Task<int> Purge()
    {
        StopTimer();
        await KeepRunning(false);
        await FlushCasesQuietly();
        var purged = await Task.WhenAll(
            GrainFactory.GetGrain<IIncidentDirectoryGrain>(Scope).Purge(),
            GrainFactory.GetGrain<IMajorDecisionDirectoryGrain>(Scope).Purge(),
            GrainFactory.GetGrain<IDisputeDirectoryGrain>(Scope).Purge());
        await GrainFactory.GetGrain<IWarningDirectoryGrain>(Scope).Purge();
        await record.ClearStateAsync();
        _run = null;
        DeactivateOnIdle();
        return purged.Sum();
    }

    /// <summary>A paced run's clock: virtual time moves by speed × the engine time elapsed since the anchor.</summary>
    private async Task Tick()
    {
        var target = Drill.PacedClock(clock.Now);
        if (target <= State.VirtualNow)
        {
            return;
        }

        var applied = State.Applied + State.Refused.Count;
        if (await RunUntil(target, PacedBatch))
        {
            Drill.MoveClockTo(target);
        }

        if (Drill.AtEnd)
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
        var end = Drill.End;
        var names = State.Incidents.OrderBy(i => i.Value.Sequence).Select(i => i.Key).ToList();
        var views = await Task.WhenAll(names.Select(n => IncidentOf(n).EndOfDrill(end)));
        names.ForEach(n => ChangedIncident(State.Incidents[n].Id));
        var incidents = names.Zip(views)
            .Where(p => p.Second.Value is not null)
            .Select(p => new DrillIncidentRecord(p.First, p.Second.Value!, State.Incidents[p.First].Levels))
            .ToList();
        var decisionNames = State.Decisions.Keys.Order(StringComparer.Ordinal).ToList();
        var decisionViews = await Task.WhenAll(decisionNames.Select(n => DecisionGrain(State.Decisions[n]).EndOfDrill(end)));
        decisionNames.ForEach(n => ChangedDecision(State.Decisions[n]));
        var decisions = decisionNames.Zip(decisionViews)
            .Where(p => p.Second.Value is not null)
            .Select(p => new DrillDecisionRecord(p.First, p.Second.Value!))
            .ToList();
        var byIncidentId = State.Incidents.ToDictionary(i => i.Value.Id, i => i.Key, StringComparer.Ordinal);
        var warnings = (await GrainFactory.GetGrain<IWarningDirectoryGrain>(Scope).List())
            .Select(w => new DrillWarningRecord(w.Subject, w.RaisedAt, w.Evidence.Count, w.Escalation is { } e ? byIncidentId.GetValueOrDefault(e.IncidentId) : null))
            .ToList();

        await FlushCases();
        var report = DrillScoring.Score(
            Drill.Scenario, State.Mode == DrillMode.Fast ? "fast" : "paced", incidents, State.Messages, State.Refused, State.Manual.Count, warnings, decisions);
        State.Report = DrillReportJson.Serialize(report);
        State.Result = report.Result;
        State.Phase = DrillPhase.Finished;
        Drill.Finish();
        StopTimer();
        await record.WriteStateAsync();
        await KeepRunning(false);
        LogFinished(RunId, report.Result.Met, report.Result.Late, report.Result.Missed);
    }

    private async Task Fail(Exception exception)
    {
        LogFailed(exception, RunId);
        StopTimer();
        await FlushCasesQuietly();
        State.Phase = DrillPhase.Failed;
        State.Failure = exception.Message;
        try
        {
            await record.WriteStateAsync();
        }
        catch (Exception ex)
        {
            LogFailed(ex, RunId);
        }

        await KeepRunning(false);
    }

    private DrillAnswer? Refuse(bool needsPaced, params DrillPhase[] phases)
    {
        if (!State.Exists)
        {
            DeactivateOnIdle();
            return DrillAnswer.NotFound;
        }

        if (needsPaced && State.Mode != DrillMode.Paced)
        {
            return DrillAnswer.NotAllowed(DrillTexts.FastRunsAlone, Status());
        }

        return phases.Contains(State.Phase)
            ? null
            : DrillAnswer.NotAllowed(DrillTexts.DrillIs.With(("phase", Arg.Of(State.Phase))), Status());
    }

    private void Continue()
    {
        if (State.Mode == DrillMode.Fast)
        {
            GrainFactory.GetGrain<IDrillGrain>(RunId).Pump().Ignore();
        }
        else if (_timer is null)
        {
            var self = GrainFactory.GetGrain<IDrillGrain>(RunId);
            _timer = clock.Time.CreateTimer(_ => self.Pump().Ignore(), null, TickPeriod, TickPeriod);
        }
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
            LogKeepRunningFailed(ex, RunId);
        }
    }

    private void StopTimer()
    {
        _timer?.Dispose();
        _timer = null;
    }

    private IIncidentGrain IncidentOf(string name) => IncidentGrain(State.Incidents[name].Id);

    private DrillStatus Status()
    {
        var scenario = Drill.Scenario;
        return new DrillStatus
        {
            Run = RunId,
            Scope = Scope,
            Title = scenario.Title,
            Mode = State.Mode,
            Speed = State.Speed,
            Phase = State.Phase,
            Start = scenario.Start,
            End = Drill.End,
            VirtualNow = State.VirtualNow.ToOffset(scenario.Start.Offset),
            Offset = Offsets.Format(Drill.Now),
            Percent = Drill.Percent(State.Phase == DrillPhase.Finished),
            InjectsApplied = Drill.InjectsApplied,
            InjectsTotal = Drill.InjectsTotal,
            Refused = State.Refused.Count,
            Messages = [.. State.Messages.TakeLast(MessagesInStatus)],
            Result = State.Result,
            Failure = State.Failure,
            Incidents = Drill.IncidentIds,
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Drill {Run} started: '{Title}', {Mode}, {Injects} injects")]
    private partial void LogStarted(string run, string title, DrillMode mode, int injects);

    [LoggerMessage(Level = LogLevel.Information, Message = "Drill {Run} finished: {Met} met, {Late} late, {Missed} missed")]
    private partial void LogFinished(string run, int met, int late, int missed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Drill {Run}: could not set or clear the reminder that keeps it running")]
    private partial void LogKeepRunningFailed(Exception exception, string run);

    [LoggerMessage(Level = LogLevel.Error, Message = "Drill {Run} failed")]
    private partial void LogFailed(Exception exception, string run);
}
