namespace Emergency.Domain.Enforcement;

/// <summary>The registry as it stands at one moment: statuses and remaining time counted against "now".</summary>
public sealed record EnforcementRegistryView
{
    public required IReadOnlyList<SupervisionView> Supervisions { get; init; }

    /// <summary>Enterprises on the blacklist at the moment of the view.</summary>
    public required IReadOnlyList<BlacklistEntry> Blacklisted { get; init; }

    /// <summary>Regional approval restrictions in force at the moment of the view.</summary>
    public required IReadOnlyList<RegionalRestriction> RestrictionsInForce { get; init; }

    public required IReadOnlyList<string> AllowedMoves { get; init; }

    public required long Version { get; init; }

    public required DateTimeOffset AsOf { get; init; }
}

public sealed record SupervisionView
{
    public required ListedSupervision Supervision { get; init; }

    public required SupervisionStatus Status { get; init; }

    /// <summary>For a supervision still in place after its deadline: by how much, as of the view.</summary>
    public TimeSpan? OverdueBy { get; init; }

    /// <summary>For a supervision before its deadline: the time left, as of the view.</summary>
    public TimeSpan? Remaining { get; init; }
}

/// <summary>
/// The view is a detached snapshot: it shares no mutable object with the state (entries are copied), so the grain can
/// hand it out by reference and go on changing its state.
/// </summary>
public static class EnforcementRegistryViews
{
    public static EnforcementRegistryView View(this EnforcementRegistry registry, DateTimeOffset now)
    {
        var s = registry.State;
        return new EnforcementRegistryView
        {
            Supervisions = [.. s.Supervisions.Select(x => Of(x, now))],
            Blacklisted = [.. s.Blacklist.Where(b => b.IsListedAt(now)).Select(b => b.Snapshot())],
            RestrictionsInForce = [.. registry.InForce(now).Select(r => r.Snapshot())],
            AllowedMoves = registry.AllowedMoves(now),
            Version = s.Version,
            AsOf = now,
        };
    }

    private static SupervisionView Of(ListedSupervision supervision, DateTimeOffset now)
    {
        var status = supervision.StatusAt(now);
        return new SupervisionView
        {
            Supervision = supervision.Snapshot(),
            Status = status,
            OverdueBy = status == SupervisionStatus.Overdue ? now - supervision.RectificationDeadline : null,
            Remaining = status == SupervisionStatus.Open ? supervision.RectificationDeadline - now : null,
        };
    }
}
