using System.Security.Cryptography;
using System.Text.Json;
using Emergency.Contracts;
using Emergency.Domain;
using Emergency.Domain.Incidents;
using Emergency.Domain.Rules;
using Microsoft.Extensions.Logging;

namespace Emergency.Grains.Incidents;

/// <summary>
/// Thin shell around <see cref="Incident"/>: loads it, asks it, persists, re-arms the deadlines, and
/// publishes the summary. A command is answered only after its write is durable. A drill incident runs
/// the same code on its drill's virtual clock: "now" comes with each command, and the drill advances
/// the clock instead of timers and reminders.
/// </summary>
public sealed partial class IncidentGrain(
    [PersistentState("incident", StorageNames.Provider)] IPersistentState<IncidentRecord> record,
    RuleSetCatalog catalog,
    EngineClock clock,
    ILogger<IncidentGrain> logger) : Grain, IIncidentGrain, IRemindable
{
    private const string DeadlineReminder = "deadline";

    /// <summary>Safety-net period of the durable reminder; the precise wake-up is the in-memory timer.</summary>
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(10);

    /// <summary>A drill command without its moment on the drill's clock, or a live command that names one.</summary>
    private static readonly Decision MomentMismatch =
        Decision.Invalid([new FieldError("at", "a drill command needs its moment on the drill's clock; a live command must not name one")]);

    private Incident? _incident;
    private ITimer? _timer;
    private DateTimeOffset? _timerFor;
    private DateTimeOffset? _reminderFor;
    private bool _reminderKnown;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (record.State.Incident.Exists)
        {
            _incident = Incident.Load(record.State.Incident, catalog);
            await CatchUp();
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    public async Task<CommandResult> Register(ReportIncident command, string scope, CommandContext context)
    {
        var fingerprint = Fingerprint(command);
        if (_incident is not null)
        {
            return context.CommandId is { } id && record.State.FindCommand(id) is { } applied
                ? Replay(applied, fingerprint)
                : Refused(CommandStatus.NotAllowed, Decision.NotAllowed($"an incident with id '{this.GetPrimaryKeyString()}' already exists", []));
        }

        if (!Scopes.IsValid(scope))
        {
            return Refused(Decision.Invalid([new FieldError("scope", $"'{scope}' is not live or drill-<run>")]));
        }

        if (TimeOf(context, scope) is not { } now)
        {
            return Refused(MomentMismatch);
        }

        var (incident, decision) = Incident.Register(this.GetPrimaryKeyString(), scope, command, context.Actor, catalog, now);
        if (incident is null)
        {
            return Refused(decision);
        }

        // Listed before the first write: a stored incident is never missing from the directory.
        await GrainFactory.GetGrain<IIncidentDirectoryGrain>(IncidentDirectory.ShardKey(scope, incident.State.Id)).Reserve(incident.State.Id);
        record.State.Incident = incident.State;
        _incident = incident;
        return await Persist(context, fingerprint, decision, now);
    }

    public Task<CommandResult> UpdateFacts(UpdateFacts command, CommandContext context) =>
        Execute(context, command, (incident, now) => incident.UpdateFacts(command, context.Actor, now));

    public Task<CommandResult> CompleteObligation(CompleteObligation command, CommandContext context) =>
        Execute(context, command, (incident, now) => incident.CompleteObligation(command, context.Actor, now));

    public Task<CommandResult> FileReport(FileReport command, CommandContext context) =>
        Execute(context, command, (incident, now) => incident.FileReport(command, context.Actor, now));

    public Task<CommandResult> Close(CloseIncident command, CommandContext context) =>
        Execute(context, command, (incident, now) => incident.Close(command, context.Actor, now));

    public Task<IncidentView?> GetView() => Task.FromResult(_incident?.View(CurrentTime));

    public async Task<IncidentSummary?> Touch()
    {
        if (_incident is null)
        {
            DeactivateOnIdle();
            return null;
        }

        await CatchUp();
        return _incident.Summary(CurrentTime);
    }

    public async Task<IncidentSummary?> Advance(DateTimeOffset now)
    {
        if (_incident is null || !IsDrill)
        {
            return null;
        }

        if (record.State.DrillNow is null || now > record.State.DrillNow)
        {
            record.State.DrillNow = now;
        }

        await CatchUp();
        return _incident.Summary(CurrentTime);
    }

    public async Task Purge()
    {
        if (_incident is not null && !IsDrill)
        {
            throw new InvalidOperationException("only drill incidents can be purged");
        }

        await record.ClearStateAsync();
        _incident = null;
        DeactivateOnIdle();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => _incident is null ? Task.CompletedTask : CatchUp();

    /// <summary>Marks what fell due (also while the engine was down) and re-arms the next deadline.</summary>
    private async Task CatchUp()
    {
        var now = CurrentTime;
        if (_incident!.Tick(now))
        {
            await WriteAndPublish(now);
        }
        else
        {
            await Arm(now);
        }
    }

    private async Task<CommandResult> Execute<TCommand>(CommandContext context, TCommand command, Func<Incident, DateTimeOffset, Decision> act)
    {
        if (_incident is null)
        {
            DeactivateOnIdle();
            return CommandResult.NotFound;
        }

        var fingerprint = Fingerprint(command);
        if (context.CommandId is { } id && record.State.FindCommand(id) is { } applied)
        {
            return Replay(applied, fingerprint);
        }

        if (TimeOf(context, _incident.State.Scope) is not { } now)
        {
            return Refused(MomentMismatch);
        }

        var before = _incident.State.Version;
        var decision = act(_incident, now);
        if (decision.IsAccepted)
        {
            return await Persist(context, fingerprint, decision, now);
        }

        if (_incident.State.Version != before)
        {
            // Refused, but deadlines fell due on the way: those are real events and are kept.
            await WriteAndPublish(now);
        }

        return Refused(decision);
    }

    private async Task<CommandResult> Persist(CommandContext context, string fingerprint, Decision decision, DateTimeOffset now)
    {
        if (context.CommandId is { } id)
        {
            record.State.Remember(new AppliedCommand(id, fingerprint, _incident!.State.Version));
        }

        await WriteAndPublish(now);
        return new CommandResult { Status = CommandStatus.Accepted, Decision = decision, Incident = _incident!.View(now) };
    }

    private async Task WriteAndPublish(DateTimeOffset now)
    {
        try
        {
            await record.WriteStateAsync();
        }
        catch
        {
            // Memory now differs from what is stored: drop this activation so the next call reloads the truth.
            DeactivateOnIdle();
            throw;
        }

        var summary = _incident!.Summary(now);
        GrainFactory.GetGrain<IIncidentDirectoryGrain>(IncidentDirectory.ShardKey(summary.Scope, summary.Id)).Publish(summary).Ignore();
        GrainFactory.GetGrain<IBoardFeedGrain>(summary.Scope).Publish(new BoardUpdate { Scope = summary.Scope, Incident = summary }).Ignore();
        await Arm(now);
    }

    /// <summary>A precise timer for the next deadline while active, and a durable reminder in case the activation goes away.</summary>
    private async Task Arm(DateTimeOffset now)
    {
        if (IsDrill)
        {
            // The drill advances its incidents on its virtual clock; real time must never mark them.
            return;
        }

        var next = _incident!.NextDueAt;
        if (next != _timerFor)
        {
            _timer?.Dispose();
            _timer = null;
            _timerFor = next;
            if (next is { } due)
            {
                var self = GrainFactory.GetGrain<IIncidentGrain>(this.GetPrimaryKeyString());
                var delay = due - now;
                _timer = clock.Time.CreateTimer(_ => self.Touch().Ignore(), null, delay < TimeSpan.Zero ? TimeSpan.Zero : delay, Timeout.InfiniteTimeSpan);
            }
        }

        try
        {
            await ArmReminder(next, now);
        }
        catch (Exception ex)
        {
            // The command is already durable; the timer still fires, and a restart re-arms from the directory.
            LogReminderFailed(ex, this.GetPrimaryKeyString());
        }
    }

    private async Task ArmReminder(DateTimeOffset? next, DateTimeOffset now)
    {
        if (!_reminderKnown)
        {
            var existing = await this.GetReminder(DeadlineReminder);
            _reminderFor = existing is null ? null : DateTimeOffset.MinValue;
            _reminderKnown = true;
        }

        if (next == _reminderFor)
        {
            return;
        }

        if (next is { } due)
        {
            var delay = due - now;
            await this.RegisterOrUpdateReminder(DeadlineReminder, delay < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : delay, ReminderPeriod);
        }
        else if (_reminderFor is not null && await this.GetReminder(DeadlineReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        _reminderFor = next;
    }

    private CommandResult Replay(AppliedCommand applied, string fingerprint) =>
        applied.Fingerprint == fingerprint
            ? new CommandResult { Status = CommandStatus.Replayed, Decision = Decision.Accepted, Incident = _incident?.View(CurrentTime) }
            : Refused(CommandStatus.CommandIdReused, Decision.NotAllowed($"command id '{applied.Id}' was already used for a different command", _incident?.AllowedMoves(CurrentTime) ?? []));

    private CommandResult Refused(Decision decision) =>
        Refused(decision.Outcome == DecisionOutcome.Invalid ? CommandStatus.Invalid : CommandStatus.NotAllowed, decision);

    private CommandResult Refused(CommandStatus status, Decision decision) =>
        new() { Status = status, Decision = decision, Incident = _incident?.View(CurrentTime) };

    private bool IsDrill => Scopes.IsDrill(record.State.Incident.Scope);

    /// <summary>Now on this incident's clock: the engine's for live work, the drill's latest moment for a drill.</summary>
    private DateTimeOffset CurrentTime => IsDrill ? record.State.DrillNow ?? record.State.Incident.RegisteredAt : clock.Now;

    /// <summary>The moment a command happens: the engine clock for live work, the drill's clock (never going back) for a drill.</summary>
    private DateTimeOffset? TimeOf(CommandContext context, string scope)
    {
        if (!Scopes.IsDrill(scope))
        {
            return context.At is null ? clock.Now : null;
        }

        if (context.At is not { } at)
        {
            return null;
        }

        if (record.State.DrillNow is null || at > record.State.DrillNow)
        {
            record.State.DrillNow = at;
        }

        return record.State.DrillNow;
    }

    private static string Fingerprint<TCommand>(TCommand command) =>
        Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(command, DomainJson.Options)));

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not arm the deadline reminder of incident {IncidentId}")]
    private partial void LogReminderFailed(Exception exception, string incidentId);
}
