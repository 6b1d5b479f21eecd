namespace Emergency.Domain.Enforcement;

/// <summary>
/// The enforcement tools in use: listed supervisions, the blacklist and regional approval restrictions. Persisted
/// as JSON: property names are the stored contract, so rename with care.
/// </summary>
public sealed class EnforcementRegistryState
{
    /// <summary>The registry's id in the engine ("enf-live", "enf-drill-…"); empty before its first entry.</summary>
    public string Id { get; set; } = "";

    /// <summary>"live", or the drill run the registry belongs to.</summary>
    public string Scope { get; set; } = "live";

    /// <summary>When the registry took its first entry.</summary>
    public DateTimeOffset OpenedAt { get; set; }

    public List<ListedSupervision> Supervisions { get; set; } = [];

    public List<BlacklistEntry> Blacklist { get; set; } = [];

    public List<RegionalRestriction> Restrictions { get; set; } = [];

    /// <summary>Goes up by one with every accepted change, including missed deadlines.</summary>
    public long Version { get; set; }

    public bool Exists => Id.Length > 0;
}
