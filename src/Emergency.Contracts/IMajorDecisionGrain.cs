using Emergency.Domain.Decisions;
using Emergency.Domain.Enforcement;

namespace Emergency.Contracts;

/// <summary>
/// One major decision and its social stability risk assessment, keyed by its id ("dec-…"). Every move is made through
/// <see cref="ICaseGrain{TCommand, TView, TSummary}.Execute"/> and judged by the domain against the regional approval restrictions in force, and persisted before it is answered.
/// </summary>
public interface IMajorDecisionGrain : ICaseGrain<MajorDecisionCommand, MajorDecisionView, MajorDecisionSummary>, IDrillCaseGrain<MajorDecisionCommand, MajorDecisionView, MajorDecisionSummary>
{
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
