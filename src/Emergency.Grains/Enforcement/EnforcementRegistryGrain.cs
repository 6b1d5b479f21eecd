using Emergency.Contracts;
using Emergency.Domain;
using Emergency.Domain.Enforcement;
using Emergency.Domain.Regions;
using Emergency.Grains.Cases;
using Microsoft.Extensions.Logging;

namespace Emergency.Grains.Enforcement;

/// <summary>
/// The enforcement registry of one scope (挂牌督办, 黑名单, 区域限批) on the case machinery: its first entry opens it, each
/// rectification deadline is a deadline like any case's. A regional approval restriction set or lifted is told to
/// every open major decision in its region and in the regions within it (a city's counties) before the command is
/// answered, so that the boards show them blocked or freed at once; the decisions also read the registry before each
/// of their commands.
/// </summary>
public sealed partial class EnforcementRegistryGrain(
    [PersistentState(CaseKinds.Enforcement, StorageNames.Provider)] IPersistentState<CaseRecord<EnforcementRegistryState>> record,
    RegionCatalog regions,
    EngineClock clock,
    AnswerRetention answers,
    ILogger<EnforcementRegistryGrain> logger)
    : CaseGrain<EnforcementRegistry, EnforcementRegistryState, EnforcementRegistryView, EnforcementSummary>(record, clock, answers, logger), IEnforcementRegistryGrain
{
    protected override string Noun => "enforcement registry";

    /// <summary>The registry is one case per scope that every enforcement command goes to: it stays in memory.</summary>
    protected override bool LeavesMemoryOnceRegistered => false;

    protected override ICaseGrain<EnforcementSummary> Self => GrainFactory.GetGrain<IEnforcementRegistryGrain>(Key);

    protected override ICaseDirectoryGrain<EnforcementSummary> Directory(string scope) => KeyedReferences<IEnforcementDirectoryGrain>.Get(GrainFactory, scope);

    private string Key => this.GetPrimaryKeyString();

    private string Scope => EnforcementRegistries.ScopeOf(Key);

    public Task<CommandResult<EnforcementRegistryView>> ListSupervision(string id, ListSupervision command, CommandContext context) =>
        Apply(new Entry<ListSupervision>(id, command), context, (registry, now) => registry.ListSupervision(id, command, context.Actor, now));

    public Task<CommandResult<EnforcementRegistryView>> LiftSupervision(string id, LiftSupervision command, CommandContext context) =>
        Apply(new Entry<LiftSupervision>(id, command), context, (registry, now) => registry.LiftSupervision(id, command, context.Actor, now));

    public Task<CommandResult<EnforcementRegistryView>> AddToBlacklist(string id, AddToBlacklist command, CommandContext context) =>
        Apply(new Entry<AddToBlacklist>(id, command), context, (registry, now) => registry.AddToBlacklist(id, command, context.Actor, now));

    public Task<CommandResult<EnforcementRegistryView>> RemoveFromBlacklist(string id, RemoveFromBlacklist command, CommandContext context) =>
        Apply(new Entry<RemoveFromBlacklist>(id, command), context, (registry, now) => registry.RemoveFromBlacklist(id, command, context.Actor, now));

    public async Task<CommandResult<EnforcementRegistryView>> SetRestriction(string id, SetRegionalRestriction command, CommandContext context)
    {
        var result = await Apply(new Entry<SetRegionalRestriction>(id, command), context, (registry, now) => registry.SetRestriction(id, command, context.Actor, now));
        if (result.Status == CommandStatus.Accepted)
        {
            await TellMatters(command.Region);
        }

        return result;
    }

    public async Task<CommandResult<EnforcementRegistryView>> LiftRestriction(string id, LiftRegionalRestriction command, CommandContext context)
    {
        var result = await Apply(new Entry<LiftRegionalRestriction>(id, command), context, (registry, now) => registry.LiftRestriction(id, command, context.Actor, now));
        if (result.Status == CommandStatus.Accepted && Case!.State.Restrictions.FirstOrDefault(r => r.Id == id) is { } lifted)
        {
            await TellMatters(lifted.Region);
        }

        return result;
    }

    public Task<EnforcementRegistryView> GetView() => Task.FromResult((Case ?? EnforcementRegistry.Open(Key, Scope, regions, CurrentTime)).View(CurrentTime));

    public Task<IReadOnlyList<RegionalRestriction>> RestrictionsInForce() => Task.FromResult(Case?.InForce(CurrentTime) ?? []);

    protected override bool Exists(EnforcementRegistryState state) => state.Exists;

    protected override EnforcementRegistry Load(EnforcementRegistryState state) => new(state, regions);

    protected override EnforcementRegistryState StateOf(EnforcementRegistry registry) => registry.State;

    protected override EnforcementRegistryView ViewOf(EnforcementRegistry registry, DateTimeOffset now, Actor? actor) => registry.View(now);

    protected override EnforcementSummary SummaryOf(EnforcementRegistry registry, DateTimeOffset now) => registry.Summary(now);

    protected override BoardUpdate BoardUpdateOf(EnforcementSummary summary) => new() { Scope = summary.Scope, Enforcement = summary };

    /// <summary>The registry's first entry opens it; later ones go to the open registry.</summary>
    private Task<CommandResult<EnforcementRegistryView>> Apply<TCommand>(TCommand command, CommandContext context, Func<EnforcementRegistry, DateTimeOffset, Decision> act) =>
        Case is null
            ? Register(command, Scope, context, now =>
            {
                var registry = EnforcementRegistry.Open(Key, Scope, regions, now);
                var decision = act(registry, now);
                return decision.IsAccepted ? (registry, decision) : (null, decision);
            })
            : Execute(context, command, act);

    /// <summary>
    /// Tells every open matter in <paramref name="region"/> or a region within it the restrictions now in force, and
    /// waits for them to take it. Each matter gets all of them, as it does when it reads the registry itself, and keeps
    /// those reaching its own region.
    /// </summary>
    private async Task TellMatters(string region)
    {
        var open = await GrainFactory.GetGrain<IMajorDecisionDirectoryGrain>(Scope).List();
        var inForce = Case!.InForce(CurrentTime);
        var told = open.Where(s => regions.Covers(region, s.Region)).Select(async matter =>
        {
            try
            {
                await GrainFactory.GetGrain<IMajorDecisionGrain>(matter.Id).RestrictionsChanged(inForce);
            }
            catch (Exception ex)
            {
                // The restriction is durable; the matter reads the registry before its next command anyway.
                LogTellFailed(logger, ex, matter.Id, region);
            }
        });
        await Task.WhenAll(told);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell major decision {DecisionId} of the restrictions on {Region}")]
    private static partial void LogTellFailed(ILogger logger, Exception exception, string decisionId, string region);

    /// <summary>What a command id's fingerprint covers: the entry's id with the command.</summary>
    private sealed record Entry<TCommand>(string Id, TCommand Command);
}
