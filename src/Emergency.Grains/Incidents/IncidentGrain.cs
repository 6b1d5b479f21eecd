using Emergency.Contracts;
using Emergency.Domain;
using Emergency.Domain.Incidents;
using Emergency.Domain.Rules;
using Emergency.Grains.Cases;
using Microsoft.Extensions.Logging;

namespace Emergency.Grains.Incidents;

/// <summary>One incident: the five first-moment obligations on the case machinery shared by every kind of case.</summary>
public sealed class IncidentGrain(
    [PersistentState("incident", StorageNames.Provider)] IPersistentState<CaseRecord<IncidentState>> record,
    RuleSetCatalog catalog,
    EngineClock clock,
    AnswerRetention answers,
    ILogger<IncidentGrain> logger)
    : CaseGrain<Incident, IncidentState, IncidentView, IncidentSummary>(record, clock, answers, logger), IIncidentGrain
{
    protected override string Noun => "incident";

    protected override ICaseGrain<IncidentSummary> Self => GrainFactory.GetGrain<IIncidentGrain>(this.GetPrimaryKeyString());

    public Task<CommandResult<IncidentView>> Register(ReportIncident command, string scope, CommandContext context, string? judgedUnder = null) =>
        Register(command, scope, context, now => Incident.Register(this.GetPrimaryKeyString(), scope, command, context.Actor, catalog, now, Scopes.IsDrill(scope) ? judgedUnder : null));

    public Task<CommandResult<IncidentView>> UpdateFacts(UpdateFacts command, CommandContext context) =>
        Execute(context, command, (incident, now) => incident.UpdateFacts(command, context.Actor, now));

    public Task<CommandResult<IncidentView>> CompleteObligation(CompleteObligation command, CommandContext context) =>
        Execute(context, command, (incident, now) => incident.CompleteObligation(command, context.Actor, now));

    public Task<CommandResult<IncidentView>> FileReport(FileReport command, CommandContext context) =>
        Execute(context, command, (incident, now) => incident.FileReport(command, context.Actor, now));

    public Task<CommandResult<IncidentView>> RecordCorrection(RecordCorrection command, CommandContext context) =>
        Execute(context, command, (incident, now) => incident.RecordCorrection(command, context.Actor, now));

    public Task<CommandResult<IncidentView>> Close(CloseIncident command, CommandContext context) =>
        Execute(context, command, (incident, now) => incident.Close(command, context.Actor, now));

    public Task<IncidentView?> GetView() => Task.FromResult(Case?.View(CurrentTime));

    protected override bool Exists(IncidentState state) => state.Exists;

    protected override Incident Load(IncidentState state) => Incident.Load(state, catalog);

    protected override IncidentState StateOf(Incident incident) => incident.State;

    protected override IncidentView ViewOf(Incident incident, DateTimeOffset now, Actor? actor) => incident.View(now);

    protected override IncidentSummary SummaryOf(Incident incident, DateTimeOffset now) => incident.Summary(now);

    protected override ICaseDirectoryGrain<IncidentSummary> Shard(string key) => GrainFactory.GetGrain<IIncidentDirectoryGrain>(key);

    protected override BoardUpdate BoardUpdateOf(IncidentSummary summary) => new() { Scope = summary.Scope, Incident = summary };
}
