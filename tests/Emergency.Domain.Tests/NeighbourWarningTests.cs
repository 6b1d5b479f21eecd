using System.Text.Json;
using Emergency.Domain.Incidents;
using Emergency.Domain.Regions;
using Emergency.Domain.Tests.Regions;
using Emergency.Domain.Tests.Rivers;
using Emergency.Testing;

namespace Emergency.Domain.Tests;

/// <summary>
/// An incident crossing a boundary off a river warns each neighbouring area the crossing may affect (MEP Order 17 art. 8),
/// from the region catalog's neighbours: one obligation per area, due by the neighbour-notification rule, sent and
/// acknowledged by the downstream warning's moves; on a river the warnings downstream take their place.
/// </summary>
public sealed class NeighbourWarningTests
{
    private static readonly Actor Commander = Drive.Commander;

    private static int _sequence;

    private static Incident Register(IncidentFacts facts, string region, DateTimeOffset? discoveredAt = null)
    {
        var discovered = discoveredAt ?? Times.Discovery2014;
        var (incident, decision) = Incident.Register(
            $"neighbours-{Interlocked.Increment(ref _sequence)}", "live", Cmd.Register(facts, discovered) with { Region = region }, Commander, RealRules.Catalog, discovered.Minutes(10), RealRegions.Catalog);
        Assert.True(decision.IsAccepted, decision.Reason.En());
        return incident!.WithRivers(RealRivers.Catalog);
    }

    private static string[] Warnings(Incident incident) =>
        [.. incident.State.Obligations.Where(o => o.Kind == ObligationKind.WarnNeighbour).Select(o => o.Id)];

    private static SendWarning Send(string obligation, DateTimeOffset at) => new() { Obligation = obligation, To = "Handan EPB duty office, Mr Wang", Medium = ReportMedium.Phone, At = at };

    [Fact]
    public void A_crossing_of_a_province_warns_the_cities_of_other_provinces_beside_the_city_and_their_provinces_by_the_notice_rule()
    {
        var incident = Register(Facts.LevelII, "长治市");

        Assert.Equal(["warnNeighbour-130400", "warnNeighbour-410500", "warnNeighbour-130000", "warnNeighbour-410000"], Warnings(incident));
        var notice = incident.Obligation(ObligationKind.NotifyNeighbours);
        var handan = incident.Obligation("warnNeighbour-130400");
        Assert.Equal((notice.DueAt, ObligationKind.WarnNeighbour), (handan.DueAt, handan.Kind));
        Assert.Equal(incident.T(1), handan.DueAt);
        Assert.Equal(NeighbourTexts.Basis.Code, handan.DeadlineBasis.Code);
        Assert.Equal("warn 邯郸市, a neighbouring city (beside 长治市); due with the obligation notify neighbouring areas (通报相邻区域), on that obligation's basis", handan.DeadlineBasis.En());
        Assert.Contains("MEP Order 17 art. 8", notice.DeadlineBasis.En(), StringComparison.Ordinal);
        Assert.StartsWith("向相邻市邯郸市（与长治市相邻）通报；与", handan.DeadlineBasis.Zh(), StringComparison.Ordinal);
        Assert.Contains(incident.State.Timeline, e => e.Kind == TimelineKind.DeadlineSet && e.Ref == "warnNeighbour-410500");

        var view = incident.View(incident.T(0.5)).Neighbours;
        Assert.Equal(["邯郸市", "安阳市", "河北省", "河南省"], view.Select(v => v.Party));
        Assert.All(view, v => Assert.Equal(WarningStatus.Pending, v.Warning));
        Assert.Equal((RegionLevel.Province, "140000"), (view[2].Level, view[2].Beside));
    }

    [Fact]
    public void A_county_dispute_warns_the_counties_beside_and_a_crossing_between_cities_the_cities_of_the_same_province()
    {
        var dispute = Register(Facts.Known with { CrossBoundary = CrossBoundary.CountyDispute }, "潞城区");
        Assert.Equal(["warnNeighbour-140425", "warnNeighbour-140426", "warnNeighbour-140427", "warnNeighbour-140403"], Warnings(dispute));

        var crossCity = Register(Facts.LevelIII, "潞城区");
        Assert.Equal(["warnNeighbour-140500", "warnNeighbour-140700", "warnNeighbour-141000"], Warnings(crossCity));
    }

    [Fact]
    public void Facts_that_later_cross_a_province_add_the_areas_now_affected_counted_from_those_facts()
    {
        var incident = Register(Facts.Known with { CrossBoundary = CrossBoundary.CountyDispute }, "潞城区");
        var learnt = incident.T(5);

        incident.Handle(Cmd.Update(Facts.LevelII, "aniline has crossed into Hebei"), Commander, learnt).Accept();

        Assert.Equal(incident.T(1), incident.Obligation("warnNeighbour-140425").DueAt);
        Assert.Equal((learnt.Hours(1), (DateTimeOffset?)learnt), (incident.Obligation("warnNeighbour-130400").DueAt, incident.Obligation("warnNeighbour-130400").OpenedAt));
        Assert.Equal(8, Warnings(incident).Length);
    }

    [Fact]
    public void A_neighbour_is_warned_and_acknowledges_by_the_downstream_warning_moves_and_not_by_completing_the_obligation()
    {
        var incident = Register(Facts.LevelII, "长治市");
        var sentAt = incident.T(0.5);

        var generic = incident.Refused(sentAt, i => i.Handle(Cmd.Complete(ObligationKind.WarnNeighbour, sentAt), Commander, sentAt), DecisionOutcome.NotAllowed);
        Assert.Contains("a warning to a neighbouring area is done by recording that it was sent (sendWarning)", generic.Reason!.En(), StringComparison.Ordinal);

        incident.Handle(Send("warnNeighbour-130400", sentAt), Commander, incident.T(0.6)).Accept();
        var handan = incident.Obligation("warnNeighbour-130400");
        Assert.Equal((sentAt, "Handan EPB duty office, Mr Wang"), (handan.CompletedAt, handan.Notified));
        var again = incident.Refused(incident.T(0.7), i => i.Handle(Send("warnNeighbour-130400", incident.T(0.7)), Commander, incident.T(0.7)), DecisionOutcome.NotAllowed);
        Assert.Equal(DownstreamTexts.AlreadySent.Code, again.Reason!.Code);

        incident.Handle(new AcknowledgeWarning { Obligation = "warnNeighbour-130400", AcknowledgedBy = "Ms Zhao, Handan EPB", At = incident.T(0.8) }, Commander, incident.T(0.8)).Accept();
        var line = incident.View(incident.T(2)).Neighbours.Single(v => v.Jurisdiction == "130400");
        Assert.Equal((WarningStatus.Acknowledged, "Ms Zhao, Handan EPB", ReportMedium.Phone), (line.Warning, line.AcknowledgedBy, line.Medium));
        Assert.Equal(WarningStatus.Overdue, incident.View(incident.T(2)).Neighbours.Single(v => v.Jurisdiction == "410500").Warning);
        Assert.Contains(incident.State.Timeline, e => e.Kind == TimelineKind.WarningAcknowledged && e.Ref == "warnNeighbour-130400");
        var unknown = incident.Refused(incident.T(1), i => i.Handle(Send("warnNeighbour-999999", incident.T(1)), Commander, incident.T(1)), DecisionOutcome.NotAllowed);
        Assert.Contains("warnNeighbour-410500", unknown.Reason.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void On_a_river_the_warnings_downstream_take_the_place_of_the_neighbours_not_yet_warned()
    {
        var incident = Register(Facts.LevelII, "长治市", Times.Discovery2011);
        var spilled = incident.T(0.5);
        incident.Handle(Send("warnNeighbour-130400", spilled), Commander, spilled).Accept();

        incident.Handle(new RecordSpill { Reach = "zhuozhang-changzhi", PositionKm = 0, At = incident.T(0), Pollutant = "aniline", MassKg = 8_700 }, Commander, spilled).Accept();

        var anyang = incident.Obligation("warnNeighbour-410500");
        Assert.Equal((spilled, NeighbourTexts.OnARiver.Code), (anyang.CompletedAt, anyang.Note!.Code));
        var view = incident.View(spilled).Neighbours;
        Assert.Equal(WarningStatus.Sent, view.Single(v => v.Jurisdiction == "130400").Warning);
        Assert.Equal(WarningStatus.NotNeeded, view.Single(v => v.Jurisdiction == "410500").Warning);
        var late = incident.Refused(spilled, i => i.Handle(Send("warnNeighbour-410500", spilled), Commander, spilled), DecisionOutcome.NotAllowed);
        Assert.Equal(NeighbourTexts.NotNeeded.Code, late.Reason!.Code);
        Assert.Contains(incident.State.Obligations, o => o.Id == "warnDownstream-handan-yuecheng");
    }

    [Fact]
    public void A_crossing_learnt_once_the_spill_is_on_record_opens_the_notice_but_no_warning_per_neighbour()
    {
        var incident = Register(Facts.Known, "长治市", Times.Discovery2011);
        incident.Handle(new RecordSpill { Reach = "zhuozhang-changzhi", PositionKm = 0, At = incident.T(0), Pollutant = "aniline", MassKg = 8_700 }, Commander, incident.T(1)).Accept();

        incident.Handle(Cmd.Update(Facts.LevelII), Commander, incident.T(2)).Accept();

        Assert.Single(incident.State.Obligations, o => o.Kind == ObligationKind.NotifyNeighbours);
        Assert.Empty(Warnings(incident));
    }

    [Fact]
    public void A_region_outside_the_catalog_or_a_national_border_has_no_neighbour_to_warn()
    {
        var free = Register(Facts.LevelII, "Somewhere upriver");
        Assert.Null(free.State.Neighbours);
        Assert.Empty(Warnings(free));
        Assert.Single(free.State.Obligations, o => o.Kind == ObligationKind.NotifyNeighbours);

        var border = Register(Facts.Known with { CrossBoundary = CrossBoundary.CrossBorder }, "哈尔滨市");
        Assert.Empty(Warnings(border));
    }

    [Fact]
    public void The_neighbours_and_their_warnings_survive_storage_and_states_stored_before_have_none()
    {
        var incident = Register(Facts.LevelII, "长治市");
        incident.Handle(Send("warnNeighbour-410500", incident.T(0.5)), Commander, incident.T(0.5)).Accept();

        var json = JsonSerializer.Serialize(incident.State, JsonShape.Options);
        var loaded = Incident.Load(JsonSerializer.Deserialize<IncidentState>(json, JsonShape.Options)!, RealRules.Catalog);

        Assert.Equal(WarningStatus.Sent, loaded.View(incident.T(1)).Neighbours.Single(v => v.Jurisdiction == "410500").Warning);
        var before = JsonSerializer.Deserialize<IncidentState>(json.Replace("\"neighbours\":", "\"neighboursNotYet\":", StringComparison.Ordinal), JsonShape.Options)!;
        Assert.Empty(Incident.Load(before, RealRules.Catalog).View(incident.T(1)).Neighbours);
    }
}
