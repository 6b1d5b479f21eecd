using Emergency.Contracts;
using Emergency.Domain;
using Emergency.Domain.Disclosure;
using Emergency.Domain.Disputes;
using Emergency.Grains.Cases;
using Microsoft.Extensions.Logging;

namespace Emergency.Grains.Disclosure;

/// <summary>
/// One request for government information (依申请公开) on the case machinery shared by every kind of case. The
/// applicant's personal data is encrypted at rest like a complainant's, and logs name the request id only.
/// </summary>
public sealed class DisclosureGrain(
    [PersistentState(CaseKinds.Disclosure, StorageNames.Provider)] IPersistentState<CaseRecord<DisclosureState>> record,
    DisclosureRuleCatalog catalog,
    EngineClock clock,
    AnswerRetention answers,
    ILogger<DisclosureGrain> logger)
    : CaseGrain<DisclosureRequest, DisclosureState, DisclosureCommand, DisclosureView, DisclosureSummary>(record, clock, answers, logger), IDisclosureGrain
{
    protected override string Noun => "disclosure request";

    protected override ICaseGrain<DisclosureSummary> Self => GrainFactory.GetGrain<IDisclosureGrain>(this.GetPrimaryKeyString());

    protected override ICaseDirectoryGrain<DisclosureSummary> Directory(string scope) => KeyedReferences<IDisclosureDirectoryGrain>.Get(GrainFactory, scope);

    public Task<DisclosureView?> GetView(Actor actor) => Task.FromResult(Case is null ? null : ViewOf(Case, CurrentTime, actor));

    protected override (DisclosureRequest? Case, Decision Decision) Create(DisclosureCommand command, string scope, CommandContext context, DateTimeOffset now) =>
        DisclosureRequest.Register(this.GetPrimaryKeyString(), scope, (RegisterDisclosure)command, context.Actor, catalog, now);

    protected override bool Exists(DisclosureState state) => state.Exists;

    protected override DisclosureRequest Load(DisclosureState state) => DisclosureRequest.Load(state, catalog);

    protected override DisclosureState StateOf(DisclosureRequest request) => request.State;

    /// <summary>The engine itself (null) sees everything; a person sees the applicant only in a role that may see complainants.</summary>
    protected override DisclosureView ViewOf(DisclosureRequest request, DateTimeOffset now, Actor? actor) =>
        request.View(now, actor is null || DisputeViews.MaySeePersonalData(actor.Role));

    protected override DisclosureSummary SummaryOf(DisclosureRequest request, DateTimeOffset now) => request.Summary(now);

    protected override (string? Region, string? Unit, string? Level, string? Phase) Describe(DisclosureSummary summary) =>
        (null, summary.Unit, null, summary.Phase.ToString());

    /// <summary>Disclosure requests have no board lane: they show in the supervision figures.</summary>
    protected override BoardUpdate BoardUpdateOf(DisclosureSummary summary) => new() { Scope = summary.Scope };
}
