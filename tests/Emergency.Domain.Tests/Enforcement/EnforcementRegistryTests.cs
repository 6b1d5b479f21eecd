using CsCheck;
using Emergency.Domain.Enforcement;
using Emergency.Domain.Tests.Decisions;
using Emergency.Testing;

namespace Emergency.Domain.Tests.Enforcement;

/// <summary>Listed supervision, the blacklist and regional approval restrictions, each with its timeline.</summary>
public sealed class EnforcementRegistryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 8, 0, 0, TimeSpan.FromHours(8));
    private static readonly Actor Enforcer = People.Enforcer;

    private readonly EnforcementRegistry _registry = new(new EnforcementRegistryState());

    [Fact]
    public void A_supervision_lifted_on_its_deadline_is_in_time()
    {
        List("sup-1", deadline: T0.AddDays(60));

        _registry.LiftSupervision("sup-1", new LiftSupervision { Note = "desulphurisation unit accepted on inspection" }, Enforcer, T0.AddDays(60)).Accept();

        var s = _registry.State.Supervisions.Single();
        Assert.Equal(SupervisionStatus.Lifted, s.StatusAt(T0.AddDays(90)));
        Assert.Null(s.OverdueSince);
        Assert.Equal([EnforcementTimelineKind.SupervisionListed, EnforcementTimelineKind.SupervisionLifted], s.Timeline.Select(e => e.Kind));
        Assert.Equal("Enterprise Tianji Coal Chemical listed for supervision (挂牌督办) by Shanxi environmental protection department: aniline spill into the Zhuozhang; rectify by 2026-12-31 08:00 Beijing time", s.Timeline[0].Text.En());
        Assert.Equal("Supervision of Tianji Coal Chemical lifted in time (deadline 2026-12-31 08:00 Beijing time): desulphurisation unit accepted on inspection", s.Timeline[1].Text.En());
        Assert.Equal((T0.AddDays(60), "enforcement.qian (DecisionMaker)"), (s.LiftedAt!.Value, s.LiftedBy));
    }

    [Fact]
    public void A_supervision_not_lifted_by_its_deadline_becomes_overdue_and_stays_marked()
    {
        var deadline = T0.AddDays(30);
        List("sup-1", deadline: deadline);

        Assert.False(_registry.Tick(deadline));
        Assert.Equal(SupervisionStatus.Open, _registry.State.Supervisions[0].StatusAt(deadline));
        var version = _registry.State.Version;
        Assert.True(_registry.Tick(deadline.AddSeconds(1)));
        Assert.False(_registry.Tick(deadline.AddDays(2)));

        var s = _registry.State.Supervisions[0];
        Assert.Equal(version + 1, _registry.State.Version);
        Assert.Equal(deadline, s.OverdueSince);
        Assert.Equal(SupervisionStatus.Overdue, s.StatusAt(deadline.AddDays(2)));
        var overdue = s.Timeline[^1];
        Assert.Equal((EnforcementTimelineKind.RectificationOverdue, deadline, "system"), (overdue.Kind, overdue.At, overdue.Actor));

        _registry.LiftSupervision("sup-1", new LiftSupervision { Note = "rectified" }, Enforcer, deadline.AddDays(5)).Accept();

        Assert.Equal(SupervisionStatus.LiftedLate, s.StatusAt(deadline.AddDays(6)));
        Assert.StartsWith("Supervision of Tianji Coal Chemical lifted LATE by 5 d", s.Timeline[^1].Text.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_command_marks_missed_deadlines_first()
    {
        List("sup-1", deadline: T0.AddDays(1));

        _registry.AddToBlacklist("bl-1", new AddToBlacklist { Enterprise = "Jinyuan Smelting", Reason = "falsified monitoring data" }, Enforcer, T0.AddDays(3)).Accept();

        Assert.Equal(T0.AddDays(1), _registry.State.Supervisions[0].OverdueSince);
    }

    [Fact]
    public void The_view_counts_statuses_against_now()
    {
        List("sup-1", deadline: T0.AddDays(10));
        List("sup-2", deadline: T0.AddDays(40));

        var view = _registry.View(T0.AddDays(15));

        Assert.Equal([SupervisionStatus.Overdue, SupervisionStatus.Open], view.Supervisions.Select(s => s.Status));
        Assert.Equal(TimeSpan.FromDays(5), view.Supervisions[0].OverdueBy);
        Assert.Equal(TimeSpan.FromDays(25), view.Supervisions[1].Remaining);
    }

    [Fact]
    public void Listing_with_a_deadline_not_after_now_is_invalid()
    {
        var decision = Refused(r => r.ListSupervision("sup-1", Listing(T0), Enforcer, T0), DecisionOutcome.Invalid);

        Assert.Equal("rectificationDeadline", Assert.Single(decision.Errors).Field);
    }

    [Fact]
    public void Lifting_twice_an_unknown_id_or_reusing_an_id_is_refused()
    {
        List("sup-1", deadline: T0.AddDays(30));
        _registry.LiftSupervision("sup-1", new LiftSupervision { Note = "rectified" }, Enforcer, T0.AddDays(2)).Accept();

        Assert.Equal("the supervision of Tianji Coal Chemical was already lifted at 2026-11-03 08:00 Beijing time by enforcement.qian (DecisionMaker)",
            Refused(r => r.LiftSupervision("sup-1", new LiftSupervision { Note = "again" }, Enforcer, T0.AddDays(3))).Reason.En());
        Assert.Equal("no listed supervision has the id 'sup-9'", Refused(r => r.LiftSupervision("sup-9", new LiftSupervision { Note = "x" }, Enforcer, T0.AddDays(3))).Reason.En());
        Assert.Equal("the id 'sup-1' is already used by the supervision of Tianji Coal Chemical", Refused(r => r.ListSupervision("sup-1", Listing(T0.AddDays(90)), Enforcer, T0.AddDays(3))).Reason.En());
        Assert.Equal("note", Assert.Single(Refused(r => r.LiftSupervision("sup-1", new LiftSupervision { Note = "" }, Enforcer, T0.AddDays(3)), DecisionOutcome.Invalid).Errors).Field);
    }

    [Fact]
    public void The_blacklist_records_who_added_and_removed_an_enterprise_when_and_why()
    {
        _registry.AddToBlacklist("bl-1", new AddToBlacklist { Enterprise = "Jinyuan Smelting", Reason = "falsified monitoring data" }, Enforcer, T0).Accept();
        var again = Refused(r => r.AddToBlacklist("bl-2", new AddToBlacklist { Enterprise = " jinyuan smelting", Reason = "again" }, Enforcer, T0.AddDays(1)));
        _registry.RemoveFromBlacklist("bl-1", new RemoveFromBlacklist { Reason = "two years without a violation" }, People.Maker, T0.AddDays(730)).Accept();
        _registry.AddToBlacklist("bl-2", new AddToBlacklist { Enterprise = "Jinyuan Smelting", Reason = "illegal discharge" }, Enforcer, T0.AddDays(800)).Accept();

        Assert.Equal("Jinyuan Smelting is already on the blacklist (bl-1, added 2026-11-01 08:00 Beijing time by enforcement.qian (DecisionMaker): falsified monitoring data)", again.Reason.En());
        var first = _registry.State.Blacklist[0];
        Assert.Equal((T0.AddDays(730), "director.li (DecisionMaker)", "two years without a violation"), (first.RemovedAt!.Value, first.RemovedBy, first.RemovalReason));
        Assert.Equal(["Jinyuan Smelting added to the blacklist (黑名单): falsified monitoring data", "Jinyuan Smelting removed from the blacklist: two years without a violation"], first.Timeline.Select(e => e.Text.En()));
        Assert.True(_registry.IsBlacklisted("Jinyuan Smelting", T0.AddDays(10)));
        Assert.False(_registry.IsBlacklisted("Jinyuan Smelting", T0.AddDays(750)));
        Assert.True(_registry.IsBlacklisted("JINYUAN SMELTING", T0.AddDays(801)));
        Assert.Equal(["Jinyuan Smelting"], _registry.View(T0.AddDays(801)).Blacklisted.Select(b => b.Enterprise));
        Assert.Contains("already removed", Refused(r => r.RemoveFromBlacklist("bl-1", new RemoveFromBlacklist { Reason = "x" }, Enforcer, T0.AddDays(900))).Reason.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_restriction_is_in_force_from_its_setting_to_its_lifting()
    {
        _registry.SetRestriction("rr-1", new SetRegionalRestriction { Region = "Handan", Reason = "steel capacity over the cap" }, Enforcer, T0).Accept();
        _registry.SetRestriction("rr-2", new SetRegionalRestriction { Region = "Handan", Reason = "water target missed" }, Enforcer, T0.AddDays(5)).Accept();
        _registry.LiftRestriction("rr-1", new LiftRegionalRestriction { Reason = "capacity cut verified" }, People.Maker, T0.AddDays(20)).Accept();

        Assert.Empty(_registry.InForce("Handan", T0.AddSeconds(-1)));
        Assert.Equal(["rr-1"], _registry.InForce("Handan", T0).Select(r => r.Id));
        Assert.Equal(["rr-1", "rr-2"], _registry.InForce(" handan", T0.AddDays(19)).Select(r => r.Id));
        Assert.Equal(["rr-2"], _registry.InForce("Handan", T0.AddDays(20)).Select(r => r.Id));
        Assert.Empty(_registry.InForce("Anyang", T0.AddDays(10)));
        var rr1 = _registry.State.Restrictions[0];
        Assert.Equal((T0, "enforcement.qian (DecisionMaker)", T0.AddDays(20), "director.li (DecisionMaker)"), (rr1.SetAt, rr1.SetBy, rr1.LiftedAt!.Value, rr1.LiftedBy));
        Assert.Equal(
            ["Regional approval restriction (区域限批) set on Handan: steel capacity over the cap", "Regional approval restriction on Handan lifted after 20 d: capacity cut verified"],
            rr1.Timeline.Select(e => e.Text.En()));
        Assert.Equal(["listSupervision", "addToBlacklist", "setRestriction", "liftRestriction(rr-2)"], _registry.AllowedMoves(T0.AddDays(21)));
        Assert.Equal(3, _registry.State.Version);
    }

    [Fact]
    public void Lifting_a_restriction_twice_is_refused()
    {
        _registry.SetRestriction("rr-1", new SetRegionalRestriction { Region = "Handan", Reason = "r" }, Enforcer, T0).Accept();
        _registry.LiftRestriction("rr-1", new LiftRegionalRestriction { Reason = "done" }, Enforcer, T0.AddDays(1)).Accept();

        var decision = Refused(r => r.LiftRestriction("rr-1", new LiftRegionalRestriction { Reason = "again" }, Enforcer, T0.AddDays(2)));

        Assert.Equal("the restriction on Handan was already lifted at 2026-11-02 08:00 Beijing time by enforcement.qian (DecisionMaker)", decision.Reason.En());
        Assert.Equal(["listSupervision", "addToBlacklist", "setRestriction"], decision.AllowedMoves);
    }

    [Theory]
    [InlineData("", "Handan", "reason text", "id")]
    [InlineData("rr-1", " ", "reason text", "region")]
    [InlineData("rr-1", "Handan", "", "reason")]
    public void A_restriction_needs_an_id_a_region_and_a_reason(string id, string region, string reason, string field)
    {
        var decision = Refused(r => r.SetRestriction(id, new SetRegionalRestriction { Region = region, Reason = reason }, Enforcer, T0), DecisionOutcome.Invalid);

        Assert.Equal(field, Assert.Single(decision.Errors).Field);
    }

    /// <summary>
    /// After every step of a random sequence (entries listed, lifted, refused, deadlines passing) the view, the summary
    /// and the decision share nothing mutable with the registry's state: the grain hands them out by reference.
    /// </summary>
    [Fact]
    public void Views_summaries_and_decisions_share_nothing_mutable_with_the_registry() =>
        Gen.Select(Gen.Int[0, 6], Gen.Int[0, 99], Gen.Int[0, 20 * 24 * 60]).Array[1, 40].Sample(steps =>
        {
            var registry = EnforcementRegistry.Open("enforcement", "live", T0);
            var now = T0;
            foreach (var (move, pick, advance) in steps)
            {
                now = now.AddMinutes(advance);
                var decision = Apply(registry, move, pick, now);
                Detachment.Check(registry.State, ("view", registry.View(now)), ("summary", registry.Summary(now)), ("decision", decision));
            }
        }, iter: 300, threads: 1);

    /// <summary>One random move: ids and names repeat, so some are refused; move 6 only lets the deadlines pass.</summary>
    private static Decision? Apply(EnforcementRegistry registry, int move, int pick, DateTimeOffset now)
    {
        var id = pick % 4;
        switch (move)
        {
            case 0:
                return registry.ListSupervision($"sup-{id}", Listing(now.AddDays(1 + pick)), Enforcer, now);
            case 1:
                return registry.LiftSupervision($"sup-{id}", new LiftSupervision { Note = "rectified" }, Enforcer, now);
            case 2:
                return registry.AddToBlacklist($"bl-{id}", new AddToBlacklist { Enterprise = $"Smelter {pick % 3}", Reason = "falsified monitoring data" }, Enforcer, now);
            case 3:
                return registry.RemoveFromBlacklist($"bl-{id}", new RemoveFromBlacklist { Reason = "two years without a violation" }, Enforcer, now);
            case 4:
                return registry.SetRestriction($"rr-{id}", new SetRegionalRestriction { Region = pick % 2 == 0 ? "Handan" : "Anyang", Reason = "emission cap exceeded" }, Enforcer, now);
            case 5:
                return registry.LiftRestriction($"rr-{id}", new LiftRegionalRestriction { Reason = "target met" }, Enforcer, now);
            default:
                registry.Tick(now);
                return null;
        }
    }

    [Fact]
    public void A_refusal_and_a_timeline_line_are_codes_with_their_arguments_and_read_in_Chinese()
    {
        List("sup-1", deadline: T0.AddDays(30));
        _registry.LiftSupervision("sup-1", new LiftSupervision { Note = "rectified" }, Enforcer, T0.AddDays(35)).Accept();

        var again = Refused(r => r.LiftSupervision("sup-1", new LiftSupervision { Note = "again" }, Enforcer, T0.AddDays(36))).Reason!;
        var lifted = _registry.State.Supervisions[0].Timeline[^1].Text;

        Assert.Equal((EnforcementTexts.SupervisionAlreadyLifted.Code, T0.AddDays(35)), (again.Code, again["at"]!.Time));
        Assert.Equal("Tianji Coal Chemical的挂牌督办已由enforcement.qian (DecisionMaker)于2026-12-06 08:00 北京时间解除", again.Zh());
        Assert.Equal((EnforcementTexts.SupervisionLifted.Code, EnforcementTexts.LiftedLate.Code), (lifted.Code, lifted["timing"]!.Message!.Code));
        Assert.Equal("Tianji Coal Chemical挂牌督办解除，逾期5天完成整改（整改期限2026-12-01 08:00 北京时间）：rectified", lifted.Zh());
    }

    [Fact]
    public void A_regional_approval_restriction_describes_itself_in_Chinese()
    {
        _registry.SetRestriction("rr-1", new SetRegionalRestriction { Region = "邯郸市", Reason = "钢铁产能超出排放总量" }, Enforcer, T0).Accept();

        var restriction = _registry.State.Restrictions.Single();

        Assert.Equal(EnforcementTexts.Restriction.Code, restriction.Describe().Code);
        Assert.Equal("邯郸市区域限批（enforcement.qian (DecisionMaker)于2026-11-01 08:00 北京时间实施：钢铁产能超出排放总量）", restriction.Describe().Zh());
        Assert.Equal("对邯郸市实施区域限批：钢铁产能超出排放总量", restriction.Timeline[0].Text.Zh());
    }

    private static ListSupervision Listing(DateTimeOffset deadline) => new()
    {
        TargetKind = SupervisionTarget.Enterprise,
        Target = "Tianji Coal Chemical",
        Matter = "aniline spill into the Zhuozhang",
        IssuedBy = "Shanxi environmental protection department",
        RectificationDeadline = deadline,
    };

    private void List(string id, DateTimeOffset deadline) => _registry.ListSupervision(id, Listing(deadline), Enforcer, T0).Accept();

    private Decision Refused(Func<EnforcementRegistry, Decision> command, DecisionOutcome expected = DecisionOutcome.NotAllowed)
    {
        var before = DecisionSnapshots.Of(_registry.State);
        var decision = command(_registry);
        Assert.True(expected == decision.Outcome, $"expected {expected}, got {decision.Outcome}: {decision.Reason}");
        Assert.False(string.IsNullOrWhiteSpace(decision.Reason.En()));
        Assert.Equal(before, DecisionSnapshots.Of(_registry.State));
        return decision;
    }
}
