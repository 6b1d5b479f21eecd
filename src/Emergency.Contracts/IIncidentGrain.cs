using Emergency.Domain.Incidents;

namespace Emergency.Contracts;

/// <summary>One incident, keyed by its id ("inc-…"). Every command is judged by the domain and persisted before it is answered.</summary>
public interface IIncidentGrain : IGrainWithStringKey
{
    /// <summary>Registers the incident under this grain's id; a retry with the same command id returns the first answer.</summary>
    Task<CommandResult> Register(ReportIncident command, string scope, CommandContext context);

    /// <summary>Records new facts and regrades the incident.</summary>
    Task<CommandResult> UpdateFacts(UpdateFacts command, CommandContext context);

    /// <summary>Completes reach scene, start monitoring, organise investigation or release information.</summary>
    Task<CommandResult> CompleteObligation(CompleteObligation command, CommandContext context);

    /// <summary>Files an initial, follow-up or final report.</summary>
    Task<CommandResult> FileReport(FileReport command, CommandContext context);

    /// <summary>Closes the incident once every obligation is done and the final report is filed.</summary>
    Task<CommandResult> Close(CloseIncident command, CommandContext context);

    /// <summary>The incident as of now, or null when no incident has this id.</summary>
    Task<IncidentView?> GetView();

    /// <summary>Activates the incident, marks what fell due, re-arms its deadlines, and returns its summary (null when it does not exist).</summary>
    Task<IncidentSummary?> Touch();

    /// <summary>Drill incidents only: moves the incident's clock to <paramref name="now"/> on the drill's virtual time and marks what fell due.</summary>
    Task<IncidentSummary?> Advance(DateTimeOffset now);

    /// <summary>Drill incidents only: deletes the incident's stored state.</summary>
    Task Purge();
}
