using System.Globalization;
using Emergency.Domain.Cases;
using Emergency.Domain.Disputes;
using Emergency.Domain.Messages;
using Emergency.Testing;

namespace Emergency.Domain.Tests.Disputes;

/// <summary>
/// Every limit of every rule set at its boundary: due at 24:00 of the last day; done at that moment is on time;
/// one tick later is late by one tick, marked overdue at the deadline and never absorbed. A window accepts a request
/// at its end and refuses one a tick later.
/// </summary>
public sealed class DisputeLimitTests
{
    private static readonly Actor Officer = DisputeDrive.Officer;

    /// <summary>
    /// (deployment, year received, step, the day whose 00:00 is the deadline). A last day on a rest day moves to the next
    /// working day (民法典 art. 203): Saturday 2013-03-09 to Monday 03-11, Saturday 04-06 (清明) to the make-up working
    /// Sunday 04-07, Saturday 05-18 to Monday 05-20, Sunday 2023-04-30 (劳动节) to Thursday 05-04, Saturday 05-20 to Monday 05-22.
    /// </summary>
    public static TheoryData<string, int, string, string> Limits { get; } = new()
    {
        { "CN", 2013, "transfer", "2013-03-20" },
        { "CN", 2013, "acceptance", "2013-03-20" },
        { "CN", 2013, "acceptanceAfterTransfer", "2013-03-22" },
        { "CN", 2013, "reply", "2013-05-07" },
        { "CN", 2013, "extendedReply", "2013-06-06" },
        { "CN", 2013, "reviewRequest", "2013-04-24" },
        { "CN", 2013, "reviewAnswer", "2013-04-29" },
        { "CN", 2013, "secondReviewRequest", "2013-05-14" },
        { "CN", 2013, "secondReviewAnswer", "2013-05-21" },
        { "CN-HA", 2013, "transfer", "2013-03-12" },
        { "CN-HA", 2013, "acceptance", "2013-03-20" },
        { "CN-HA", 2013, "acceptanceAfterTransfer", "2013-03-22" },
        { "CN-HA", 2013, "reply", "2013-04-08" },
        { "CN-HA", 2013, "extendedReply", "2013-06-06" },
        { "CN-HA", 2013, "reviewRequest", "2013-04-24" },
        { "CN-HA", 2013, "reviewAnswer", "2013-04-29" },
        { "CN", 2023, "transfer", "2023-03-22" },
        { "CN", 2023, "acceptance", "2023-03-22" },
        { "CN", 2023, "acceptanceAfterTransfer", "2023-03-24" },
        { "CN", 2023, "wrongAssignment", "2023-03-16" },
        { "CN", 2023, "reply", "2023-05-09" },
        { "CN", 2023, "extendedReply", "2023-06-08" },
        { "CN", 2023, "reviewRequest", "2023-04-26" },
        { "CN", 2023, "reviewAnswer", "2023-05-05" },
        { "CN", 2023, "secondReviewRequest", "2023-05-16" },
        { "CN", 2023, "secondReviewAnswer", "2023-05-23" },
        { "CN-HA", 2023, "reply", "2023-05-09" },
        { "CN-HA", 2023, "secondReviewAnswer", "2023-05-23" },
    };

    [Theory]
    [MemberData(nameof(Limits))]
    public void The_limit_ends_at_24_00_of_its_last_day(string jurisdiction, int year, string step, string dueDay)
    {
        var limit = Setup(jurisdiction, year, step);

        Assert.Equal(Midnight(dueDay), limit.Due);
        Assert.Contains("ends 24:00", limit.Basis.En(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Limits))]
    public void Done_exactly_at_the_deadline_is_on_time(string jurisdiction, int year, string step, string dueDay)
    {
        var limit = Setup(jurisdiction, year, step);
        var due = Midnight(dueDay);

        limit.Dispute.Tick(due);
        Assert.DoesNotContain(limit.Dispute.State.Obligations, o => o.Kind == limit.Obligation && o.OverdueSince is not null);
        Assert.DoesNotContain(limit.Dispute.State.Windows, w => w.Kind == limit.Window && w.LapsedAt is not null);
        limit.Act(due).Accept();

        if (limit.Obligation is { } kind)
        {
            var obligation = limit.Dispute.Obligation(kind);
            Assert.Equal(ObligationStatus.Completed, obligation.StatusAt(due.Days(100)));
            Assert.Null(obligation.LateBy);
            Assert.Null(obligation.OverdueSince);
            Assert.Contains("on time", limit.Dispute.State.Timeline.Last(e => e.Kind == DisputeTimelineKind.ObligationCompleted).Text.En(), StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(WindowStatus.Used, limit.Dispute.Window(limit.Window!.Value).StatusAt(due));
        }
    }

    [Theory]
    [MemberData(nameof(Limits))]
    public void One_tick_after_the_deadline_is_late_or_refused(string jurisdiction, int year, string step, string dueDay)
    {
        var limit = Setup(jurisdiction, year, step);
        var due = Midnight(dueDay);
        var late = due.AddTicks(1);

        if (limit.Obligation is { } kind)
        {
            limit.Act(late).Accept();

            var obligation = limit.Dispute.Obligation(kind);
            Assert.Equal(ObligationStatus.CompletedLate, obligation.StatusAt(late));
            Assert.Equal(TimeSpan.FromTicks(1), obligation.LateBy);
            Assert.Equal(due, obligation.OverdueSince);
            var overdue = limit.Dispute.State.Timeline.Single(e => e.Kind == DisputeTimelineKind.ObligationOverdue && e.Ref == obligation.Id);
            Assert.Equal(due, overdue.At);
            Assert.Contains("LATE by 0 s", limit.Dispute.State.Timeline.Last(e => e.Kind == DisputeTimelineKind.ObligationCompleted).Text.En(), StringComparison.Ordinal);
        }
        else
        {
            var decision = limit.Dispute.Refused(late, d => limit.Act(late), DecisionOutcome.NotAllowed);

            Assert.Equal(DisputeTexts.WindowEnded.Code, decision.Reason!.Code);
            Assert.Equal(due, decision.Reason["closesAt"]!.Time);
            Assert.Equal(due, limit.Dispute.Window(limit.Window!.Value).LapsedAt);
        }
    }

    [Theory]
    [MemberData(nameof(Limits))]
    public void A_tick_after_the_deadline_marks_it_at_the_deadline_once(string jurisdiction, int year, string step, string dueDay)
    {
        var limit = Setup(jurisdiction, year, step);
        var due = Midnight(dueDay);
        var version = limit.Dispute.State.Version;

        Assert.True(limit.Dispute.Tick(due.Days(3)));
        Assert.False(limit.Dispute.Tick(due.Days(4)));

        Assert.Equal(version + 1, limit.Dispute.State.Version);
        var entry = limit.Dispute.State.Timeline.Last();
        Assert.Equal(due, entry.At);
        Assert.Equal(due.Days(3), entry.RecordedAt);
        Assert.Equal("system", entry.Actor);
        Assert.Equal(limit.Obligation is null ? DisputeTimelineKind.WindowLapsed : DisputeTimelineKind.ObligationOverdue, entry.Kind);
    }

    [Fact]
    public void A_late_completion_stays_late_and_visible()
    {
        var dispute = DisputeDrive.Register();
        var due = Midnight("2013-03-20");

        Assert.False(dispute.HasOverdue);
        dispute.Tick(due.Days(2));
        Assert.True(dispute.HasOverdue);
        Assert.Equal(ObligationStatus.Overdue, dispute.Summary(due.Days(2)).Obligations.Single().Status);
        Assert.Equal(TimeSpan.FromDays(2), dispute.Summary(due.Days(2)).Obligations.Single().OverdueBy);

        dispute.Handle(DisputeCmd.Accept(), Officer, due.Days(5)).Accept();

        var acceptance = dispute.Obligation(DisputeObligationKind.Acceptance);
        Assert.Equal(TimeSpan.FromDays(5), acceptance.LateBy);
        Assert.False(dispute.HasOverdue);
        Assert.Contains(dispute.State.Timeline, e => e.Kind == DisputeTimelineKind.ObligationOverdue && e.Ref == "acceptance");
        Assert.Contains("LATE by 5 d", dispute.State.Timeline.Last(e => e.Kind == DisputeTimelineKind.ObligationCompleted).Text.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_completion_dated_before_the_deadline_but_recorded_after_is_on_time_and_says_when_it_was_recorded()
    {
        var dispute = DisputeDrive.Register();
        var due = Midnight("2013-03-20");

        dispute.Handle(DisputeCmd.Accept(due.AddHours(-1)), Officer, due.Days(2)).Accept();

        var acceptance = dispute.Obligation(DisputeObligationKind.Acceptance);
        Assert.Null(acceptance.LateBy);
        Assert.Equal(due, acceptance.OverdueSince);
        Assert.Equal(ObligationStatus.Completed, acceptance.StatusAt(due.Days(2)));
        Assert.Contains("recorded 2 d 1 h later", dispute.State.Timeline.Last(e => e.Kind == DisputeTimelineKind.ObligationCompleted).Text.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_handling_deadline_may_equal_the_reply_limit_but_not_pass_it()
    {
        var dispute = DisputeDrive.Accepted();
        var replyDue = dispute.Obligation(DisputeObligationKind.Reply).DueAt;

        var beyond = dispute.Refused(dispute.D(4), d => d.Handle(DisputeCmd.Assign(replyDue.AddTicks(1)), Officer, dispute.D(4)), DecisionOutcome.Invalid);
        dispute.Handle(DisputeCmd.Assign(replyDue), Officer, dispute.D(4)).Accept();

        Assert.Equal("deadline", Assert.Single(beyond.Errors).Field);
        Assert.Contains("is after the legal limit of the reply", beyond.Reason.En(), StringComparison.Ordinal);
        var handling = dispute.Obligation(DisputeObligationKind.Handling);
        Assert.Equal(replyDue, handling.DueAt);
        Assert.Equal("Lucheng environmental monitoring brigade", handling.Unit);
        Assert.Equal("Lucheng environmental monitoring brigade", dispute.Obligation(DisputeObligationKind.Reply).Unit);
        Assert.Contains("四定", handling.DeadlineBasis.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void Handling_after_the_fixed_deadline_is_late_even_when_the_reply_is_on_time()
    {
        var dispute = DisputeDrive.Assigned();

        dispute.Handle(DisputeCmd.Handle(), Officer, dispute.D(21)).Accept();
        dispute.Handle(DisputeCmd.Reply(), Officer, dispute.D(22)).Accept();

        Assert.Equal(TimeSpan.FromDays(1), dispute.Obligation(DisputeObligationKind.Handling).LateBy);
        Assert.Null(dispute.Obligation(DisputeObligationKind.Reply).LateBy);
    }

    [Fact]
    public void A_limit_already_passed_when_its_event_is_recorded_is_overdue_at_once()
    {
        // The review was asked for on day 25 but recorded on day 80: its answer was due on day 55.
        var dispute = DisputeDrive.Replied();
        dispute.Handle(DisputeCmd.PetitionSatisfied(Satisfaction.Dissatisfied), Officer, dispute.D(22)).Accept();

        dispute.Handle(DisputeCmd.Request(dispute.D(25)), Officer, dispute.D(80)).Accept();

        var answer = dispute.Obligation(DisputeObligationKind.ReviewAnswer);
        Assert.NotNull(answer.OverdueSince);
        Assert.True(dispute.HasOverdue);
        Assert.Contains("recorded after the engine had marked the window closed", dispute.State.Timeline.Single(e => e.Kind == DisputeTimelineKind.WindowUsed).Text.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_working_day_limit_over_the_2023_Labour_Day_holiday_counts_the_make_up_Saturday()
    {
        var dispute = DisputeDrive.Register(DisputeCmd.Register(Moments.At(2023, 4, 25), receivedBy: ReceivedBy.PetitionOffice));

        dispute.Handle(DisputeCmd.Transfer(Moments.At(2023, 4, 28, 16)), Officer, Moments.At(2023, 4, 28, 16)).Accept();

        // 04-29 to 05-03 off; 05-04, 05-05, Saturday 05-06, 05-08, 05-09.
        var window = dispute.Window(WindowKind.WrongAssignment);
        Assert.Equal(Moments.EndOf(2023, 5, 9), window.ClosesAt);
        Assert.Contains("5 working days from the day after the transfer on Fri 2023-04-28: last day Tue 2023-05-09, ends 24:00", window.Basis.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_working_day_limit_in_a_year_the_calendar_does_not_know_says_so_in_its_basis()
    {
        var dispute = DisputeDrive.Register(DisputeCmd.Register(Moments.At(2027, 2, 1), receivedBy: ReceivedBy.PetitionOffice), now: Moments.At(2027, 2, 1, 11));

        dispute.Handle(DisputeCmd.Transfer(), Officer, Moments.At(2027, 2, 5, 16)).Accept();

        var window = dispute.Window(WindowKind.WrongAssignment);
        Assert.Equal(Moments.EndOf(2027, 2, 12), window.ClosesAt);
        Assert.EndsWith("the holiday calendar has no year 2027: counted Monday to Friday there; statute: " + RealDisputeRules.Petitions.Get("cn-2022").Limits.WrongAssignment!.Source, window.Basis.En(), StringComparison.Ordinal);
    }

    private static LimitCase Setup(string jurisdiction, int year, string step)
    {
        var catalog = RealDisputeRules.Petitions.For(jurisdiction);
        var received = year == 2013 ? Moments.Received2013 : Moments.Received2023;
        Dispute dispute;
        switch (step)
        {
            case "transfer":
                dispute = DisputeDrive.Register(DisputeCmd.Register(received, receivedBy: ReceivedBy.PetitionOffice), catalog);
                return Obligation(dispute, DisputeObligationKind.Transfer, now => dispute.Handle(DisputeCmd.Transfer(), Officer, now));
            case "acceptance":
                dispute = DisputeDrive.Register(DisputeCmd.Register(received), catalog);
                return Obligation(dispute, DisputeObligationKind.Acceptance, now => dispute.Handle(DisputeCmd.Accept(), Officer, now));
            case "acceptanceAfterTransfer":
                dispute = DisputeDrive.Register(DisputeCmd.Register(received, receivedBy: ReceivedBy.PetitionOffice), catalog);
                dispute.Handle(DisputeCmd.Transfer(), Officer, dispute.D(2)).Accept();
                return Obligation(dispute, DisputeObligationKind.Acceptance, now => dispute.Handle(DisputeCmd.NotAccept(), Officer, now));
            case "wrongAssignment":
                dispute = DisputeDrive.Register(DisputeCmd.Register(received, receivedBy: ReceivedBy.PetitionOffice), catalog);
                dispute.Handle(DisputeCmd.Transfer(), Officer, dispute.D(2)).Accept();
                return Window(dispute, WindowKind.WrongAssignment, now => dispute.Handle(DisputeCmd.WrongAssignment(), Officer, now));
            case "reply":
                dispute = DisputeDrive.Handled(received, catalog);
                return Obligation(dispute, DisputeObligationKind.Reply, now => dispute.Handle(DisputeCmd.Reply(), Officer, now));
            case "extendedReply":
                dispute = DisputeDrive.Handled(received, catalog);
                dispute.Handle(DisputeCmd.Extend(dispute.D(16)), Officer, dispute.D(16)).Accept();
                return Obligation(dispute, DisputeObligationKind.Reply, now => dispute.Handle(DisputeCmd.Reply(), Officer, now));
            case "reviewRequest":
                dispute = DisputeDrive.Replied(received, catalog);
                return Window(dispute, WindowKind.Review, now => dispute.Handle(DisputeCmd.Request(), Officer, now));
            case "reviewAnswer":
                dispute = DisputeDrive.UnderReview(received, catalog);
                return Obligation(dispute, DisputeObligationKind.ReviewAnswer, now => dispute.Handle(DisputeCmd.ReviewAnswer(), Officer, now));
            case "secondReviewRequest":
                dispute = DisputeDrive.Reviewed(received, catalog);
                return Window(dispute, WindowKind.SecondReview, now => dispute.Handle(DisputeCmd.SecondRequest(), Officer, now));
            default:
                dispute = DisputeDrive.UnderSecondReview(received, catalog);
                return Obligation(dispute, DisputeObligationKind.SecondReviewAnswer, now => dispute.Handle(DisputeCmd.SecondReviewAnswer(), Officer, now));
        }
    }

    private static LimitCase Obligation(Dispute dispute, DisputeObligationKind kind, Func<DateTimeOffset, Decision> act)
    {
        var obligation = dispute.Obligation(kind);
        return new LimitCase(dispute, obligation.DueAt, obligation.DeadlineBasis, act, kind, null);
    }

    private static LimitCase Window(Dispute dispute, WindowKind kind, Func<DateTimeOffset, Decision> act)
    {
        var window = dispute.Window(kind);
        return new LimitCase(dispute, window.ClosesAt, window.Basis, act, null, kind);
    }

    private static DateTimeOffset Midnight(string day) =>
        new(DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToDateTime(TimeOnly.MinValue), Moments.China);

    private sealed record LimitCase(Dispute Dispute, DateTimeOffset Due, Message Basis, Func<DateTimeOffset, Decision> Act, DisputeObligationKind? Obligation, WindowKind? Window);
}
