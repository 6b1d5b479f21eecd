using Emergency.Domain.Disclosure;

namespace Emergency.Contracts;

/// <summary>
/// One request for government information (依申请公开), keyed by its id ("dis-…"), on the case machinery. Every move
/// (<see cref="DisclosureCommand"/>) is judged by the domain and persisted before it is answered. The view an actor
/// gets carries the applicant's personal data only for the roles that need it.
/// </summary>
public interface IDisclosureGrain : ICaseGrain<DisclosureCommand, DisclosureView, DisclosureSummary>
{
    /// <summary>The request as <paramref name="actor"/> may see it, or null when no request has this id.</summary>
    Task<DisclosureView?> GetView(Domain.Actor actor);
}

/// <summary>One shard of the list of open disclosure requests of a scope, keyed "{scope}/{shard}".</summary>
public interface IDisclosureDirectoryGrain : ICaseDirectoryGrain<DisclosureSummary>;
