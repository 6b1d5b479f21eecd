using Emergency.Domain.Incidents;

namespace Emergency.Contracts;

/// <summary>One shard of the list of open incidents of a scope, keyed "{scope}/{shard}".</summary>
public interface IIncidentDirectoryGrain : ICaseDirectoryGrain<IncidentSummary>;
