using Emergency.Contracts;
using Emergency.Domain;
using Emergency.Domain.Decisions;
using Emergency.Domain.Enforcement;
using Emergency.Domain.Regions;
using Emergency.Grains.Cases;
using Microsoft.Extensions.Logging;

namespace Emergency.Grains.Decisions;

/// <summary>
/// One major decision on the case machinery. Its rules depend on another grain: the regional approval restrictions
/// in force come from the registry of its scope, read before every command (so a restriction blocks approval the
/// moment it is set) and pushed by the registry when one is set or lifted (so the board shows what blocks the matter).
/// </summary>
public sealed class MajorDecisionGrain : CaseGrain<MajorDecision, MajorDecisionState, MajorDecisionView, MajorDecisionSummary>, IMajorDecisionGrain
{
    private readonly IPersistentState<CaseRecord<MajorDecisionState>> _record;
    private readonly MajorDecisionRuleCatalog _catalog;
    private readonly RestrictionsKnown _restrictions;

    /// <summary>The scope a draft is being registered in, for the restrictions read before it is judged.</summary>
    private string _draftScope = Scopes.Live;

    public MajorDecisionGrain(
        [PersistentState("decision", StorageNames.Provider)] IPersistentState<CaseRecord<MajorDecisionState>> record,
        MajorDecisionRuleCatalog catalog,
        RegionCatalog regions,
        EngineClock clock,
        AnswerRetention answers,
        ILogger<MajorDecisionGrain> logger)
        : base(record, clock, answers, logger)
    {
        _record = record;
        _catalog = catalog;
        _restrictions = new RestrictionsKnown(regions);
    }

    protected override string Noun => "major decision";

    private async Task<List<string>> UnknownOpinionIds(AttachPublicOpinion command)
    {
        // A null id is the domain's to refuse ("ids[0] is required"); looking it up would fail on it.
        var ids = (command.Ids ?? []).OfType<string>().Distinct(StringComparer.Ordinal).Take(MajorDecision.MaxListItems).ToList();
        var prefix = command.Kind == PublicOpinionKind.EarlyWarning ? "wrn-" : "pet-";
        var known = await Task.WhenAll(ids.Select(async id =>
            id.StartsWith(prefix, StringComparison.Ordinal) && id.Length <= 64 && (command.Kind == PublicOpinionKind.EarlyWarning
                ? await GrainFactory.GetGrain<IWarningGrain>(id).Get() is not null
                : await GrainFactory.GetGrain<IDisputeGrain>(id).GetPublicView() is not null)));
        return [.. ids.Where((_, i) => !known[i])];
    }

    protected override ICaseGrain<MajorDecisionSummary> Self => GrainFactory.GetGrain<IMajorDecisionGrain>(this.GetPrimaryKeyString());

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Before the base class loads the matter and ticks it: a tick without the restrictions would note them lifted.
        if (_record.State.Case.Exists)
        {
            _restrictions.Replace(await Registry(_record.State.Case.Scope).RestrictionsInForce());
        }

        await base.OnActivateAsync(cancellationToken);
    }

    public Task<CommandResult<MajorDecisionView>> Draft(DraftMajorDecision command, string scope, CommandContext context)
    {
        _draftScope = scope;
        return Register(command, scope, context, now => MajorDecision.Draft(this.GetPrimaryKeyString(), scope, command, context.Actor, _catalog, _restrictions, now));
    }

    public Task<CommandResult<MajorDecisionView>> Submit(SubmitMajorDecision command, CommandContext context) =>
        Execute(context, command, (matter, now) => matter.Submit(command, context.Actor, now));

    public Task<CommandResult<MajorDecisionView>> PlanAssessment(PlanAssessment command, CommandContext context) =>
        Execute(context, command, (matter, now) => matter.PlanAssessment(command, context.Actor, now));

    public Task<CommandResult<MajorDecisionView>> OpenPublicComment(OpenPublicComment command, CommandContext context) =>
        Execute(context, command, (matter, now) => matter.OpenPublicComment(command, context.Actor, now));

    public Task<CommandResult<MajorDecisionView>> ClosePublicComment(ClosePublicComment command, CommandContext context) =>
        Execute(context, command, (matter, now) => matter.ClosePublicComment(command, context.Actor, now));

    public Task<CommandResult<MajorDecisionView>> RecordViews(RecordViews command, CommandContext context) =>
        Execute(context, command, (matter, now) => matter.RecordViews(command, context.Actor, now));

    /// <summary>
    /// Attaches complaints or an early warning that the petitions side knows: an id that names no complaint (or no
    /// warning) is refused with the ids it could not find, and nothing is attached.
    /// </summary>
    public async Task<CommandResult<MajorDecisionView>> AttachPublicOpinion(AttachPublicOpinion command, CommandContext context)
    {
        var unknown = await UnknownOpinionIds(command);
        return await Execute(context, command, (matter, now) => unknown.Count == 0
            ? matter.AttachPublicOpinion(command, context.Actor, now)
            : Decision.Invalid([new FieldError("ids", $"no {(command.Kind == PublicOpinionKind.EarlyWarning ? "early warning" : "complaint")} has the id {string.Join(", ", unknown)}")]));
    }

    public Task<CommandResult<MajorDecisionView>> FinishHearingViews(FinishHearingViews command, CommandContext context) =>
        Execute(context, command, (matter, now) => matter.FinishHearingViews(command, context.Actor, now));

    public Task<CommandResult<MajorDecisionView>> RecordFinding(RecordFinding command, CommandContext context) =>
        Execute(context, command, (matter, now) => matter.RecordFinding(command, context.Actor, now));

    public Task<CommandResult<MajorDecisionView>> RateRisk(RateRisk command, CommandContext context) =>
        Execute(context, command, (matter, now) => matter.RateRisk(command, context.Actor, now));

    public Task<CommandResult<MajorDecisionView>> RecordMitigation(RecordMitigation command, CommandContext context) =>
        Execute(context, command, (matter, now) => matter.RecordMitigation(command, context.Actor, now));

    public Task<CommandResult<MajorDecisionView>> WriteReport(WriteReport command, CommandContext context) =>
        Execute(context, command, (matter, now) => matter.WriteReport(command, context.Actor, now));

    public Task<CommandResult<MajorDecisionView>> RecordReview(RecordReview command, CommandContext context) =>
        Execute(context, command, (matter, now) => matter.RecordReview(command, context.Actor, now));

    public Task<CommandResult<MajorDecisionView>> TakeCollectiveDecision(TakeCollectiveDecision command, CommandContext context) =>
        Execute(context, command, (matter, now) => matter.TakeCollectiveDecision(command, context.Actor, now));

    public Task<CommandResult<MajorDecisionView>> ChangeProposal(ChangeProposal command, CommandContext context) =>
        Execute(context, command, (matter, now) => matter.ChangeProposal(command, context.Actor, now));

    public Task<MajorDecisionView?> GetView() => Task.FromResult(Case?.View(CurrentTime));

    public async Task RestrictionsChanged(IReadOnlyList<RegionalRestriction> inForce)
    {
        if (Case is null)
        {
            DeactivateOnIdle();
            return;
        }

        _restrictions.Replace(inForce);
        await CatchUp();
    }

    /// <summary>Reads the restrictions in force from the registry: the registry, not a push, is what a command is judged by.</summary>
    protected override async Task BeforeCommand()
    {
        var changed = _restrictions.Replace(await Registry(Case?.State.Scope ?? _draftScope).RestrictionsInForce());
        if (changed && Case is not null)
        {
            // A push was missed: the timeline and the boards catch up before the command is judged.
            await CatchUp();
        }
    }

    protected override bool Exists(MajorDecisionState state) => state.Exists;

    protected override MajorDecision Load(MajorDecisionState state) => MajorDecision.Load(state, _catalog, _restrictions);

    protected override MajorDecisionState StateOf(MajorDecision matter) => matter.State;

    protected override MajorDecisionView ViewOf(MajorDecision matter, DateTimeOffset now, Actor? actor) => matter.View(now);

    protected override MajorDecisionSummary SummaryOf(MajorDecision matter, DateTimeOffset now) => matter.Summary(now);

    protected override ICaseDirectoryGrain<MajorDecisionSummary> Shard(string key) => GrainFactory.GetGrain<IMajorDecisionDirectoryGrain>(key);

    protected override BoardUpdate BoardUpdateOf(MajorDecisionSummary summary) => new() { Scope = summary.Scope, Decision = summary };

    private IEnforcementRegistryGrain Registry(string scope) => GrainFactory.GetGrain<IEnforcementRegistryGrain>(EnforcementRegistries.KeyOf(scope));
}
