namespace Emergency.Domain.Rivers;

/// <summary>One river system as read from its file in <c>config/rivers</c>.</summary>
public sealed class RiverSystem(string id, string name, string source, IReadOnlyList<Reach> reaches, IReadOnlyList<Intake> intakes)
{
    private readonly Dictionary<string, Reach> _reaches = reaches.ToDictionary(r => r.Id, StringComparer.Ordinal);

    public string Id { get; } = id;

    public string Name { get; } = name;

    public string Source { get; } = source;

    public IReadOnlyList<Reach> Reaches { get; } = reaches;

    public IReadOnlyList<Intake> Intakes { get; } = intakes;

    public Reach? Reach(string id) => _reaches.GetValueOrDefault(id);

    /// <summary>The reach <paramref name="reach"/> and every reach below it, in the order the water passes them.</summary>
    public IEnumerable<Reach> Downstream(Reach reach)
    {
        for (Reach? current = reach; current is not null; current = current.FlowsInto is { } next ? Reach(next) : null)
        {
            yield return current;
        }
    }
}

/// <summary>The river systems a deployment knows; reach ids are unique across them.</summary>
public sealed class RiverCatalog(IReadOnlyList<RiverSystem> systems)
{
    /// <summary>No rivers: a deployment without river data, where every spill names an unknown reach.</summary>
    public static readonly RiverCatalog None = new([]);

    public IReadOnlyList<RiverSystem> Systems { get; } = systems;

    /// <summary>The system holding the reach <paramref name="reachId"/>, with the reach; none when no system holds it.</summary>
    public (RiverSystem System, Reach Reach)? FindReach(string reachId)
    {
        foreach (var system in Systems)
        {
            if (system.Reach(reachId) is { } reach)
            {
                return (system, reach);
            }
        }

        return null;
    }

    /// <summary>
    /// The same rivers with velocities observed during a spill: each replaces its reach's velocity in every month, since
    /// an observation of the flow now says more about the coming days than the season's figure.
    /// </summary>
    public RiverCatalog WithVelocities(IReadOnlyDictionary<string, Sourced> observed) =>
        observed.Count == 0
            ? this
            : new([.. Systems.Select(s => s.Reaches.Any(r => observed.ContainsKey(r.Id))
                ? new RiverSystem(s.Id, s.Name, s.Source, [.. s.Reaches.Select(r => observed.TryGetValue(r.Id, out var v) ? r with { DefaultVelocity = v, Seasons = [] } : r)], s.Intakes)
                : s)]);
}
