using Emergency.Contracts;
using Emergency.Domain;
using Emergency.Domain.Disputes;
using Emergency.Domain.Disputes.Rules;
using Emergency.Grains.Cases;
using Emergency.Grains.EarlyWarning;
using Microsoft.Extensions.Logging;

namespace Emergency.Grains.Disputes;

/// <summary>
/// One petition or complaint on the case machinery shared by every kind of case. Once its registration is durable, the
/// early warning counts it (also on a retry, which the watch recognises), and earlier cases of the same person found
/// there are linked. Logs name the case id only: the complainant and the content never reach a log.
/// </summary>
public sealed partial class DisputeGrain(
    [PersistentState(CaseKinds.Dispute, StorageNames.Provider)] IPersistentState<CaseRecord<DisputeState>> record,
    PetitionRuleCatalog catalog,
    EngineClock clock,
    AnswerRetention answers,
    ComplainantLinkKey linkKey,
    FormerKeyLookup formerKey,
    ILogger<DisputeGrain> logger)
    : CaseGrain<Dispute, DisputeState, DisputeCommand, DisputeView, DisputeSummary>(record, clock, answers, logger), IDisputeGrain
{
    protected override string Noun => "petition";

    protected override ICaseGrain<DisputeSummary> Self => GrainFactory.GetGrain<IDisputeGrain>(this.GetPrimaryKeyString());

    protected override ICaseDirectoryGrain<DisputeSummary> Directory(string scope) => KeyedReferences<IDisputeDirectoryGrain>.Get(GrainFactory, scope);

    /// <summary>
    /// Makes a move. Once a registration is durable, the early warning counts the case (also on a retry, which the
    /// watch recognises), and earlier cases of the same person found there are linked.
    /// </summary>
    public override async Task<CommandResult<DisputeView>> Execute(DisputeCommand command, CommandContext context)
    {
        var result = await base.Execute(command, context);
        if (command is not RegisterDispute || result.Status is not (CommandStatus.Accepted or CommandStatus.Replayed) || Case is null)
        {
            return result;
        }

        var earlier = await ComplaintObserver.ObserveAsync(GrainFactory, Case.State, Case.Rules, linkKey, formerKey);
        var unlinked = earlier.Where(id => !Case.State.EarlierCases.Contains(id)).ToList();
        if (unlinked.Count == 0)
        {
            return result;
        }

        LogRepeat(logger, Case.State.Id, unlinked.Count);
        DisputeView? answer = null;
        var link = new LinkEarlierCases { CaseIds = unlinked };
        var linked = await Execute(CommandContext(context, "link-earlier"), link, (dispute, now) =>
        {
            var decision = dispute.Handle(link, Actor.System, now);
            if (decision.IsAccepted)
            {
                // The link was the engine's own command; the answer is the case as the caller may see it, and a retry
                // of the registration gets that same answer (kept with the link's write).
                answer = ViewOf(dispute, now, context.Actor);
                KeepAnswer(context, answer);
            }

            return decision;
        });
        return linked.Status == CommandStatus.Accepted && answer is not null ? result with { View = answer } : result;
    }

    public Task<DisputeView?> GetView(Actor actor) => Task.FromResult(Case?.ViewFor(actor, CurrentTime));

    public Task<DisputePublicView?> GetPublicView() => Task.FromResult(Case?.PublicView(CurrentTime));

    protected override (Dispute? Case, Decision Decision) Create(DisputeCommand command, string scope, CommandContext context, DateTimeOffset now) =>
        Dispute.Register(this.GetPrimaryKeyString(), scope, (RegisterDispute)command, context.Actor, catalog, now);

    protected override bool Exists(DisputeState state) => state.Exists;

    protected override Task OnPurging(Dispute dispute) => ComplaintObserver.PurgeAsync(GrainFactory, dispute.State, linkKey);

    protected override Task OnPurgingPersonalData(Dispute dispute) => ComplaintObserver.ForgetPersonAsync(GrainFactory, dispute.State, linkKey);

    protected override Dispute Load(DisputeState state) => Dispute.Load(state, catalog);

    protected override DisputeState StateOf(Dispute dispute) => dispute.State;

    /// <summary>The engine itself (null) sees everything; a person sees personal data only in a role that needs it.</summary>
    protected override DisputeView ViewOf(Dispute dispute, DateTimeOffset now, Actor? actor) =>
        actor is null ? dispute.View(now, includePersonalData: true) : dispute.ViewFor(actor, now);

    protected override DisputeSummary SummaryOf(Dispute dispute, DateTimeOffset now) => dispute.Summary(now);

    protected override (string? Region, string? Unit, string? Level, string? Phase) Describe(DisputeSummary summary) =>
        (summary.Subject.Region, summary.AssignedUnit ?? summary.Unit, null, summary.Phase.ToString());

    protected override BoardUpdate BoardUpdateOf(DisputeSummary summary) => new() { Scope = summary.Scope, Dispute = summary };

    /// <summary>The link found by the early warning is a command of the engine's own, remembered under the registration's id.</summary>
    private static CommandContext CommandContext(CommandContext registration, string suffix) =>
        registration with { Actor = Actor.System, CommandId = registration.CommandId is { } id ? $"{id}/{suffix}" : null };

    [LoggerMessage(Level = LogLevel.Information, Message = "Petition {CaseId}: the same person has {Count} earlier case(s) within the look-back; linked")]
    private static partial void LogRepeat(ILogger logger, string caseId, int count);
}
