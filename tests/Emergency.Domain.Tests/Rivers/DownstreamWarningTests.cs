using Emergency.Domain.Incidents;
using Emergency.Domain.Rivers;
using Emergency.Testing;

namespace Emergency.Domain.Tests.Rivers;

/// <summary>
/// A spill into a river on an incident (下游预警): arrivals estimated from the shipped river data, one warning obligation
/// per party downstream due a lead time before the pollution arrives, recomputed when something new is observed.
/// </summary>
public sealed class DownstreamWarningTests
{
    private static readonly Actor Commander = Drive.Commander;

    /// <summary>The Longjiang spill found on 2012-01-15, judged by the 2011 rules (intake lead 24 h, boundary lead 12 h).</summary>
    private static readonly DateTimeOffset Longjiang = new(2012, 1, 15, 8, 0, 0, Times.China);

    /// <summary>A spill in November, when the shipped Songhua velocities hold, judged by the 2014 rules.</summary>
    private static readonly DateTimeOffset Songhua = new(2015, 11, 13, 13, 40, 0, Times.China);

    private static Incident Spilled(string reach, double km, DateTimeOffset at, double? threshold = null, double massKg = 100_000)
    {
        var incident = Drive.Register(discoveredAt: at, now: at).WithRivers(RealRivers.Catalog);
        incident.Handle(Spill(reach, km, at, threshold, massKg), Commander, at).Accept();
        return incident;
    }

    private static RecordSpill Spill(string reach, double km, DateTimeOffset at, double? threshold = null, double massKg = 100_000) =>
        new() { Reach = reach, PositionKm = km, At = at, Pollutant = "nitrobenzene", MassKg = massKg, ThresholdMgPerL = threshold };

    private static DownstreamArrival Arrival(Incident incident, string id) => incident.State.Downstream!.Arrivals.Single(a => a.Id == id);

    [Fact]
    public void The_advective_arrival_at_Liuzhous_intake_is_the_hand_computed_one_and_its_warning_is_due_24_h_before()
    {
        // Longjiang at Lalang (longjiang-hechi km 0), January: every reach 0.139 m/s (config/rivers/longjiang-liujiang.json).
        // Liuzhou Hexi intake: 100 km (longjiang-hechi) + 22 km (longjiang-liucheng) + 35 km (liujiang-liuzhou) = 157 km;
        // 157 000 m / 0.139 m/s = 1 129 496.4 s = 13 d 1 h 44 min 56 s, so 2012-01-28 09:44:56 Beijing time.
        // The Hechi → Liuzhou boundary at 100 km: 100 000 / 0.139 = 719 424.5 s = 8 d 7 h 50 min 24 s: 2012-01-23 15:50:24.
        var incident = Spilled("longjiang-hechi", 0, Longjiang);

        var intake = Arrival(incident, "liuzhou-hexi");
        Assert.Equal(157, intake.DistanceKm);
        Assert.InRange((intake.AdvectiveArrival - new DateTimeOffset(2012, 1, 28, 9, 44, 56, Times.China)).TotalSeconds, -1, 1);
        Assert.Equal(LeadingEdgeStatus.NoThreshold, intake.LeadingEdgeStatus);
        var boundary = Arrival(incident, "boundary-451200-450200");
        Assert.InRange((boundary.AdvectiveArrival - new DateTimeOffset(2012, 1, 23, 15, 50, 24, Times.China)).TotalSeconds, -1, 1);

        var warnIntake = incident.Obligation("warnDownstream-liuzhou-hexi");
        Assert.Equal((ObligationKind.WarnDownstream, intake.AdvectiveArrival.AddHours(-24)), (warnIntake.Kind, warnIntake.DueAt));
        Assert.Equal(DownstreamTexts.Basis.Code, warnIntake.DeadlineBasis.Code);
        Assert.Contains("MEP Order 17 art. 8", warnIntake.DeadlineBasis.En(), StringComparison.Ordinal);
        Assert.Contains("local practice", warnIntake.DeadlineBasis.En(), StringComparison.Ordinal);
        Assert.Equal(boundary.AdvectiveArrival.AddHours(-12), incident.Obligation("warnDownstream-450200").DueAt);
    }

    [Fact]
    public void The_view_counts_down_to_each_point_with_its_party_and_warning()
    {
        var incident = Spilled("longjiang-hechi", 0, Longjiang);
        var now = Longjiang.AddHours(2);

        var view = incident.View(now).Downstream!;

        Assert.True(view.ReachesAnIntake);
        var intake = view.Points.Single(p => p.Point == "liuzhou-hexi");
        Assert.Equal((DownstreamPointKind.Intake, "柳州市自来水 (Liuzhou city water supply)", "450200"), (intake.Kind, intake.Party, intake.Jurisdiction));
        Assert.Equal(intake.Arrival - now, intake.Remaining);
        Assert.Equal((WarningStatus.Pending, "warnDownstream-liuzhou-hexi"), (intake.Warning, intake.Obligation));
        var boundary = view.Points.Single(p => p.Kind == DownstreamPointKind.Boundary);
        Assert.Equal(("柳州市", "warnDownstream-450200"), (boundary.Party, boundary.Obligation));
        var end = view.Points.Single(p => p.Kind == DownstreamPointKind.End);
        Assert.Equal((WarningStatus.None, (string?)null), (end.Warning, end.Party));
    }

    [Fact]
    public void Along_the_Songhua_each_intake_operator_and_each_jurisdiction_entered_gets_its_own_warning()
    {
        // Jilin → Sanchahe 127 km, Sanchahe → Sifangtai 253 km, all at 0.459 m/s in November: Sifangtai at 380 km,
        // 380 000 / 0.459 = 827 886.7 s = 229.97 h after the spill.
        var incident = Spilled("songhua-jilin", 0, Songhua);

        var sifangtai = Arrival(incident, "harbin-sifangtai");
        Assert.InRange((sifangtai.AdvectiveArrival - Songhua).TotalSeconds, 827_886, 827_888);
        Assert.Equal(
            ["warnDownstream-230000", "warnDownstream-230100", "warnDownstream-harbin-sifangtai", "warnDownstream-harbin-zhushuntun", "warnDownstream-yilan-dalianhe", "warnDownstream-230800"],
            incident.State.Obligations.Where(o => o.Kind == ObligationKind.WarnDownstream).Select(o => o.Id));
    }

    [Fact]
    public void With_a_threshold_the_leading_edge_comes_first_and_the_warning_counts_from_it()
    {
        var incident = Spilled("songhua-jilin", 0, Songhua, threshold: 0.017);

        var sifangtai = Arrival(incident, "harbin-sifangtai");
        Assert.Equal(LeadingEdgeStatus.Exceeds, sifangtai.LeadingEdgeStatus);
        Assert.True(sifangtai.LeadingEdge < sifangtai.AdvectiveArrival);
        Assert.Equal(sifangtai.LeadingEdge!.Value.AddHours(-24), incident.Obligation("warnDownstream-harbin-sifangtai").DueAt);
    }

    [Fact]
    public void A_warning_with_less_than_its_lead_time_left_is_due_at_once()
    {
        // liujiang-liuzhou km 30 to the Hexi intake at km 35: 5 000 / 0.139 = 35 971 s, about 10 h: less than 24 h.
        var now = Longjiang.AddMinutes(30);
        var incident = Drive.Register(discoveredAt: Longjiang, now: Longjiang).WithRivers(RealRivers.Catalog);

        incident.Handle(Spill("liujiang-liuzhou", 30, Longjiang), Commander, now).Accept();

        var warn = incident.Obligation("warnDownstream-liuzhou-hexi");
        Assert.Equal(now, warn.DueAt);
        Assert.Equal(DownstreamTexts.BasisAtOnce.Code, warn.DeadlineBasis.Code);
        Assert.Contains("at once", warn.DeadlineBasis.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_velocity_moves_the_arrivals_and_the_unsent_deadlines_and_says_what_moved_while_sent_warnings_stay_sent()
    {
        var incident = Spilled("songhua-jilin", 0, Songhua);
        var sentAt = Songhua.AddHours(2);
        incident.Handle(new SendWarning { Obligation = "warnDownstream-230000", To = "Heilongjiang EPB duty office", Medium = ReportMedium.Phone, At = sentAt }, Commander, sentAt).Accept();
        var before = Arrival(incident, "harbin-sifangtai").AdvectiveArrival;
        var observed = Songhua.AddHours(3);

        incident.Handle(new RiverObservation { Velocities = [new VelocityObservation { Reach = "songhua-sanchahe-harbin", MetresPerSecond = 0.3 }] }, Commander, observed).Accept();

        // 127 000 / 0.459 + 253 000 / 0.3 = 276 688.5 + 843 333.3 = 1 120 021.8 s after the spill.
        var after = Arrival(incident, "harbin-sifangtai").AdvectiveArrival;
        Assert.InRange((after - Songhua).TotalSeconds, 1_120_021, 1_120_023);
        var warn = incident.Obligation("warnDownstream-harbin-sifangtai");
        Assert.Equal(after.AddHours(-24), warn.DueAt);
        var moved = incident.State.Timeline.Single(e => e.Text.Code == DownstreamTexts.ArrivalMoved.Code && e.Text["point"]!.Text == Arrival(incident, "harbin-sifangtai").Name);
        Assert.Equal((before, after), (moved.Text["from"]!.Time, moved.Text["to"]!.Time));
        var changed = incident.State.Timeline.Single(e => e.Kind == TimelineKind.DeadlineChanged && e.Ref == "warnDownstream-harbin-sifangtai");
        Assert.Equal((before.AddHours(-24), after.AddHours(-24)), (changed.Text["from"]!.Time, changed.Text["to"]!.Time));
        var observation = incident.State.Timeline.Single(e => e.Text.Code == DownstreamTexts.Observation.Code);
        Assert.Contains("velocity of reach songhua-sanchahe-harbin 0.459 → 0.3 m/s", observation.Text.En(), StringComparison.Ordinal);

        var sent = incident.Obligation("warnDownstream-230000");
        Assert.Equal(sentAt, sent.CompletedAt);
        Assert.DoesNotContain(incident.State.Timeline, e => e.Kind == TimelineKind.DeadlineChanged && e.Ref == "warnDownstream-230000");
        Assert.Equal(WarningStatus.Sent, incident.View(observed).Downstream!.Points.Single(p => p.Obligation == "warnDownstream-230000").Warning);
    }

    [Fact]
    public void A_new_position_below_an_intake_releases_its_warning_and_says_so()
    {
        var incident = Spilled("songhua-mulan-dalai", 100, Songhua);
        var now = Songhua.AddHours(1);

        incident.Handle(new RiverObservation { PositionKm = 150, Note = "outfall found further down" }, Commander, now).Accept();

        Assert.False(Arrival(incident, "yilan-dalianhe").StillDownstream);
        var released = incident.Obligation("warnDownstream-yilan-dalianhe");
        Assert.True(released.IsCompleted);
        Assert.Equal(DownstreamTexts.NotNeededNote.Code, released.Note!.Code);
        Assert.Equal(WarningStatus.NotNeeded, incident.View(now).Downstream!.Points.Single(p => p.Point == "yilan-dalianhe").Warning);
        Assert.Contains(incident.State.Timeline, e => e.Text.Code == DownstreamTexts.NoIntakeDownstream.Code);
        var refused = incident.Refused(now, i => i.Handle(new SendWarning { Obligation = "warnDownstream-yilan-dalianhe", To = "x", Medium = ReportMedium.Phone }, Commander, now), DecisionOutcome.NotAllowed);
        Assert.Equal(DownstreamTexts.NotNeeded.Code, refused.Reason!.Code);
    }

    [Fact]
    public void A_warning_is_sent_then_acknowledged_by_the_party_warned()
    {
        var incident = Spilled("longjiang-hechi", 0, Longjiang);
        var sentAt = Longjiang.AddHours(1);
        var ackAt = Longjiang.AddHours(1.5);

        incident.Handle(new SendWarning { Obligation = "warnDownstream-liuzhou-hexi", To = "Liuzhou water duty office, Mr Li", Medium = ReportMedium.Written, At = sentAt }, Commander, sentAt).Accept();
        incident.Handle(new AcknowledgeWarning { Obligation = "warnDownstream-liuzhou-hexi", AcknowledgedBy = "Ms Zhou, plant manager" }, Commander, ackAt).Accept();

        var warn = incident.Obligation("warnDownstream-liuzhou-hexi");
        Assert.Equal((sentAt, "Liuzhou water duty office, Mr Li"), (warn.CompletedAt, warn.Notified));
        var line = incident.View(ackAt).Downstream!.Points.Single(p => p.Point == "liuzhou-hexi");
        Assert.Equal((WarningStatus.Acknowledged, ackAt, "Ms Zhou, plant manager", ReportMedium.Written), (line.Warning, line.AcknowledgedAt, line.AcknowledgedBy, line.Medium));
        var entry = incident.State.Timeline.Single(e => e.Kind == TimelineKind.WarningAcknowledged);
        Assert.Equal(("warnDownstream-liuzhou-hexi", ackAt), (entry.Ref, entry.At));

        var twice = incident.Refused(ackAt, i => i.Handle(new AcknowledgeWarning { Obligation = "warnDownstream-liuzhou-hexi", AcknowledgedBy = "again" }, Commander, ackAt), DecisionOutcome.NotAllowed);
        Assert.Equal(DownstreamTexts.AlreadyAcknowledged.Code, twice.Reason!.Code);
        var resend = incident.Refused(ackAt, i => i.Handle(new SendWarning { Obligation = "warnDownstream-liuzhou-hexi", To = "x", Medium = ReportMedium.Phone }, Commander, ackAt), DecisionOutcome.NotAllowed);
        Assert.Equal(DownstreamTexts.AlreadySent.Code, resend.Reason!.Code);
    }

    [Fact]
    public void A_warning_cannot_be_acknowledged_before_it_is_sent_nor_before_the_moment_it_was_sent()
    {
        var incident = Spilled("longjiang-hechi", 0, Longjiang);
        var now = Longjiang.AddHours(2);

        var unsent = incident.Refused(now, i => i.Handle(new AcknowledgeWarning { Obligation = "warnDownstream-450200", AcknowledgedBy = "Liuzhou EPB" }, Commander, now), DecisionOutcome.NotAllowed);
        Assert.Equal(DownstreamTexts.NotSentYet.Code, unsent.Reason!.Code);
        Assert.Contains("尚未记录向柳州市发出预警", unsent.Reason.Zh(), StringComparison.Ordinal);

        incident.Handle(new SendWarning { Obligation = "warnDownstream-450200", To = "Liuzhou EPB", Medium = ReportMedium.Phone, At = now }, Commander, now).Accept();
        var early = incident.Refused(now, i => i.Handle(new AcknowledgeWarning { Obligation = "warnDownstream-450200", AcknowledgedBy = "Liuzhou EPB", At = now.AddMinutes(-5) }, Commander, now), DecisionOutcome.NotAllowed);
        Assert.Equal(DownstreamTexts.AcknowledgedBeforeSent.Code, early.Reason!.Code);
    }

    [Fact]
    public void The_generic_completion_refuses_a_warning_and_says_how_it_is_done()
    {
        var incident = Spilled("longjiang-hechi", 0, Longjiang);
        var now = Longjiang.AddHours(1);

        var decision = incident.Refused(now, i => i.Handle(Cmd.Complete(ObligationKind.WarnDownstream), Commander, now), DecisionOutcome.NotAllowed);

        Assert.Equal(DownstreamTexts.DoneBySendWarning.Code, decision.Reason!.Code);
        Assert.Contains("sendWarning", decision.Reason.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_warning_not_sent_in_time_goes_overdue_and_one_sent_is_never_dated_in_the_future()
    {
        var incident = Spilled("longjiang-hechi", 0, Longjiang);
        var due = incident.Obligation("warnDownstream-450200").DueAt;
        var later = due.AddHours(1);

        incident.Tick(later);

        Assert.Equal(due, incident.Obligation("warnDownstream-450200").OverdueSince);
        Assert.Equal(WarningStatus.Overdue, incident.View(later).Downstream!.Points.Single(p => p.Obligation == "warnDownstream-450200").Warning);
        var future = incident.Refused(later, i => i.Handle(new SendWarning { Obligation = "warnDownstream-450200", To = "x", Medium = ReportMedium.Phone, At = later.AddMinutes(5) }, Commander, later), DecisionOutcome.Invalid);
        Assert.Equal("at", future.Errors.Single().Field);
    }

    [Fact]
    public void A_spill_below_every_intake_is_accepted_the_timeline_says_so_and_only_the_jurisdictions_entered_are_warned()
    {
        // Songhua at km 111 of reach songhua-mulan-dalai, below the Dalianhe intake (km 110.4), November:
        // (212.9 - 111) km = 101 900 m / 0.360 m/s = 283 055.6 s to Dalai, where the river enters Jiamusi (230800); the boundary lead is 12 h.
        var spilled = new DateTimeOffset(2016, 11, 13, 13, 40, 0, Times.China);

        var incident = Spilled("songhua-mulan-dalai", 111, spilled);

        var entry = incident.State.Timeline.Single(e => e.Text.Code == DownstreamTexts.NoIntakeDownstream.Code);
        Assert.Contains("No drinking-water intake lies downstream", entry.Text.En(), StringComparison.Ordinal);
        Assert.Equal(["warnDownstream-230800"], incident.State.Obligations.Where(o => o.Kind == ObligationKind.WarnDownstream).Select(o => o.Id));
        var dalai = Arrival(incident, "boundary-230100-230800");
        Assert.InRange((dalai.AdvectiveArrival - spilled).TotalSeconds, 283_055, 283_056);
        Assert.Equal(dalai.AdvectiveArrival.AddHours(-12), incident.Obligation("warnDownstream-230800").DueAt);
        Assert.False(incident.View(spilled).Downstream!.ReachesAnIntake);
    }

    [Fact]
    public void The_zhuozhang_below_the_shanxi_border_warns_both_banks_and_the_handan_and_anyang_intakes_on_yuecheng_reservoir()
    {
        // Zhuozhang at the Tianji outfall (km 0), December: 80 000 m / 0.211 m/s = 379 146.9 s = 105.32 h to the Shanxi border,
        // where the river enters Shexian (130426) with Linzhou (410581) on the other bank; then 108 400 m / 0.449 m/s
        // = 241 425.4 s = 67.06 h to Yuecheng reservoir: 620 572.3 s = 172.38 h in all. Boundary lead 12 h, intake lead 24 h.
        var spilled = new DateTimeOffset(2016, 12, 31, 7, 40, 0, Times.China);

        var incident = Spilled("zhuozhang-changzhi", 0, spilled);

        Assert.Equal(
            ["warnDownstream-130426", "warnDownstream-410581", "warnDownstream-handan-yuecheng", "warnDownstream-anyang-yuecheng"],
            incident.State.Obligations.Where(o => o.Kind == ObligationKind.WarnDownstream).Select(o => o.Id));
        var border = Arrival(incident, "boundary-140400-130426+410581");
        Assert.InRange((border.AdvectiveArrival - spilled).TotalSeconds, 379_146, 379_148);
        Assert.Equal(border.AdvectiveArrival.AddHours(-12), incident.Obligation("warnDownstream-410581").DueAt);
        foreach (var intake in new[] { "handan-yuecheng", "anyang-yuecheng" })
        {
            var arrival = Arrival(incident, intake);
            Assert.Equal(188.4, arrival.DistanceKm, 9);
            Assert.InRange((arrival.AdvectiveArrival - spilled).TotalSeconds, 620_572, 620_573);
            Assert.Equal(arrival.AdvectiveArrival.AddHours(-24), incident.Obligation($"warnDownstream-{intake}").DueAt);
        }

        var view = incident.View(spilled).Downstream!;
        Assert.True(view.ReachesAnIntake);
        Assert.Equal(["130400", "410500"], view.Points.Where(p => p.Kind == DownstreamPointKind.Intake).Select(p => p.Jurisdiction));
        Assert.Equal(DownstreamPointKind.End, view.Points[^1].Kind);
    }

    [Theory]
    [InlineData("nowhere", 0, 1000, 11, "reach", "downstream.unknownReach")]
    [InlineData("songhua-jilin", 128, 1000, 11, "positionKm", "downstream.offReach")]
    [InlineData("songhua-jilin", -1, 1000, 11, "positionKm", "downstream.offReach")]
    [InlineData("songhua-jilin", 10, 0, 11, "massKg", "downstream.massNotPositive")]
    [InlineData("songhua-jilin", 10, 1000, 7, "at", "downstream.noVelocityForMonth")]
    public void A_spill_the_river_data_cannot_answer_is_refused_with_the_field_and_changes_nothing(string reach, double km, double kg, int month, string field, string code)
    {
        var at = new DateTimeOffset(2015, month, 13, 13, 40, 0, Times.China);
        var incident = Drive.Register(discoveredAt: at, now: at).WithRivers(RealRivers.Catalog);

        var decision = incident.Refused(at, i => i.Handle(Spill(reach, km, at, massKg: kg), Commander, at), DecisionOutcome.Invalid);

        var error = decision.Errors.Single();
        Assert.Equal((field, code), (error.Field, error.Message.Code));
        Assert.Null(incident.State.Downstream);
    }

    [Fact]
    public void Without_river_data_every_reach_is_unknown()
    {
        var incident = Drive.Register(discoveredAt: Songhua, now: Songhua);

        var decision = incident.Refused(Songhua, i => i.Handle(Spill("songhua-jilin", 0, Songhua), Commander, Songhua), DecisionOutcome.Invalid);

        Assert.Equal(DownstreamTexts.UnknownReach.Code, decision.Errors.Single().Message.Code);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-0.2)]
    public void A_velocity_of_zero_or_less_is_refused_and_the_countdown_stays(double velocity)
    {
        var incident = Spilled("songhua-jilin", 0, Songhua);
        var now = Songhua.AddHours(1);

        var decision = incident.Refused(now, i => i.Handle(new RiverObservation { Velocities = [new VelocityObservation { Reach = "songhua-jilin", MetresPerSecond = velocity }] }, Commander, now), DecisionOutcome.Invalid);

        var error = decision.Errors.Single();
        Assert.Equal(("velocities[0].metresPerSecond", DownstreamTexts.VelocityNotPositive.Code), (error.Field, error.Message.Code));
        Assert.Contains("流速须大于 0", error.Message.Zh(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_observation_of_nothing_an_unknown_reach_or_a_position_off_the_reach_is_refused()
    {
        var incident = Spilled("songhua-jilin", 0, Songhua);
        var now = Songhua.AddHours(1);

        var nothing = incident.Refused(now, i => i.Handle(new RiverObservation(), Commander, now), DecisionOutcome.Invalid);
        var unknown = incident.Refused(now, i => i.Handle(new RiverObservation { Velocities = [new VelocityObservation { Reach = "nile", MetresPerSecond = 1 }] }, Commander, now), DecisionOutcome.Invalid);
        var off = incident.Refused(now, i => i.Handle(new RiverObservation { PositionKm = 500 }, Commander, now), DecisionOutcome.Invalid);

        Assert.Equal(DownstreamTexts.NothingObserved.Code, nothing.Errors.Single().Message.Code);
        Assert.Equal(("velocities[0].reach", DownstreamTexts.UnknownReach.Code), (unknown.Errors.Single().Field, unknown.Errors.Single().Message.Code));
        Assert.Equal(("positionKm", DownstreamTexts.OffReach.Code), (off.Errors.Single().Field, off.Errors.Single().Message.Code));
    }

    [Fact]
    public void A_second_spill_an_observation_without_a_spill_and_an_unknown_warning_are_refused_with_their_codes()
    {
        var bare = Drive.Register(discoveredAt: Songhua, now: Songhua).WithRivers(RealRivers.Catalog);
        var now = Songhua.AddHours(1);
        var noSpill = bare.Refused(now, i => i.Handle(new RiverObservation { MassKg = 5 }, Commander, now), DecisionOutcome.NotAllowed);
        Assert.Equal(DownstreamTexts.NoSpill.Code, noSpill.Reason!.Code);
        Assert.Contains("recordSpill", bare.AllowedMoves(now));

        var incident = Spilled("songhua-jilin", 0, Songhua);
        var again = incident.Refused(now, i => i.Handle(Spill("songhua-jilin", 5, Songhua), Commander, now), DecisionOutcome.NotAllowed);
        var unknown = incident.Refused(now, i => i.Handle(new SendWarning { Obligation = "warnDownstream-nowhere", To = "x", Medium = ReportMedium.Phone }, Commander, now), DecisionOutcome.NotAllowed);

        Assert.Equal(DownstreamTexts.SpillAlreadyRecorded.Code, again.Reason!.Code);
        Assert.Equal(DownstreamTexts.UnknownWarning.Code, unknown.Reason!.Code);
        Assert.DoesNotContain("recordSpill", incident.AllowedMoves(now));
        Assert.Contains("riverObservation", incident.AllowedMoves(now));
    }

    [Fact]
    public void The_spill_and_its_warnings_survive_a_round_trip_through_the_stored_json()
    {
        var incident = Spilled("songhua-jilin", 0, Songhua, threshold: 0.017);
        incident.Handle(new SendWarning { Obligation = "warnDownstream-230000", To = "Heilongjiang EPB", Medium = ReportMedium.Phone }, Commander, Songhua.AddHours(1)).Accept();

        var stored = System.Text.Json.JsonSerializer.Serialize(incident.State, JsonShape.Options);
        var loaded = System.Text.Json.JsonSerializer.Deserialize<IncidentState>(stored, JsonShape.Options)!;

        Assert.Equal(Drive.Snapshot(incident.State), Drive.Snapshot(loaded));
        var reloaded = Incident.Load(loaded, RealRules.Catalog).WithRivers(RealRivers.Catalog);
        reloaded.Handle(new AcknowledgeWarning { Obligation = "warnDownstream-230000", AcknowledgedBy = "Heilongjiang EPB duty officer" }, Commander, Songhua.AddHours(2)).Accept();
    }

    [Theory]
    [InlineData("source", "\"\"", "deadlines.downstreamWarning.source")]
    [InlineData("intakeLeadTime", "\"-PT1H\"", "deadlines.downstreamWarning")]
    public void A_lead_time_rule_without_its_source_or_with_a_negative_lead_stops_the_start(string key, string value, string refusedKey)
    {
        var node = RealRules.Node("cn-2014.json");
        node["deadlines"]!["downstreamWarning"]![key] = System.Text.Json.Nodes.JsonNode.Parse(value);

        var refused = Assert.Throws<Rules.RuleSetException>(() => Rules.RuleSetLoader.Parse([("cn-2011.json", RealRules.Text("cn-2011.json")), ("cn-2014.json", node.ToJsonString())]));

        Assert.Equal(("cn-2014.json", refusedKey), (refused.File, refused.Key));
    }

    [Fact]
    public void A_rule_set_without_a_lead_time_rule_stops_the_start()
    {
        var node = RealRules.Node("cn-2011.json");
        node["deadlines"]!.AsObject().Remove("downstreamWarning");

        var refused = Assert.Throws<Rules.RuleSetException>(() => Rules.RuleSetLoader.Parse([("cn-2011.json", node.ToJsonString()), ("cn-2014.json", RealRules.Text("cn-2014.json"))]));

        Assert.Equal("cn-2011.json", refused.File);
        Assert.Contains("downstreamWarning", refused.Problem, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, double, int, double?> GeneratedSpills()
    {
        // Months in which every reach below has a velocity in the shipped data.
        var months = new Dictionary<string, int[]> { ["songhua"] = [11], ["longjiang-liujiang"] = [1, 2], ["zhuozhang"] = [12, 1] };
        var random = new Random(20051113);
        var data = new TheoryData<string, string, double, int, double?>();
        foreach (var system in RealRivers.Catalog.Systems)
        {
            foreach (var reach in system.Reaches)
            {
                for (var i = 0; i < 20; i++)
                {
                    var km = i switch { 0 => 0, 1 => reach.LengthKm.Value, _ => Math.Round(random.NextDouble() * reach.LengthKm.Value, 3) };
                    double? threshold = random.Next(3) == 0 ? null : Math.Round(0.001 + (random.NextDouble() * 0.5), 4);
                    data.Add(system.Id, reach.Id, km, months[system.Id][random.Next(months[system.Id].Length)], threshold);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(GeneratedSpills))]
    public void Every_intake_downstream_gets_a_warning_due_no_later_than_its_estimated_arrival(string system, string reach, double km, int month, double? threshold)
    {
        var at = new DateTimeOffset(2016 + (month % 3), month, 1 + (int)(km % 27), 6, 15, 0, Times.China);
        var incident = Spilled(reach, km, at, threshold, massKg: 1 + (km * 997 % 200_000));

        var estimate = DownstreamEstimator.Estimate(RealRivers.Catalog, incident.State.Downstream!.Spill.ToSpill());
        Assert.Equal(system, estimate.RiverSystem);
        foreach (var point in estimate.Points.Where(p => p.Kind == DownstreamPointKind.Intake))
        {
            var warn = incident.Obligation($"warnDownstream-{point.Intake!.Id}");
            var arrival = point.LeadingEdge.At is { } edge && edge < point.AdvectiveArrival ? edge : point.AdvectiveArrival;
            Assert.True(warn.DueAt <= arrival, $"{point.Intake.Id}: due {warn.DueAt:O} after arrival {arrival:O}");
            Assert.True(warn.DueAt <= point.AdvectiveArrival);
        }

        foreach (var party in estimate.Points.Where(p => p.Kind == DownstreamPointKind.Boundary).SelectMany(p => p.Into))
        {
            Assert.Contains(incident.State.Obligations, o => o.Id == $"warnDownstream-{party.Code}");
        }
    }
}
