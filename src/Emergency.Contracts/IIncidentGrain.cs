using Emergency.Domain.Incidents;

namespace Emergency.Contracts;

/// <summary>
/// One incident, keyed by its id ("inc-…"). Every move is an <see cref="IncidentCommand"/> sent to
/// <see cref="ICaseGrain{TCommand, TView, TSummary}.Execute"/>, judged by the domain and persisted before it is answered;
/// a retry with the same command id returns the first answer.
/// </summary>
public interface IIncidentGrain : ICaseGrain<IncidentCommand, IncidentView, IncidentSummary>, IDrillCaseGrain<IncidentCommand, IncidentView, IncidentSummary>
{
    /// <summary>The incident as of now, or null when no incident has this id.</summary>
    Task<IncidentView?> GetView();

    /// <summary>The incident's region (null when no incident has this id): what a jurisdiction is judged by, without the whole view.</summary>
    Task<string?> GetRegion();
}
