using Emergency.Domain.Incidents;

namespace Emergency.Contracts;

/// <summary>One incident, keyed by its id ("inc-…"). Every command is judged by the domain and persisted before it is answered.</summary>
public interface IIncidentGrain : ICaseGrain<IncidentSummary>
{
    /// <summary>
    /// Registers the incident under this grain's id; a retry with the same command id returns the first answer.
    /// <paramref name="judgedUnder"/>, honoured in a drill's scope only, is a what-if: the id of the rule set to judge it
    /// by instead of the one in force at discovery.
    /// </summary>
    Task<CommandResult<IncidentView>> Register(ReportIncident command, string scope, CommandContext context, string? judgedUnder = null);

    /// <summary>Records new facts and regrades the incident.</summary>
    Task<CommandResult<IncidentView>> UpdateFacts(UpdateFacts command, CommandContext context);

    /// <summary>Completes reach scene, start monitoring, organise investigation, release information or notify neighbouring areas.</summary>
    Task<CommandResult<IncidentView>> CompleteObligation(CompleteObligation command, CommandContext context);

    /// <summary>Files an initial, follow-up or final report.</summary>
    Task<CommandResult<IncidentView>> FileReport(FileReport command, CommandContext context);

    /// <summary>Records that an earlier report, claim or step was false, concealed facts or left them out (谎报/瞒报/漏报).</summary>
    Task<CommandResult<IncidentView>> RecordCorrection(RecordCorrection command, CommandContext context);

    /// <summary>Closes the incident once every obligation is done and the final report is filed.</summary>
    Task<CommandResult<IncidentView>> Close(CloseIncident command, CommandContext context);

    /// <summary>The incident as of now, or null when no incident has this id.</summary>
    Task<IncidentView?> GetView();
}
