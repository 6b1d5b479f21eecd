using Emergency.Domain.Cases;
using Emergency.Domain.Incidents;
using Emergency.Domain.Regions;
using Emergency.Domain.Tests.Regions;
using Emergency.Testing;

namespace Emergency.Domain.Tests;

/// <summary>
/// Every level acts on its own (分级负责): a duty room bound to 潞城区 (140406) acts on its county's incidents, 长治市
/// (140400) and 山西省 (140000) on everything within them; a hop is recorded by its sender or its receiver (or above).
/// </summary>
public sealed class JurisdictionTests
{
    private const string County = "140406";
    private const string OtherCounty = "140425";
    private const string City = "140400";
    private const string Province = "140000";

    private static readonly RegionCatalog Regions = RealRegions.Catalog;

    private static int _sequence;

    private static Incident Register(string region)
    {
        var discovered = Times.Discovery2014;
        var (incident, decision) = Incident.Register(
            $"juris-{Interlocked.Increment(ref _sequence)}", "live", Cmd.Register(Facts.LevelII, discovered) with { Region = region }, Drive.Commander, RealRules.Catalog, discovered.Minutes(10), Regions);
        decision.Accept();
        return incident!;
    }

    [Theory]
    [InlineData(County, County, true)]
    [InlineData(County, OtherCounty, false)]
    [InlineData(County, City, false)]
    [InlineData(City, County, true)]
    [InlineData(City, OtherCounty, true)]
    [InlineData(Province, County, true)]
    [InlineData("130400", County, false)]
    [InlineData(null, County, true)]
    public void A_jurisdiction_reaches_its_region_and_every_region_within_it_never_up_or_sideways(string? jurisdiction, string region, bool reaches)
    {
        var incident = Register(region);

        var refusal = incident.OutsideJurisdiction(new CloseIncident(), jurisdiction, Regions);

        Assert.Equal(reaches, refusal is null);
        if (!reaches)
        {
            Assert.Equal(DecisionOutcome.Forbidden, refusal!.Outcome);
            Assert.Equal(JurisdictionTexts.IncidentOutside.Code, refusal.Reason!.Code);
            Assert.Equal(region, refusal.Reason["region"]!.Text);
        }
    }

    [Fact]
    public void Every_move_on_an_incident_outside_the_jurisdiction_is_forbidden()
    {
        var incident = Register(OtherCounty);

        foreach (var move in Moves.Of<IncidentCommand>().Where(m => !m.Creates))
        {
            var command = (IncidentCommand)Activator.CreateInstance(move.Type)!;
            Assert.Equal(DecisionOutcome.Forbidden, incident.OutsideJurisdiction(command, County, Regions)?.Outcome);
        }
    }

    [Fact]
    public void A_new_incident_is_registered_only_within_the_jurisdiction()
    {
        var command = Cmd.Register(Facts.LevelIV, Times.Discovery2014);

        Assert.Null(Incident.OutsideJurisdictionToRegister(command with { Region = "潞城区" }, County, Regions));
        Assert.Null(Incident.OutsideJurisdictionToRegister(command with { Region = OtherCounty }, City, Regions));
        var refusal = Incident.OutsideJurisdictionToRegister(command with { Region = OtherCounty }, County, Regions);
        Assert.Equal((DecisionOutcome.Forbidden, JurisdictionTexts.RegisterOutside.Code), (refusal!.Outcome, refusal.Reason!.Code));
        Assert.Contains("潞城区 (140406)", refusal.Reason.En(), StringComparison.Ordinal);
        Assert.Contains("潞城区 (140406)", refusal.Reason.Zh(), StringComparison.Ordinal);
        Assert.NotNull(Incident.OutsideJurisdictionToRegister(command with { Region = "Somewhere outside the catalog" }, Province, Regions));
        Assert.Null(Incident.OutsideJurisdictionToRegister(command with { Region = "Somewhere outside the catalog" }, null, Regions));
    }

    [Theory]
    [InlineData("reportUp-140406-140400", County, true)] // the county sends
    [InlineData("reportUp-140406-140400", City, true)] // the city receives
    [InlineData("reportUp-140406-140406.gov", County, true)]
    [InlineData("reportUp-140000-ministry", County, false)] // between two levels above the county
    [InlineData("reportUp-140000-ministry", City, false)]
    [InlineData("reportUp-140000-ministry", Province, true)]
    [InlineData("reportUp-ministry-stateCouncil", Province, false)]
    [InlineData("reportUp-ministry-stateCouncil", null, true)]
    public void A_hop_is_recorded_by_its_sender_or_its_receiver_or_a_level_above_either(string hop, string? jurisdiction, bool may)
    {
        var incident = Register(County);
        var command = new RecordHop { Hop = hop, SentAt = incident.T(0.5), Medium = ReportMedium.Phone, SentBy = "Li" };

        var refusal = incident.OutsideJurisdiction(command, jurisdiction, Regions);

        Assert.Equal(may, refusal is null);
        if (!may)
        {
            Assert.Equal(JurisdictionTexts.HopNotTheirs.Code, refusal!.Reason!.Code);
            Assert.Equal(hop, refusal.Reason["hop"]!.Text);
        }
    }

    [Fact]
    public void A_jurisdiction_is_read_as_the_code_of_one_region_of_the_catalog()
    {
        var changzhi = Jurisdictions.Read(Regions, "Changzhi");
        Assert.Equal(City, changzhi.Code);
        Assert.Null(changzhi.Problem);
        Assert.Equal(County, Jurisdictions.Read(Regions, "潞城区").Code);
        Assert.Equal(JurisdictionTexts.NotInCatalog.Code, Jurisdictions.Read(Regions, "Atlantis").Problem!.Code);
        Assert.Null(Jurisdictions.Read(Regions, "吉林").Code);
        Assert.Null(Jurisdictions.Read(RegionCatalog.None, County).Code);
    }
}
