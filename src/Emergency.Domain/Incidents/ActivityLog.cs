using Emergency.Domain.Cases;

namespace Emergency.Domain.Incidents;

/// <summary>
/// The activity log of an incident in the shape of an ICS 214 (Activity Log): for the operational period, one block per
/// person or account that acted, with its position, and every notable activity by time, read from the timeline.
/// </summary>
public sealed record ActivityLog
{
    public required string Incident { get; init; }

    public required string Title { get; init; }

    public required string Scope { get; init; }

    /// <summary>The operational period: from the discovery to the moment of the view.</summary>
    public required DateTimeOffset From { get; init; }

    public required DateTimeOffset To { get; init; }

    /// <summary>Who acted, in the order they first did.</summary>
    public required IReadOnlyList<ActivityUnit> Units { get; init; }
}

/// <summary>One person or account (ICS 214 blocks 3–5: name, position: the role it acted in, none for the engine itself) and its activities (block 7).</summary>
public sealed record ActivityUnit(string Name, string? Position, IReadOnlyList<TimelineEntry<TimelineKind>> Activities);

public static class ActivityLogs
{
    public static ActivityLog Of(IncidentView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var units = view.Timeline
            .OrderBy(e => e.At).ThenBy(e => e.Seq)
            .GroupBy(e => e.Actor, StringComparer.Ordinal)
            .Select(g => Unit(g.Key, [.. g]))
            .ToList();
        return new ActivityLog
        {
            Incident = view.Id,
            Title = view.Title,
            Scope = view.Scope,
            From = view.Timeline.Count > 0 ? Min(view.DiscoveredAt, view.Timeline.Min(e => e.At)) : view.DiscoveredAt,
            To = view.AsOf,
            Units = units,
        };
    }

    /// <summary>An actor as the timeline writes it, "duty.zhang (DutyCommander)", or the engine's own "system".</summary>
    private static ActivityUnit Unit(string actor, List<TimelineEntry<TimelineKind>> activities)
    {
        var open = actor.LastIndexOf(" (", StringComparison.Ordinal);
        return open > 0 && actor.EndsWith(')')
            ? new ActivityUnit(actor[..open], actor[(open + 2)..^1], activities)
            : new ActivityUnit(actor, null, activities);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
