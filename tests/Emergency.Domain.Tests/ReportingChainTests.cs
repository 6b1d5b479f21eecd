using System.Text.Json.Nodes;
using Emergency.Domain.Incidents;
using Emergency.Domain.Messages;
using Emergency.Domain.Rules;
using Emergency.Domain.Tests.Regions;
using Emergency.Testing;

namespace Emergency.Domain.Tests;

/// <summary>
/// The reporting chain (逐级上报, MEP Order 17 arts. 3, 4, 7, 9), traced from the incident's region in the real catalog:
/// 潞城区 (140406, a county) → 长治市 (140400) → 山西省 (140000) → the ministry → the State Council duty office.
/// </summary>
public sealed class ReportingChainTests
{
    private const string County = "140406";
    private const string ToGovernment = "reportUp-140406-140406.gov";
    private const string ToCity = "reportUp-140406-140400";
    private const string ToProvince = "reportUp-140406-140000";
    private const string ToMinistry = "reportUp-140406-ministry";
    private const string ProvinceToMinistry = "reportUp-140000-ministry";
    private const string MinistryToStateCouncil = "reportUp-ministry-stateCouncil";

    private static readonly Actor Commander = Drive.Commander;

    private static int _sequence;

    private static Incident Register(IncidentFacts facts, string region = County, RuleSetCatalog? rules = null)
    {
        var discovered = Times.Discovery2014;
        var (incident, decision) = Incident.Register(
            $"chain-{Interlocked.Increment(ref _sequence)}", "live", Cmd.Register(facts, discovered) with { Region = region }, Commander, rules ?? RealRules.Catalog, discovered.Minutes(10), RealRegions.Catalog);
        Assert.True(decision.IsAccepted, decision.Reason.En());
        return incident!;
    }

    private static RecordHop Hop(string hop, DateTimeOffset sent, DateTimeOffset? received, ReportMedium medium = ReportMedium.Written) => new()
    {
        Hop = hop,
        SentAt = sent,
        ReceivedAt = received,
        Medium = medium,
        SentBy = "Duty officer Li",
        ReceivedBy = received is null ? null : "Duty officer Zhao",
    };

    private static HopView Of(Incident incident, string hop, DateTimeOffset now) => Assert.Single(incident.ChainView(now), h => h.Id == hop);

    [Theory]
    [InlineData("IV")]
    [InlineData("III")]
    public void Level_IV_or_III_the_county_owes_its_government_and_the_city_bureau_within_4_hours_of_discovery(string level)
    {
        var incident = Register(level == "IV" ? Facts.LevelIV : Facts.LevelIII);

        var chain = incident.ChainView(incident.T(1));
        Assert.Equal([ToGovernment, ToCity], chain.Select(h => h.Id));
        Assert.All(chain, h => Assert.Equal(HopStatus.Pending, h.Status));
        Assert.All(chain, h => Assert.Equal(incident.T(4), h.DueAt));
        var obligation = incident.Obligation(ToCity);
        Assert.Equal(ObligationKind.ReportUp, obligation.Kind);
        Assert.Equal(incident.T(4), obligation.DueAt);
        Assert.Equal(ChainTexts.BasisFromDiscovery.Code, obligation.DeadlineBasis.Code);
        Assert.Contains("MEP Order 17 art. 3", obligation.DeadlineBasis.En(), StringComparison.Ordinal);
        Assert.Equal("长治市", chain[1].To.Region);

        // The city receiving a IV/III report owes no hop of its own: the order is silent, and the rule set requires none.
        incident.Handle(Hop(ToCity, incident.T(1), incident.T(1.2)), Commander, incident.T(2)).Accept();
        Assert.Equal(2, incident.ChainView(incident.T(2)).Count);
        Assert.Equal(HopStatus.Received, Of(incident, ToCity, incident.T(2)).Status);
        Assert.Equal(incident.T(1.2), incident.Obligation(ToCity).CompletedAt);
    }

    [Fact]
    public void A_deployment_can_make_the_city_report_a_III_on_to_the_province_from_its_own_receipt()
    {
        var rules = RealRules.Node("cn-2014.json");
        var onward = rules["reportingChain"]!["hops"]!.AsArray().Single(h => (string?)h!["from"] == "nextBureau")!;
        onward["byLevel"] = new JsonObject { ["III"] = "PT2H" };
        var catalog = RuleSetLoader.Parse([("cn-2011.json", RealRules.Text("cn-2011.json")), ("cn-2014.json", rules.ToJsonString())]);
        var incident = Register(Facts.LevelIII, rules: catalog);
        Assert.Equal(HopStatus.Awaiting, Of(incident, "reportUp-140400-140000", incident.T(0.5)).Status);

        incident.Handle(Hop(ToCity, incident.T(1), incident.T(1.5)), Commander, incident.T(1.5)).Accept();

        Assert.Equal(incident.T(3.5), Of(incident, "reportUp-140400-140000", incident.T(1.5)).DueAt);
    }

    [Theory]
    [InlineData("II")]
    [InlineData("I")]
    public void Level_II_or_I_goes_to_the_province_and_the_ministry_in_2_hours_then_the_province_and_the_ministry_report_on(string level)
    {
        var incident = Register(level == "II" ? Facts.LevelII : Facts.LevelI);

        var chain = incident.ChainView(incident.T(0.5));
        Assert.Equal([ToGovernment, ToProvince, ToMinistry, ProvinceToMinistry, MinistryToStateCouncil], chain.Select(h => h.Id));
        Assert.All(chain.Take(3), h => Assert.Equal(incident.T(2), h.DueAt));
        Assert.All(chain.Skip(3), h => Assert.Equal(HopStatus.Awaiting, h.Status));
        Assert.All(chain.Skip(3), h => Assert.Null(h.DueAt));

        // The province's hop runs 1 h from its own receipt, not from discovery.
        incident.Handle(Hop(ToProvince, incident.T(1.5), incident.T(1.6)), Commander, incident.T(1.7)).Accept();
        var onward = Of(incident, ProvinceToMinistry, incident.T(1.7));
        Assert.Equal(HopStatus.Pending, onward.Status);
        Assert.Equal(incident.T(2.6), onward.DueAt);
        Assert.Equal(ChainTexts.BasisFromReceipt.Code, onward.DeadlineBasis!.Code);
        Assert.Contains("within 1 h", onward.DeadlineBasis.En(), StringComparison.Ordinal);

        // The ministry reports on from its first receipt, whoever sent it.
        incident.Handle(Hop(ProvinceToMinistry, incident.T(2.4), incident.T(2.5)), Commander, incident.T(2.5)).Accept();
        Assert.Equal(incident.T(3.5), Of(incident, MinistryToStateCouncil, incident.T(2.5)).DueAt);
        Assert.Contains("art. 7", Of(incident, MinistryToStateCouncil, incident.T(2.5)).DeadlineBasis.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unclear_level_with_sensitive_factors_follows_the_II_procedure()
    {
        var incident = Register(Facts.Unclear.WithSensitive("heavyMetals"));

        Assert.Contains(incident.ChainView(incident.T(0.5)), h => h.Id == ToMinistry && h.DueAt == incident.T(2));
        Assert.Contains("art. 4", incident.Obligation(ToMinistry).DeadlineBasis.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_regrade_mid_chain_opens_the_new_levels_hops_from_the_regrade_and_keeps_the_hops_made()
    {
        var incident = Register(Facts.LevelIV);
        incident.Handle(Hop(ToCity, incident.T(1), incident.T(1)), Commander, incident.T(1)).Accept();

        incident.Handle(Cmd.Update(Facts.LevelII), Commander, incident.T(3)).Accept();

        var chain = incident.ChainView(incident.T(3));
        Assert.Equal(HopStatus.Received, Of(incident, ToCity, incident.T(3)).Status);
        Assert.Equal(incident.T(4), Of(incident, ToGovernment, incident.T(3)).DueAt);
        Assert.Equal(incident.T(5), Of(incident, ToProvince, incident.T(3)).DueAt);
        Assert.Equal(incident.T(5), Of(incident, ToMinistry, incident.T(3)).DueAt);
        Assert.Equal(ChainTexts.BasisFromRegrade.Code, incident.Obligation(ToMinistry).DeadlineBasis.Code);
        Assert.Contains(chain, h => h.Id == ProvinceToMinistry && h.Status == HopStatus.Awaiting);
        var rerun = Assert.Single(incident.State.Timeline, e => e.Text.Code == ChainTexts.Rerun.Code);
        Assert.Equal(Arg.Of(IncidentLevel.IV), rerun.Text["before"]);
        Assert.Equal(Arg.Of(IncidentLevel.II), rerun.Text["level"]);
        Assert.Contains("hops already made stay", rerun.Text.En(), StringComparison.Ordinal);
        Assert.Contains("潞城区环境保护主管部门→山西省环境保护主管部门", rerun.Text.Zh(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_direct_report_past_the_city_shows_the_city_hop_skipped()
    {
        var incident = Register(Facts.LevelIII);

        incident.Handle(Hop(ToProvince, incident.T(1), incident.T(1.1), ReportMedium.Phone), Commander, incident.T(1.2)).Accept();

        Assert.Equal(HopStatus.Direct, Of(incident, ToProvince, incident.T(1.2)).Status);
        var skipped = Of(incident, ToCity, incident.T(1.2));
        Assert.Equal(HopStatus.Skipped, skipped.Status);
        Assert.Equal(ToProvince, skipped.SkippedBy);
        Assert.Contains(incident.State.Timeline, e => e.Text.Code == ChainTexts.HopSkipped.Code && e.Ref == ToCity);
        Assert.Contains(incident.State.Timeline, e => e.Text.Code == ChainTexts.HopDirect.Code || e.Text["text"]?.Message?.Code == ChainTexts.HopDirect.Code);

        // Skipped is not absorbed: the city's hop is still owed and goes overdue.
        Assert.False(incident.Obligation(ToCity).IsCompleted);
        incident.Tick(incident.T(5));
        Assert.Contains(incident.State.Timeline, e => e.Kind == TimelineKind.ObligationOverdue && e.Ref == ToCity);
    }

    [Fact]
    public void Level_II_reported_directly_to_the_ministry_starts_the_ministrys_hop_and_leaves_the_province_owing_its_own()
    {
        var incident = Register(Facts.LevelII);

        incident.Handle(Hop(ToMinistry, incident.T(0.5), incident.T(0.6)), Commander, incident.T(0.7)).Accept();

        Assert.Equal(HopStatus.Received, Of(incident, ToMinistry, incident.T(0.7)).Status);
        Assert.Equal(incident.T(1.6), Of(incident, MinistryToStateCouncil, incident.T(0.7)).DueAt);
        Assert.Equal(HopStatus.Pending, Of(incident, ToProvince, incident.T(0.7)).Status);
        Assert.Equal(HopStatus.Awaiting, Of(incident, ProvinceToMinistry, incident.T(0.7)).Status);
    }

    [Fact]
    public void A_late_hop_and_a_hop_never_received_are_visible_in_the_chain_and_the_timeline()
    {
        var incident = Register(Facts.LevelIV);
        incident.Handle(Hop(ToCity, incident.T(3), null), Commander, incident.T(3)).Accept();
        Assert.Equal(HopStatus.Sent, Of(incident, ToCity, incident.T(3)).Status);

        incident.Handle(Hop(ToGovernment, incident.T(4.5), incident.T(5)), Commander, incident.T(5)).Accept();

        var late = Of(incident, ToGovernment, incident.T(5));
        Assert.Equal(HopStatus.ReceivedLate, late.Status);
        Assert.Equal(TimeSpan.FromHours(1), late.LateBy);
        Assert.True(late.NeedsAttention);
        var lateEntry = Assert.Single(incident.State.Timeline, e => e.Text.Code == ChainTexts.HopReceivedLate.Code);
        Assert.Equal(TimelineKind.ObligationCompleted, lateEntry.Kind);
        Assert.Equal(Arg.Of(TimeSpan.FromHours(1)), lateEntry.Text["late"]);

        var never = Of(incident, ToCity, incident.T(5));
        Assert.Equal(HopStatus.NotReceived, never.Status);
        Assert.Equal(TimeSpan.FromHours(1), never.LateBy);
        Assert.True(never.Involves("140400"));
        Assert.Contains(incident.State.Timeline, e => e.Kind == TimelineKind.ObligationOverdue && e.Ref == ToCity && e.At == incident.T(4));
    }

    [Fact]
    public void A_phone_report_counts_as_received_and_a_written_one_is_owed_until_recorded()
    {
        var incident = Register(Facts.LevelIV);
        incident.Handle(Hop(ToCity, incident.T(1), incident.T(1), ReportMedium.Phone), Commander, incident.T(1)).Accept();

        var phoned = Of(incident, ToCity, incident.T(1));
        Assert.Equal(HopStatus.Received, phoned.Status);
        Assert.True(phoned.WrittenOwed);
        Assert.Contains(incident.State.Timeline, e => e.Text.Code == ChainTexts.WrittenOwed.Code && e.Text.Zh().Contains("第九条", StringComparison.Ordinal));

        var again = incident.Refused(incident.T(1.5), i => i.Handle(Hop(ToCity, incident.T(1.5), incident.T(1.5), ReportMedium.Phone), Commander, incident.T(1.5)), DecisionOutcome.NotAllowed);
        Assert.Equal(ChainTexts.AlreadyReceived.Code, again.Reason!.Code);

        incident.Handle(Hop(ToCity, incident.T(2), incident.T(2.5)), Commander, incident.T(3)).Accept();
        var written = Of(incident, ToCity, incident.T(3));
        Assert.False(written.WrittenOwed);
        Assert.Equal(incident.T(2.5), written.WrittenAt);
        Assert.Equal(incident.T(1), written.ReceivedAt);

        var twice = incident.Refused(incident.T(3), i => i.Handle(Hop(ToCity, incident.T(3), incident.T(3)), Commander, incident.T(3)), DecisionOutcome.NotAllowed);
        Assert.Equal(ChainTexts.WrittenAlready.Code, twice.Reason!.Code);
    }

    [Fact]
    public void Bad_hops_are_refused_with_the_field_and_change_nothing()
    {
        var incident = Register(Facts.LevelIV);
        var now = incident.T(2);

        var unknown = incident.Refused(now, i => i.Handle(Hop("reportUp-140406-999999", incident.T(1), incident.T(1)), Commander, now), DecisionOutcome.Invalid);
        var error = Assert.Single(unknown.Errors);
        Assert.Equal("hop", error.Field);
        Assert.Equal(ChainTexts.UnknownHop.Code, error.Message.Code);
        Assert.Contains(ToCity, error.Message.En(), StringComparison.Ordinal);

        var backwards = incident.Refused(now, i => i.Handle(Hop(ToCity, incident.T(1.5), incident.T(1)), Commander, now), DecisionOutcome.Invalid);
        Assert.Equal("receivedAt", Assert.Single(backwards.Errors).Field);
        Assert.Contains("时间", Assert.Single(backwards.Errors).Message.Zh(), StringComparison.Ordinal);

        var future = incident.Refused(now, i => i.Handle(Hop(ToCity, incident.T(1), incident.T(3)), Commander, now), DecisionOutcome.Invalid);
        Assert.Equal("receivedAt", Assert.Single(future.Errors).Field);

        var sentLater = incident.Refused(now, i => i.Handle(Hop(ToCity, incident.T(3), null), Commander, now), DecisionOutcome.Invalid);
        Assert.Equal("sentAt", Assert.Single(sentLater.Errors).Field);

        var nobody = incident.Refused(now, i => i.Handle(Hop(ToCity, incident.T(1), incident.T(1)) with { ReceivedBy = " " }, Commander, now), DecisionOutcome.Invalid);
        Assert.Equal("receivedBy", Assert.Single(nobody.Errors).Field);
    }

    [Fact]
    public void Complete_obligation_refuses_a_hop_which_is_recorded_by_its_own_move()
    {
        var incident = Register(Facts.LevelIV);

        var refused = incident.Refused(incident.T(1), i => i.Handle(Cmd.Complete(ObligationKind.ReportUp), Commander, incident.T(1)), DecisionOutcome.NotAllowed);

        Assert.Equal(ChainTexts.ByItsOwnMove.Code, refused.Reason!.Code);
        Assert.Contains("recordHop", refused.Reason.En(), StringComparison.Ordinal);
        Assert.Contains("逐级上报", refused.Reason.Zh(), StringComparison.Ordinal);
        Assert.Contains("recordHop", incident.AllowedMoves(incident.T(1)));
        Assert.DoesNotContain("completeObligation(reportUp)", incident.AllowedMoves(incident.T(1)));
    }

    [Fact]
    public void A_region_outside_the_catalog_has_no_chain_and_recording_a_hop_says_why()
    {
        var incident = Drive.Register(Facts.LevelIV);

        Assert.Empty(incident.ChainView(incident.T(1)));
        Assert.DoesNotContain(incident.State.Obligations, o => o.Kind == ObligationKind.ReportUp);
        Assert.DoesNotContain("recordHop", incident.AllowedMoves(incident.T(1)));
        var refused = incident.Refused(incident.T(1), i => i.Handle(Hop(ToCity, incident.T(1), incident.T(1)), Commander, incident.T(1)), DecisionOutcome.NotAllowed);
        Assert.Equal(ChainTexts.NoChain.Code, refused.Reason!.Code);
    }

    [Fact]
    public void A_hop_never_received_does_not_hold_the_incident_open_and_stays_visible_after_closing()
    {
        var incident = Register(Facts.LevelIV);
        incident.Handle(Cmd.Initial(), Commander, incident.T(1)).Accept();
        Drive.CompleteSteps(incident, incident.T(1.5));
        incident.Handle(Cmd.Final(), Commander, incident.T(3)).Accept();

        incident.Handle(Cmd.Close(), Commander, incident.T(6)).Accept();

        Assert.Equal(IncidentPhase.Closed, incident.State.Phase);
        Assert.All(incident.ChainView(incident.T(6)), h => Assert.Equal(HopStatus.Overdue, h.Status));
    }
}
