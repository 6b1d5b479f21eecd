using Emergency.Domain.Messages;

namespace Emergency.Domain.Regions;

/// <summary>What the engine says when a user acts, or would be given a jurisdiction, outside the region tree.</summary>
public static class JurisdictionTexts
{
    /// <summary>The title of a 403 for a case outside the user's jurisdiction.</summary>
    public static readonly MessageCode OutsideTitle = new("jurisdiction.outsideTitle");

    public static readonly MessageCode IncidentOutside = new("jurisdiction.incidentOutside", "region", "jurisdiction");

    public static readonly MessageCode RegisterOutside = new("jurisdiction.registerOutside", "region", "jurisdiction");

    public static readonly MessageCode HopNotTheirs = new("jurisdiction.hopNotTheirs", "hop", "from", "to", "jurisdiction");

    public static readonly MessageCode NotInCatalog = new("jurisdiction.notInCatalog", "region", "catalog");
}
