using Orleans.Concurrency;

using Emergency.Domain.Incidents;

namespace Emergency.Contracts;

/// <summary>
/// One shard of the list of open incidents of a scope, keyed "{scope}/{shard}". It persists only which
/// incidents are open; their summaries are pushed by the incidents and rebuilt on activation, which is
/// also how deadlines are re-armed after a restart.
/// </summary>
public interface IIncidentDirectoryGrain : IGrainWithStringKey
{
    /// <summary>Adds an incident before its first write, so that no stored incident is ever missing from the list.</summary>
    /// <remarks>Interleaves: a list may be waiting on the very incident that is reserving itself.</remarks>
    [AlwaysInterleave]
    Task Reserve(string incidentId);

    /// <summary>Takes a newer summary; a closed incident leaves the list.</summary>
    [OneWay]
    Task Publish(IncidentSummary summary);

    /// <summary>The open incidents of this shard.</summary>
    Task<IReadOnlyList<IncidentSummary>> List();

    /// <summary>Activates the shard and waits until every open incident in it has been touched (deadlines re-armed).</summary>
    Task<int> WarmUp();

    /// <summary>Drill scopes only: purges every incident of the shard, open or closed, and the shard itself.</summary>
    Task<int> Purge();
}
