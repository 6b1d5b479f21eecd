using Emergency.Domain.Decisions;
using Emergency.Domain.Enforcement;

namespace Emergency.Contracts;

/// <summary>
/// One major decision and its social stability risk assessment, keyed by its id ("dec-…"). Every command is judged by
/// the domain against the regional approval restrictions in force, and persisted before it is answered.
/// </summary>
public interface IMajorDecisionGrain : ICaseGrain<MajorDecisionSummary>
{
    /// <summary>Drafts the matter under this grain's id; a retry with the same command id returns the first answer.</summary>
    Task<CommandResult<MajorDecisionView>> Draft(DraftMajorDecision command, string scope, CommandContext context);

    /// <summary>Submits the draft; the rule set in force now will judge it.</summary>
    Task<CommandResult<MajorDecisionView>> Submit(SubmitMajorDecision command, CommandContext context);

    /// <summary>Plans the assessment, or revises the plan before any view is heard.</summary>
    Task<CommandResult<MajorDecisionView>> PlanAssessment(PlanAssessment command, CommandContext context);

    /// <summary>Publishes the proposal for public comment.</summary>
    Task<CommandResult<MajorDecisionView>> OpenPublicComment(OpenPublicComment command, CommandContext context);

    /// <summary>Closes the comment period, once its minimum has run.</summary>
    Task<CommandResult<MajorDecisionView>> ClosePublicComment(ClosePublicComment command, CommandContext context);

    /// <summary>Records views heard by questionnaire, visits or a hearing.</summary>
    Task<CommandResult<MajorDecisionView>> RecordViews(RecordViews command, CommandContext context);

    /// <summary>Attaches complaints or an early warning as views heard.</summary>
    Task<CommandResult<MajorDecisionView>> AttachPublicOpinion(AttachPublicOpinion command, CommandContext context);

    /// <summary>Ends the hearing of views.</summary>
    Task<CommandResult<MajorDecisionView>> FinishHearingViews(FinishHearingViews command, CommandContext context);

    /// <summary>Records the findings on one dimension of the analysis.</summary>
    Task<CommandResult<MajorDecisionView>> RecordFinding(RecordFinding command, CommandContext context);

    /// <summary>Rates the risk, or rates it again.</summary>
    Task<CommandResult<MajorDecisionView>> RateRisk(RateRisk command, CommandContext context);

    /// <summary>Records a mitigation measure.</summary>
    Task<CommandResult<MajorDecisionView>> RecordMitigation(RecordMitigation command, CommandContext context);

    /// <summary>Writes the assessment report.</summary>
    Task<CommandResult<MajorDecisionView>> WriteReport(WriteReport command, CommandContext context);

    /// <summary>Records the preliminary review of the stability office or the legal office.</summary>
    Task<CommandResult<MajorDecisionView>> RecordReview(RecordReview command, CommandContext context);

    /// <summary>Records the collective decision.</summary>
    Task<CommandResult<MajorDecisionView>> TakeCollectiveDecision(TakeCollectiveDecision command, CommandContext context);

    /// <summary>Changes the proposal; once views were heard, the assessment is reopened.</summary>
    Task<CommandResult<MajorDecisionView>> ChangeProposal(ChangeProposal command, CommandContext context);

    /// <summary>The matter as of now, or null when no matter has this id.</summary>
    Task<MajorDecisionView?> GetView();

    /// <summary>
    /// The registry of the matter's scope tells it the restrictions now in force on its region: the matter notes the
    /// change in its timeline and republishes its summary, so every board shows what blocks it.
    /// </summary>
    Task RestrictionsChanged(IReadOnlyList<RegionalRestriction> inForce);
}

/// <summary>One shard of the list of open major decisions of a scope, keyed "{scope}/{shard}".</summary>
public interface IMajorDecisionDirectoryGrain : ICaseDirectoryGrain<MajorDecisionSummary>;
