namespace Emergency.Domain.Enforcement;

/// <summary>
/// The enforcement tools in use: listed supervisions, the blacklist and regional approval restrictions. Persisted
/// as JSON: property names are the stored contract, so rename with care.
/// </summary>
public sealed class EnforcementRegistryState
{
    public List<ListedSupervision> Supervisions { get; set; } = [];

    public List<BlacklistEntry> Blacklist { get; set; } = [];

    public List<RegionalRestriction> Restrictions { get; set; } = [];

    /// <summary>Goes up by one with every accepted change, including missed deadlines.</summary>
    public long Version { get; set; }
}
