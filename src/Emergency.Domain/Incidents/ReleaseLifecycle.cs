using System.Collections.Frozen;
using Stateless;
using Stateless.Graph;

namespace Emergency.Domain.Incidents;

/// <summary>
/// The procedure of one release: drafted, approved by a named officer, published once, then superseded by an update or
/// correction, or withdrawn. The incident's machine decides whether the incident allows a release move; this one decides
/// whether the release itself does, so that nothing is approved twice or published unapproved.
/// </summary>
public sealed class ReleaseLifecycle
{
    private readonly StateMachine<ReleaseStatus, Step> _machine;

    public ReleaseLifecycle(Release release)
    {
        ArgumentNullException.ThrowIfNull(release);
        _machine = new StateMachine<ReleaseStatus, Step>(() => release.Status, status => release.Status = status);
        _machine.Configure(ReleaseStatus.Draft).Permit(Step.Approve, ReleaseStatus.Approved);
        _machine.Configure(ReleaseStatus.Approved).Permit(Step.Publish, ReleaseStatus.Published);

        // A published withdrawal is the last word on what it withdrew: there is nothing of it to update or withdraw.
        _machine.Configure(ReleaseStatus.Published)
            .PermitIf(Step.Supersede, ReleaseStatus.Superseded, () => release.Kind != ReleaseKind.Withdrawal, "not a withdrawal")
            .PermitIf(Step.Withdraw, ReleaseStatus.Withdrawn, () => release.Kind != ReleaseKind.Withdrawal, "not a withdrawal");
    }

    public enum Step
    {
        Approve,
        Publish,

        /// <summary>An update or correction of it was published.</summary>
        Supersede,

        /// <summary>A withdrawal of it was published.</summary>
        Withdraw,
    }

    /// <summary>The lifecycle as a Mermaid state diagram, read from the machine itself (docs/machines/release.md).</summary>
    public static string Graph() => MermaidGraph.Format(new ReleaseLifecycle(new Release())._machine.GetInfo());

    /// <summary>
    /// Whether the machine of <paramref name="release"/> permits <paramref name="step"/> now. Its answer depends only on
    /// the release's status and whether it is a withdrawal (the one guard reads its kind), so each machine's answers are
    /// asked once per such pair and kept: every answer of an incident asks this for every release it has.
    /// </summary>
    public static bool Allows(Release release, Step step)
    {
        ArgumentNullException.ThrowIfNull(release);
        return Permitted[(release.Status, release.Kind == ReleaseKind.Withdrawal)].Contains(step);
    }

    private static readonly FrozenDictionary<(ReleaseStatus Status, bool Withdrawal), FrozenSet<Step>> Permitted =
        (from status in Enum.GetValues<ReleaseStatus>()
         from withdrawal in new[] { false, true }
         let machine = new ReleaseLifecycle(new Release { Status = status, Kind = withdrawal ? ReleaseKind.Withdrawal : ReleaseKind.Alert })._machine
         select (Key: (status, withdrawal), Steps: Enum.GetValues<Step>().Where(machine.CanFire).ToFrozenSet()))
        .ToFrozenDictionary(p => p.Key, p => p.Steps);

    /// <exception cref="InvalidOperationException">The step is not allowed now: the incident checks <see cref="Allows"/> first.</exception>
    public void Fire(Step step) => _machine.Fire(step);
}
