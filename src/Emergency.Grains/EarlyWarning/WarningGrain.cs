using System.Security.Cryptography;
using System.Text;
using Emergency.Contracts;
using Emergency.Domain;
using Emergency.Domain.Disputes;
using Emergency.Domain.Disputes.EarlyWarning;
using Emergency.Domain.Incidents;
using Microsoft.Extensions.Logging;

namespace Emergency.Grains.EarlyWarning;

/// <summary>Stored part of a warning grain.</summary>
public sealed class WarningGrainState
{
    public EarlyWarningRecord? Warning { get; set; }

    /// <summary>The client's command id of the escalation, so that a retry gets the first answer.</summary>
    public string? EscalationCommandId { get; set; }
}

/// <summary>
/// One early warning: stored once when raised, listed, pushed to the boards, and escalated at most once into an
/// incident that names the complaints; each complaint's timeline then says so.
/// </summary>
public sealed partial class WarningGrain(
    [PersistentState("warning", StorageNames.Provider)] IPersistentState<WarningGrainState> state,
    EngineClock clock,
    ILogger<WarningGrain> logger) : Grain, IWarningGrain
{
    /// <summary>
    /// Stores the warning and adds it to its scope's list at once (two writes that may share a group commit), and
    /// answers once both are durable. A list whose id names no stored warning skips it when it loads, so a failure
    /// of either leaves nothing wrong behind; the complaint's retry raises the warning again.
    /// </summary>
    public async Task Raise(EarlyWarningRecord warning)
    {
        var stored = Task.CompletedTask;
        if (state.State.Warning is null)
        {
            state.State.Warning = warning;
            stored = WriteAsync();
        }

        await Task.WhenAll(stored, GrainFactory.GetGrain<IWarningDirectoryGrain>(warning.Scope).Add(state.State.Warning));
        Announce(state.State.Warning);
    }

    public Task<EarlyWarningRecord?> Get() => Task.FromResult(state.State.Warning);

    public async Task Purge()
    {
        if (state.State.Warning is { } warning && !Scopes.IsDrill(warning.Scope))
        {
            throw new InvalidOperationException("only the warnings of a drill scope can be purged");
        }

        await state.ClearStateAsync();
        DeactivateOnIdle();
    }

    public async Task<CommandResult<EarlyWarningRecord>> Escalate(EscalateWarning command, CommandContext context)
    {
        if (state.State.Warning is not { } warning)
        {
            DeactivateOnIdle();
            return CommandResult<EarlyWarningRecord>.NotFound;
        }

        if (context.CommandId is { } id && id == state.State.EscalationCommandId)
        {
            return new CommandResult<EarlyWarningRecord> { Status = CommandStatus.Replayed, Decision = Decision.Accepted, View = Detached(warning) };
        }

        if (warning.Escalation is { } done)
        {
            return Refused(CommandStatus.NotAllowed, Decision.NotAllowed(WarningTexts.AlreadyEscalated.With(("warning", warning.Id), ("incident", done.IncidentId), ("at", done.At)), []), warning);
        }

        var check = new Validator().Optional("title", command.Title, Validator.ShortText).Optional("region", command.Region, Validator.ShortText).Optional("note", command.Note);
        if (check.Errors.Count > 0)
        {
            return Refused(CommandStatus.Invalid, Decision.Invalid(check.Errors), warning);
        }

        var now = context.At ?? clock.Now;
        var incidentId = "inc-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"escalated\n{warning.Id}")))[..20];
        var cases = string.Join(", ", warning.Evidence.Select(e => e.CaseId));
        var report = new ReportIncident
        {
            Title = command.Title?.Trim() ?? $"Early warning: {warning.Evidence.Count} complaints about {warning.Subject}",
            Region = command.Region?.Trim() ?? warning.Region,
            DiscoveredAt = command.DiscoveredAt ?? now,
            SourceChannel = SourceChannel.Public,
            Description = $"Escalated from early warning {warning.Id} raised {Durations.Describe(warning.RaisedAt)}; complaints: {cases}{(command.Note is { Length: > 0 } n ? $". {n}" : "")}",
            Facts = command.Facts ?? new IncidentFacts(),
        };

        // One incident per warning, under an id and command id of its own: a retry after a failure finds the same one.
        // Never deferred, even for a fast drill: this warning is stored naming the incident, which must be stored too.
        var registered = await GrainFactory.GetGrain<IIncidentGrain>(incidentId)
            .Execute(report, context with { CommandId = $"escalate/{warning.Id}", Scope = warning.Scope, Deferred = false });
        if (registered.Status is CommandStatus.Invalid or CommandStatus.NotFound)
        {
            return Refused(CommandStatus.Invalid, registered.Decision ?? Decision.Invalid([]), warning);
        }

        var escalated = warning with
        {
            Escalation = new WarningEscalation { IncidentId = incidentId, At = now, By = context.Actor.ToString() },
            Version = warning.Version + 1,
        };
        state.State.Warning = escalated;
        state.State.EscalationCommandId = context.CommandId;
        await WriteAsync();

        LogEscalated(logger, warning.Id, incidentId);
        Announce(escalated);
        GrainFactory.GetGrain<IWarningDirectoryGrain>(warning.Scope).Publish(escalated).Ignore();
        var note = new NoteEscalation { WarningId = warning.Id, IncidentId = incidentId };
        await Task.WhenAll(warning.Evidence.Select(e =>
            GrainFactory.GetGrain<IDisputeGrain>(e.CaseId).Execute(note, context with { CommandId = $"escalate/{warning.Id}" })));
        return new CommandResult<EarlyWarningRecord> { Status = CommandStatus.Accepted, Decision = Decision.Accepted, View = Detached(escalated) };
    }

    private Task WriteAsync() => StateWrite.OrDeactivate(state, DeactivateOnIdle);

    /// <summary>
    /// The warning as handed out by reference (answers and board updates are [Immutable]). The stored record is never
    /// changed, only replaced, but its evidence is a List once read from storage: the copy gets its own.
    /// </summary>
    private static EarlyWarningRecord Detached(EarlyWarningRecord warning) => warning with { Evidence = [.. warning.Evidence] };

    private void Announce(EarlyWarningRecord warning) =>
        KeyedReferences<IBoardFeedGrain>.Get(GrainFactory, warning.Scope).Publish(new BoardUpdate { Scope = warning.Scope, Warning = Detached(warning) }).Ignore();

    private static CommandResult<EarlyWarningRecord> Refused(CommandStatus status, Decision decision, EarlyWarningRecord warning) =>
        new() { Status = status, Decision = decision, View = Detached(warning) };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Early warning {WarningId} escalated into incident {IncidentId}")]
    private static partial void LogEscalated(ILogger logger, string warningId, string incidentId);
}
