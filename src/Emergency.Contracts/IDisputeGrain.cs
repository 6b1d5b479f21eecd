using Emergency.Domain.Disputes;

namespace Emergency.Contracts;

/// <summary>
/// One petition or complaint (信访事项, 12369 举报件), keyed by its id ("pet-…"). Every move (<see cref="DisputeCommand"/>)
/// is judged by the domain and persisted before it is answered; the registration lets the early warning count the case
/// once it is durable. The view an actor gets carries personal data only for the roles that need it.
/// </summary>
public interface IDisputeGrain : ICaseGrain<DisputeCommand, DisputeView, DisputeSummary>
{
    /// <summary>The case as <paramref name="actor"/> may see it, or null when no case has this id.</summary>
    Task<DisputeView?> GetView(Domain.Actor actor);

    /// <summary>Where the case stands, without any person, content or officer (查询办理情况).</summary>
    Task<DisputePublicView?> GetPublicView();
}

/// <summary>One shard of the list of open petitions and complaints of a scope, keyed "{scope}/{shard}".</summary>
public interface IDisputeDirectoryGrain : ICaseDirectoryGrain<DisputeSummary>;
