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
    [PersistentState("dispute", StorageNames.Provider)] IPersistentState<CaseRecord<DisputeState>> record,
    PetitionRuleCatalog catalog,
    EngineClock clock,
    AnswerRetention answers,
    ILogger<DisputeGrain> logger)
    : CaseGrain<Dispute, DisputeState, DisputeView, DisputeSummary>(record, clock, answers, logger), IDisputeGrain
{
    protected override string Noun => "petition";

    protected override ICaseGrain<DisputeSummary> Self => GrainFactory.GetGrain<IDisputeGrain>(this.GetPrimaryKeyString());

    public async Task<CommandResult<DisputeView>> Register(RegisterDispute command, string scope, CommandContext context)
    {
        var result = await Register(command, scope, context, now => Dispute.Register(this.GetPrimaryKeyString(), scope, command, context.Actor, catalog, now));
        if (result.Status is not (CommandStatus.Accepted or CommandStatus.Replayed) || Case is null)
        {
            return result;
        }

        var earlier = await ComplaintObserver.ObserveAsync(GrainFactory, Case.State, Case.Rules);
        var unlinked = earlier.Where(id => !Case.State.EarlierCases.Contains(id)).ToList();
        if (unlinked.Count == 0)
        {
            return result;
        }

        LogRepeat(logger, Case.State.Id, unlinked.Count);
        DisputeView? answer = null;
        var linked = await Execute(CommandContext(context, "link-earlier"), new LinkEarlierCases { CaseIds = unlinked }, (dispute, now) =>
        {
            var decision = dispute.LinkEarlierCases(new LinkEarlierCases { CaseIds = unlinked }, Actor.System, now);
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

    public Task<CommandResult<DisputeView>> RecordTransfer(RecordTransfer command, CommandContext context) =>
        Execute(context, command, (dispute, now) => dispute.RecordTransfer(command, context.Actor, now));

    public Task<CommandResult<DisputeView>> DecideAcceptance(DecideAcceptance command, CommandContext context) =>
        Execute(context, command, (dispute, now) => dispute.DecideAcceptance(command, context.Actor, now));

    public Task<CommandResult<DisputeView>> ReturnWrongAssignment(ReturnWrongAssignment command, CommandContext context) =>
        Execute(context, command, (dispute, now) => dispute.ReturnWrongAssignment(command, context.Actor, now));

    public Task<CommandResult<DisputeView>> Assign(Assign command, CommandContext context) =>
        Execute(context, command, (dispute, now) => dispute.Assign(command, context.Actor, now));

    public Task<CommandResult<DisputeView>> ExtendReply(ExtendReply command, CommandContext context) =>
        Execute(context, command, (dispute, now) => dispute.ExtendReply(command, context.Actor, now));

    public Task<CommandResult<DisputeView>> Handle(Handle command, CommandContext context) =>
        Execute(context, command, (dispute, now) => dispute.Handle(command, context.Actor, now));

    public Task<CommandResult<DisputeView>> Reply(GiveAnswer command, CommandContext context) =>
        Execute(context, command, (dispute, now) => dispute.Reply(command, context.Actor, now));

    public Task<CommandResult<DisputeView>> RecordSatisfaction(RecordSatisfaction command, CommandContext context) =>
        Execute(context, command, (dispute, now) => dispute.RecordSatisfaction(command, context.Actor, now));

    public Task<CommandResult<DisputeView>> RequestReview(RequestReview command, CommandContext context) =>
        Execute(context, command, (dispute, now) => dispute.RequestReview(command, context.Actor, now));

    public Task<CommandResult<DisputeView>> AnswerReview(GiveAnswer command, CommandContext context) =>
        Execute(context, command, (dispute, now) => dispute.AnswerReview(command, context.Actor, now));

    public Task<CommandResult<DisputeView>> RequestSecondReview(RequestReview command, CommandContext context) =>
        Execute(context, command, (dispute, now) => dispute.RequestSecondReview(command, context.Actor, now));

    public Task<CommandResult<DisputeView>> AnswerSecondReview(GiveAnswer command, CommandContext context) =>
        Execute(context, command, (dispute, now) => dispute.AnswerSecondReview(command, context.Actor, now));

    public Task<CommandResult<DisputeView>> LinkEarlierCases(LinkEarlierCases command, CommandContext context) =>
        Execute(context, command, (dispute, now) => dispute.LinkEarlierCases(command, context.Actor, now));

    public Task<CommandResult<DisputeView>> NoteEscalation(NoteEscalation command, CommandContext context) =>
        Execute(context, command, (dispute, now) => dispute.NoteEscalation(command, context.Actor, now));

    public Task<CommandResult<DisputeView>> Close(CloseCase command, CommandContext context) =>
        Execute(context, command, (dispute, now) => dispute.Close(command, context.Actor, now));

    public Task<DisputeView?> GetView(Actor actor) => Task.FromResult(Case?.ViewFor(actor, CurrentTime));

    public Task<DisputePublicView?> GetPublicView() => Task.FromResult(Case?.PublicView(CurrentTime));

    protected override bool Exists(DisputeState state) => state.Exists;

    protected override Task OnPurging(Dispute dispute) => ComplaintObserver.PurgeAsync(GrainFactory, dispute.State);

    protected override Dispute Load(DisputeState state) => Dispute.Load(state, catalog);

    protected override DisputeState StateOf(Dispute dispute) => dispute.State;

    /// <summary>The engine itself (null) sees everything; a person sees personal data only in a role that needs it.</summary>
    protected override DisputeView ViewOf(Dispute dispute, DateTimeOffset now, Actor? actor) =>
        actor is null ? dispute.View(now, includePersonalData: true) : dispute.ViewFor(actor, now);

    protected override DisputeSummary SummaryOf(Dispute dispute, DateTimeOffset now) => dispute.Summary(now);

    protected override ICaseDirectoryGrain<DisputeSummary> Shard(string key) => GrainFactory.GetGrain<IDisputeDirectoryGrain>(key);

    protected override BoardUpdate BoardUpdateOf(DisputeSummary summary) => new() { Scope = summary.Scope, Dispute = summary };

    /// <summary>The link found by the early warning is a command of the engine's own, remembered under the registration's id.</summary>
    private static CommandContext CommandContext(CommandContext registration, string suffix) =>
        registration with { Actor = Actor.System, CommandId = registration.CommandId is { } id ? $"{id}/{suffix}" : null };

    [LoggerMessage(Level = LogLevel.Information, Message = "Petition {CaseId}: the same person has {Count} earlier case(s) within the look-back; linked")]
    private static partial void LogRepeat(ILogger logger, string caseId, int count);
}
