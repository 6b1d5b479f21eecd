using Emergency.Domain.Regions;

namespace Emergency.Domain.Incidents;

/// <summary>
/// Every level acts on its own (分级负责): a user bound to a jurisdiction acts only on incidents that lie within it, and
/// records only the hops of the reporting chain it sends or receives. A user without one acts on the whole deployment.
/// </summary>
public sealed partial class Incident
{
    /// <summary>Why a user of <paramref name="jurisdiction"/> may not register an incident of the command's region; null when it may.</summary>
    public static Decision? OutsideJurisdictionToRegister(ReportIncident command, string? jurisdiction, RegionCatalog regions) =>
        jurisdiction is null || string.IsNullOrWhiteSpace(command.Region) || regions.WithinJurisdiction(jurisdiction, command.Region)
            ? null
            : Decision.Forbidden(JurisdictionTexts.RegisterOutside.With(("region", command.Region.Trim()), ("jurisdiction", regions.Describe(jurisdiction))));

    /// <summary>
    /// Why a user of <paramref name="jurisdiction"/> may not make this move; null when it may. The incident must lie within
    /// the jurisdiction; a hop is recorded by its sender's or its receiver's level (or a level above either), so the city
    /// receiving a county's report records its receipt, and nobody records a hop between two levels above its own.
    /// </summary>
    public Decision? OutsideJurisdiction(IncidentCommand command, string? jurisdiction, RegionCatalog regions)
    {
        if (jurisdiction is null)
        {
            return null;
        }

        if (!regions.WithinJurisdiction(jurisdiction, State.Region))
        {
            return Decision.Forbidden(JurisdictionTexts.IncidentOutside.With(("region", State.Region), ("jurisdiction", regions.Describe(jurisdiction))));
        }

        if (command is not RecordHop { Hop: { } id } || State.Chain is not { } chain || Candidate(chain, id.Trim()) is not { } hop)
        {
            return null;
        }

        return Holds(hop.From) || Holds(hop.To)
            ? null
            : Decision.Forbidden(JurisdictionTexts.HopNotTheirs.With(("hop", hop.Id), ("from", NameOf(hop.From)), ("to", NameOf(hop.To)), ("jurisdiction", regions.Describe(jurisdiction))));

        // A bureau and its government are of the region whose code they carry; the ministry and the State Council of none.
        bool Holds(ChainParty party) => party.Rank is not (ChainRank.Ministry or ChainRank.StateCouncil)
            && regions.WithinJurisdiction(jurisdiction, party.Key.Split('.')[0]);
    }
}
