using Emergency.Contracts;
using Emergency.Domain;
using Emergency.Domain.Cases;
using Emergency.Domain.Incidents;
using Emergency.Domain.Regions;
using Emergency.Domain.Rivers;
using Emergency.Domain.Rules;
using Emergency.Grains.Cases;
using Microsoft.Extensions.Logging;

namespace Emergency.Grains.Incidents;

/// <summary>One incident: the five first-moment obligations on the case machinery shared by every kind of case.</summary>
public sealed class IncidentGrain(
    [PersistentState(CaseKinds.Incident, StorageNames.Provider)] IPersistentState<CaseRecord<IncidentState>> record,
    RuleSetCatalog catalog,
    RiverCatalog rivers,
    RegionCatalog regions,
    EngineClock clock,
    AnswerRetention answers,
    ILogger<IncidentGrain> logger)
    : CaseGrain<Incident, IncidentState, IncidentCommand, IncidentView, IncidentSummary>(record, clock, answers, logger), IIncidentGrain
{
    protected override string Noun => "incident";

    protected override ICaseGrain<IncidentSummary> Self => GrainFactory.GetGrain<IIncidentGrain>(this.GetPrimaryKeyString());

    protected override ICaseDirectoryGrain<IncidentSummary> Directory(string scope) => KeyedReferences<IIncidentDirectoryGrain>.Get(GrainFactory, scope);

    public Task<IncidentView?> GetView() => Task.FromResult(Case?.View(CurrentTime));

    public Task<string?> GetRegion() => Task.FromResult(Case?.State.Region);

    /// <summary>
    /// Registers the incident. A what-if rule set (<see cref="ReportIncident.JudgedUnder"/>) is a drill's question only:
    /// live work is always judged by the rules in force at discovery.
    /// </summary>
    protected override (Incident? Case, Decision Decision) Create(IncidentCommand command, string scope, CommandContext context, DateTimeOffset now)
    {
        if (command is ReportIncident { JudgedUnder: not null } && !Scopes.IsDrill(scope))
        {
            return (null, Decision.Invalid([new FieldError("judgedUnder", IncidentTexts.LiveWorkJudgedInForce)]));
        }

        var (incident, decision) = Incident.Register(this.GetPrimaryKeyString(), scope, (ReportIncident)command, context.Actor, catalog, now, regions);
        return (incident?.WithRivers(rivers), decision);
    }

    /// <summary>A user bound to a jurisdiction acts only within it (docs/jurisdictions.md): judged before anything else.</summary>
    protected override Task<Decision?> Prepare(IncidentCommand command, CommandContext context) => Task.FromResult<Decision?>(
        context.Jurisdiction is not { } jurisdiction ? null
        : command is ReportIncident report ? Incident.OutsideJurisdictionToRegister(report, jurisdiction, regions)
        : Case?.OutsideJurisdiction(command, jurisdiction, regions));

    protected override bool Exists(IncidentState state) => state.Exists;

    protected override Incident Load(IncidentState state) => Incident.Load(state, catalog).WithRivers(rivers);

    protected override IncidentState StateOf(Incident incident) => incident.State;

    protected override IncidentView ViewOf(Incident incident, DateTimeOffset now, Actor? actor) => incident.View(now);

    protected override IncidentView AnswerViewOf(Incident incident, DateTimeOffset now, Actor? actor) =>
        incident.View(now, incident.AllowedMoves(now), TimelinePages.ViewSize);

    protected override IncidentView DrillViewOf(Incident incident, DateTimeOffset now, Actor? actor) => incident.View(now, []);

    protected override IncidentSummary SummaryOf(Incident incident, DateTimeOffset now) => incident.Summary(now);

    protected override (string? Region, string? Unit, string? Level, string? Phase) Describe(IncidentSummary summary) =>
        (summary.Region, null, summary.Level.ToString(), summary.Phase.ToString());

    protected override BoardUpdate BoardUpdateOf(IncidentSummary summary) => new() { Scope = summary.Scope, Incident = summary };
}
