using Emergency.Domain.Cases;
using Emergency.Domain.Regions;

namespace Emergency.Domain.Enforcement;

/// <summary>
/// The registry as a case of the engine, one per scope: its deadlines are the rectification deadlines of the listed
/// supervisions, and it is never closed.
/// </summary>
public sealed partial class EnforcementRegistry : ICase
{
    string ICase.Id => State.Id;

    string ICase.Scope => State.Scope;

    long ICase.Version => State.Version;

    DateTimeOffset ICase.RegisteredAt => State.OpenedAt;

    /// <summary>The first moment a supervision in place is overdue: just after its deadline, since lifting on the deadline is in time.</summary>
    DateTimeOffset? ICase.NextDueAt =>
        State.Supervisions.Where(s => !s.IsLifted && s.OverdueSince is null).Select(s => (DateTimeOffset?)s.RectificationDeadline.AddTicks(1)).Min();

    /// <summary>An empty registry for <paramref name="scope"/>, opened by its first entry.</summary>
    public static EnforcementRegistry Open(string id, string scope, DateTimeOffset now) => Open(id, scope, RegionCatalog.None, now);

    /// <summary>An empty registry for <paramref name="scope"/> whose restrictions reach down the tree of <paramref name="regions"/>.</summary>
    public static EnforcementRegistry Open(string id, string scope, RegionCatalog regions, DateTimeOffset now) =>
        new(new EnforcementRegistryState { Id = id, Scope = scope, OpenedAt = now }, regions);
}
