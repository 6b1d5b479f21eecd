using Emergency.Contracts;
using Emergency.Domain;
using Emergency.Domain.Decisions;
using Emergency.Domain.Enforcement;
using Emergency.Domain.Messages;
using Emergency.Domain.Regions;
using Emergency.Grains.Cases;
using Microsoft.Extensions.Logging;

namespace Emergency.Grains.Decisions;

/// <summary>
/// One major decision on the case machinery. Its rules depend on another grain: the regional approval restrictions
/// in force come from the registry of its scope, read before every command (so a restriction blocks approval the
/// moment it is set) and pushed by the registry when one is set or lifted (so the board shows what blocks the matter).
/// </summary>
public sealed class MajorDecisionGrain : CaseGrain<MajorDecision, MajorDecisionState, MajorDecisionCommand, MajorDecisionView, MajorDecisionSummary>, IMajorDecisionGrain
{
    private readonly IPersistentState<CaseRecord<MajorDecisionState>> _record;
    private readonly MajorDecisionRuleCatalog _catalog;
    private readonly RestrictionsKnown _restrictions;

    /// <summary>The scope a draft is being registered in, for the restrictions read before it is judged.</summary>
    private string _draftScope = Scopes.Live;

    public MajorDecisionGrain(
        [PersistentState(CaseKinds.Decision, StorageNames.Provider)] IPersistentState<CaseRecord<MajorDecisionState>> record,
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

    protected override ICaseDirectoryGrain<MajorDecisionSummary> Directory(string scope) => KeyedReferences<IMajorDecisionDirectoryGrain>.Get(GrainFactory, scope);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Before the base class loads the matter and ticks it: a tick without the restrictions would note them lifted.
        if (_record.State.Case.Exists)
        {
            _restrictions.Replace(await Registry(_record.State.Case.Scope).RestrictionsInForce());
        }

        await base.OnActivateAsync(cancellationToken);
    }

    protected override (MajorDecision? Case, Decision Decision) Create(MajorDecisionCommand command, string scope, CommandContext context, DateTimeOffset now) =>
        MajorDecision.Draft(this.GetPrimaryKeyString(), scope, (DraftMajorDecision)command, context.Actor, _catalog, _restrictions, now);

    /// <summary>
    /// Notes the scope a draft is registered in (its restrictions are read before it is judged), and checks that the
    /// complaints or the early warning a move attaches exist: an id that names none is refused with the ids it could not
    /// find, and nothing is attached.
    /// </summary>
    protected override async Task<Decision?> Prepare(MajorDecisionCommand command, CommandContext context)
    {
        if (command is DraftMajorDecision)
        {
            _draftScope = context.Scope ?? Scopes.Live;
        }

        if (command is not AttachPublicOpinion attach || await UnknownOpinionIds(attach) is not { Count: > 0 } unknown)
        {
            return null;
        }

        var none = attach.Kind == PublicOpinionKind.EarlyWarning ? DecisionTexts.NoSuchWarning : DecisionTexts.NoSuchComplaint;
        return Decision.Invalid([new FieldError("ids", none.With(("ids", Arg.Of(unknown.Select(Arg.Of)))))]);
    }

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

    protected override (string? Region, string? Unit, string? Level, string? Phase) Describe(MajorDecisionSummary summary) =>
        (summary.Region, null, summary.RiskLevel?.ToString(), summary.Stage.ToString());

    protected override BoardUpdate BoardUpdateOf(MajorDecisionSummary summary) => new() { Scope = summary.Scope, Decision = summary };

    private IEnforcementRegistryGrain Registry(string scope) => GrainFactory.GetGrain<IEnforcementRegistryGrain>(EnforcementRegistries.KeyOf(scope));
}
