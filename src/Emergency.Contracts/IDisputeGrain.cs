using Emergency.Domain.Disputes;

namespace Emergency.Contracts;

/// <summary>
/// One petition or complaint (信访事项, 12369 举报件), keyed by its id ("pet-…"). Every command is judged by the domain
/// and persisted before it is answered; the view an actor gets carries personal data only for the roles that need it.
/// </summary>
public interface IDisputeGrain : ICaseGrain<DisputeSummary>
{
    /// <summary>Registers the case under this grain's id and lets the early warning count it once it is durable.</summary>
    Task<CommandResult<DisputeView>> Register(RegisterDispute command, string scope, CommandContext context);

    /// <summary>The petition office passed the case on (转送).</summary>
    Task<CommandResult<DisputeView>> RecordTransfer(RecordTransfer command, CommandContext context);

    /// <summary>Acceptance decided and told (受理告知).</summary>
    Task<CommandResult<DisputeView>> DecideAcceptance(DecideAcceptance command, CommandContext context);

    /// <summary>Sent back as wrongly assigned (异议).</summary>
    Task<CommandResult<DisputeView>> ReturnWrongAssignment(ReturnWrongAssignment command, CommandContext context);

    /// <summary>Assigned with the four fixed points (四定).</summary>
    Task<CommandResult<DisputeView>> Assign(Assign command, CommandContext context);

    /// <summary>Reply limit extended with a recorded approval (延期).</summary>
    Task<CommandResult<DisputeView>> ExtendReply(ExtendReply command, CommandContext context);

    /// <summary>The result of handling.</summary>
    Task<CommandResult<DisputeView>> Handle(Handle command, CommandContext context);

    /// <summary>The written reply (答复).</summary>
    Task<CommandResult<DisputeView>> Reply(GiveAnswer command, CommandContext context);

    /// <summary>The petitioner's satisfaction with the latest answer.</summary>
    Task<CommandResult<DisputeView>> RecordSatisfaction(RecordSatisfaction command, CommandContext context);

    /// <summary>A review (复查) was asked for.</summary>
    Task<CommandResult<DisputeView>> RequestReview(RequestReview command, CommandContext context);

    /// <summary>The review opinion (复查意见).</summary>
    Task<CommandResult<DisputeView>> AnswerReview(GiveAnswer command, CommandContext context);

    /// <summary>A second review (复核) was asked for.</summary>
    Task<CommandResult<DisputeView>> RequestSecondReview(RequestReview command, CommandContext context);

    /// <summary>The second review opinion (复核意见).</summary>
    Task<CommandResult<DisputeView>> AnswerSecondReview(GiveAnswer command, CommandContext context);

    /// <summary>Links earlier cases of the same person.</summary>
    Task<CommandResult<DisputeView>> LinkEarlierCases(LinkEarlierCases command, CommandContext context);

    /// <summary>Notes that a warning the complaint belongs to became an incident.</summary>
    Task<CommandResult<DisputeView>> NoteEscalation(NoteEscalation command, CommandContext context);

    /// <summary>Closes the case.</summary>
    Task<CommandResult<DisputeView>> Close(CloseCase command, CommandContext context);

    /// <summary>The case as <paramref name="actor"/> may see it, or null when no case has this id.</summary>
    Task<DisputeView?> GetView(Domain.Actor actor);

    /// <summary>Where the case stands, without any person, content or officer (查询办理情况).</summary>
    Task<DisputePublicView?> GetPublicView();
}

/// <summary>One shard of the list of open petitions and complaints of a scope, keyed "{scope}/{shard}".</summary>
public interface IDisputeDirectoryGrain : ICaseDirectoryGrain<DisputeSummary>;
