using Emergency.Domain.Cases;
using Emergency.Domain.Disputes;
using Emergency.Testing;

namespace Emergency.Domain.Tests.Disputes;

/// <summary>
/// Deputies' suggestions and proposals (建议提案): the four fixed points, a reply within 3 months (6 if complex), a
/// wrong assignment back within 10 days, a new reply within 30 days for a dissatisfied deputy, and the record of
/// communication before the reply.
/// </summary>
public sealed class SuggestionTests
{
    private static readonly Actor Office = SuggestionDrive.Office;

    [Theory]
    [InlineData(false, 2013, 6, 5)]
    [InlineData(true, 2013, 9, 5)]
    public void The_reply_is_due_three_months_after_assignment_or_six_if_complex(bool complex, int year, int month, int lastDay)
    {
        var suggestion = SuggestionDrive.Assigned(complex);

        var reply = suggestion.Obligation(DisputeObligationKind.Reply);
        Assert.Equal(Moments.EndOf(year, month, lastDay), reply.DueAt);
        Assert.Contains($"{(complex ? 6 : 3)} months from the day after the assignment on Tue 2013-03-05", reply.DeadlineBasis.En(), StringComparison.Ordinal);
        Assert.Equal("Water environment division", reply.Unit);
        Assert.Equal(suggestion.D(60), suggestion.Obligation(DisputeObligationKind.Handling).DueAt);
        Assert.Equal(complex, suggestion.Summary(suggestion.D(2)).Complex);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    public void A_reply_at_the_three_month_deadline_is_on_time_and_a_tick_later_is_late(long ticks, bool late)
    {
        var suggestion = SuggestionDrive.Register();
        suggestion.Handle(SuggestionDrive.Assign(Moments.EndOf(2013, 6, 5)), Office, suggestion.D(1)).Accept();
        var due = Moments.EndOf(2013, 6, 5);

        suggestion.Handle(SuggestionDrive.Answer(), Office, due.AddTicks(ticks)).Accept();

        Assert.Equal(late, suggestion.Obligation(DisputeObligationKind.Reply).LateBy is not null);
        Assert.Equal(late, suggestion.Obligation(DisputeObligationKind.Handling).LateBy is not null);
    }

    [Fact]
    public void The_fixed_deadline_may_not_pass_the_legal_limit()
    {
        var suggestion = SuggestionDrive.Register();

        var decision = suggestion.Refused(suggestion.D(1), s => s.Handle(SuggestionDrive.Assign(Moments.EndOf(2013, 6, 5).AddTicks(1)), Office, suggestion.D(1)), DecisionOutcome.Invalid);
        suggestion.Handle(SuggestionDrive.Assign(Moments.EndOf(2013, 9, 5), complex: true), Office, suggestion.D(1)).Accept();

        Assert.Equal("deadline", Assert.Single(decision.Errors).Field);
    }

    [Theory]
    [InlineData("complex without a reason", "complexBecause")]
    [InlineData("a reason without complex", "complexBecause")]
    [InlineData("no leader", "leader")]
    [InlineData("no requirement", "requirement")]
    [InlineData("deadline before the assignment", "deadline")]
    public void A_malformed_assignment_is_invalid(string @case, string field)
    {
        var suggestion = SuggestionDrive.Register();
        var now = suggestion.D(1);
        var command = SuggestionDrive.Assign(suggestion.D(30));
        command = @case switch
        {
            "complex without a reason" => command with { Complex = true },
            "a reason without complex" => command with { ComplexBecause = "big" },
            "no leader" => command with { Leader = "" },
            "no requirement" => command with { Requirement = " " },
            _ => command with { Deadline = now },
        };

        var decision = suggestion.Refused(now, s => s.Handle(command, Office, now), DecisionOutcome.Invalid);

        Assert.Equal(field, Assert.Single(decision.Errors).Field);
    }

    [Fact]
    public void A_wrong_assignment_goes_back_within_ten_days_and_the_item_is_assigned_again()
    {
        var suggestion = SuggestionDrive.Assigned();
        var closes = Moments.EndOf(2013, 3, 15);
        Assert.Equal(closes, suggestion.State.Windows.Single().ClosesAt);

        suggestion.Handle(new ReturnSuggestion { Reason = "Industrial parks are for the development zone." }, Office, closes).Accept();

        Assert.Equal(SuggestionPhase.Registered, suggestion.State.Phase);
        Assert.All(suggestion.State.Obligations, o => Assert.Equal(ObligationStatus.Withdrawn, o.StatusAt(closes)));
        Assert.Null(suggestion.Assignment);

        suggestion.Handle(SuggestionDrive.Assign(suggestion.D(70)) with { Unit = "Development zone EPB" }, Office, suggestion.D(13)).Accept();

        Assert.Equal(["reply", "handling", "reply-2", "handling-2"], suggestion.State.Obligations.Select(o => o.Id));
        Assert.Equal(["wrongAssignment", "wrongAssignment-2"], suggestion.State.Windows.Select(w => w.Id));
        Assert.Equal("Development zone EPB", suggestion.Obligation(DisputeObligationKind.Reply).Unit);
        Assert.Equal(Moments.EndOf(2013, 6, 17), suggestion.Obligation(DisputeObligationKind.Reply).DueAt);
    }

    [Fact]
    public void A_wrong_assignment_sent_back_after_ten_days_is_refused()
    {
        var suggestion = SuggestionDrive.Assigned();
        var late = Moments.EndOf(2013, 3, 15).AddTicks(1);

        var decision = suggestion.Refused(late, s => s.Handle(new ReturnSuggestion { Reason = "not ours" }, Office, late), DecisionOutcome.NotAllowed);

        Assert.Contains("the unit must handle the item", decision.Reason.En(), StringComparison.Ordinal);
        Assert.DoesNotContain("return", decision.AllowedMoves);
    }

    [Fact]
    public void A_reply_says_whether_the_deputy_was_communicated_with_first()
    {
        var silent = SuggestionDrive.Replied(communicate: false);
        var talked = SuggestionDrive.Replied(communicate: true);

        Assert.False(silent.Summary(silent.D(31)).CommunicatedBeforeReply);
        Assert.True(talked.Summary(talked.D(31)).CommunicatedBeforeReply);
        Assert.Contains("WITHOUT any recorded communication", silent.State.Timeline.Single(e => e.Kind == DisputeTimelineKind.Replied).Text.En(), StringComparison.Ordinal);
        Assert.Equal(WindowStatus.Lapsed, talked.State.Windows.Single().StatusAt(talked.D(31)));
    }

    [Fact]
    public void A_reply_within_the_ten_days_ends_the_time_to_send_the_item_back()
    {
        var suggestion = SuggestionDrive.Assigned();

        suggestion.Handle(SuggestionDrive.Answer(), Office, suggestion.D(5)).Accept();

        Assert.Equal(WindowStatus.Waived, suggestion.State.Windows.Single().StatusAt(suggestion.D(5)));
        Assert.False(suggestion.Tick(suggestion.D(30)));
    }

    [Fact]
    public void A_dissatisfied_deputy_gets_a_new_reply_within_thirty_days()
    {
        var suggestion = SuggestionDrive.Replied();

        suggestion.Handle(SuggestionDrive.Satisfied(Satisfaction.Dissatisfied), Office, suggestion.D(35)).Accept();

        Assert.Equal(SuggestionPhase.AwaitingNewReply, suggestion.State.Phase);
        var newReply = suggestion.Obligation(DisputeObligationKind.NewReply);
        Assert.Equal(Moments.EndOf(2013, 5, 8), newReply.DueAt);
        var refused = suggestion.Refused(suggestion.D(36), s => s.Handle(new CloseSuggestion(), Office, suggestion.D(36)), DecisionOutcome.NotAllowed);
        Assert.Equal("cannot close: the dissatisfied deputy is owed a new reply", refused.Reason.En());

        suggestion.Handle(SuggestionDrive.Answer(), Office, Moments.EndOf(2013, 5, 8).AddHours(1)).Accept();

        Assert.Equal(TimeSpan.FromHours(1), newReply.LateBy);
        Assert.Equal([AnswerStage.Reply, AnswerStage.NewReply], suggestion.State.Answers.Select(a => a.Stage));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    public void The_new_reply_at_its_thirty_day_deadline_is_on_time_and_a_tick_later_is_late(long ticks, bool late)
    {
        var suggestion = SuggestionDrive.Replied();
        suggestion.Handle(SuggestionDrive.Satisfied(Satisfaction.Dissatisfied), Office, Moments.At(2013, 4, 10, 16)).Accept();
        var due = Moments.EndOf(2013, 5, 10);
        Assert.Equal(due, suggestion.Obligation(DisputeObligationKind.NewReply).DueAt);

        suggestion.Handle(SuggestionDrive.Answer(), Office, due.AddTicks(ticks)).Accept();

        Assert.Equal(late, suggestion.Obligation(DisputeObligationKind.NewReply).LateBy is not null);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    public void A_complex_reply_at_its_six_month_deadline_is_on_time_and_a_tick_later_is_late(long ticks, bool late)
    {
        var suggestion = SuggestionDrive.Assigned(complex: true);
        var due = Moments.EndOf(2013, 9, 5);

        suggestion.Handle(SuggestionDrive.Answer(), Office, due.AddTicks(ticks)).Accept();

        Assert.Equal(late, suggestion.Obligation(DisputeObligationKind.Reply).LateBy is not null);
    }

    [Fact]
    public void A_deputy_dissatisfied_again_after_the_new_reply_is_recorded_and_the_item_closes()
    {
        var suggestion = SuggestionDrive.Replied();
        suggestion.Handle(SuggestionDrive.Satisfied(Satisfaction.Dissatisfied), Office, suggestion.D(35)).Accept();
        suggestion.Handle(SuggestionDrive.Answer(), Office, suggestion.D(50)).Accept();

        suggestion.Handle(SuggestionDrive.Satisfied(Satisfaction.Dissatisfied), Office, suggestion.D(52)).Accept();
        suggestion.Handle(new CloseSuggestion(), Office, suggestion.D(53)).Accept();

        Assert.Single(suggestion.State.Obligations, o => o.Kind == DisputeObligationKind.NewReply);
        Assert.Equal(Satisfaction.Dissatisfied, suggestion.Summary(suggestion.D(53)).Satisfaction);
    }

    [Fact]
    public void A_satisfied_deputy_lets_the_item_close_at_once()
    {
        var suggestion = SuggestionDrive.Replied();

        var early = suggestion.Refused(suggestion.D(31), s => s.Handle(new CloseSuggestion(), Office, suggestion.D(31)), DecisionOutcome.NotAllowed);
        suggestion.Handle(SuggestionDrive.Satisfied(Satisfaction.BasicallySatisfied), Office, suggestion.D(32)).Accept();
        suggestion.Handle(new CloseSuggestion(), Office, suggestion.D(32)).Accept();

        Assert.Contains("record whether the deputy is satisfied", early.Reason.En(), StringComparison.Ordinal);
        Assert.Equal(SuggestionPhase.Closed, suggestion.State.Phase);
    }

    [Theory]
    [InlineData("Registered", new[] { "assign" })]
    [InlineData("Assigned", new[] { "return", "communication", "reply" })]
    [InlineData("Assigned(after ten days)", new[] { "communication", "reply" })]
    [InlineData("Replied", new[] { "communication", "satisfaction" })]
    [InlineData("AwaitingNewReply", new[] { "communication", "reply" })]
    [InlineData("Satisfied", new[] { "communication", "close" })]
    public void Allowed_moves_of_each_phase(string phase, string[] expected)
    {
        var (suggestion, now) = phase switch
        {
            "Registered" => (SuggestionDrive.Register(), Moments.Received2013.Days(1)),
            "Assigned" => (SuggestionDrive.Assigned(), Moments.Received2013.Days(5)),
            "Assigned(after ten days)" => (SuggestionDrive.Assigned(), Moments.Received2013.Days(20)),
            "Replied" => (SuggestionDrive.Replied(), Moments.Received2013.Days(31)),
            "AwaitingNewReply" => Dissatisfied(),
            _ => Satisfied(),
        };

        Assert.Equal(expected, suggestion.AllowedMoves(now));
    }

    [Theory]
    [InlineData("reply", "the item must be assigned first (四定)")]
    [InlineData("satisfaction", "the deputy's satisfaction is recorded after a reply")]
    [InlineData("return", "the item is not assigned to anyone")]
    [InlineData("close", "cannot close before the deputy has had a reply")]
    public void Refusals_before_assignment_say_why(string command, string reason)
    {
        var suggestion = SuggestionDrive.Register();
        var now = suggestion.D(1);
        Func<Suggestion, Decision> run = command switch
        {
            "reply" => s => s.Handle(SuggestionDrive.Answer(), Office, now),
            "satisfaction" => s => s.Handle(SuggestionDrive.Satisfied(), Office, now),
            "return" => s => s.Handle(new ReturnSuggestion { Reason = "x" }, Office, now),
            _ => s => s.Handle(new CloseSuggestion(), Office, now),
        };

        var decision = suggestion.Refused(now, run, DecisionOutcome.NotAllowed);

        Assert.Equal(reason, decision.Reason.En());
    }

    [Fact]
    public void A_malformed_registration_names_the_field()
    {
        var command = SuggestionDrive.Command() with { Deputy = new Deputy { Name = " " }, Kind = (SuggestionKind)5 };

        var (suggestion, decision) = Suggestion.Register("jy-x", "live", command, Office, RealDisputeRules.Suggestions, Moments.Received2013.Days(1));

        Assert.Null(suggestion);
        Assert.Equal(["kind", "deputy.name"], decision.Errors.Select(e => e.Field));
    }

    private static (Suggestion, DateTimeOffset) Dissatisfied()
    {
        var suggestion = SuggestionDrive.Replied();
        suggestion.Handle(SuggestionDrive.Satisfied(Satisfaction.Dissatisfied), Office, suggestion.D(35)).Accept();
        return (suggestion, suggestion.D(36));
    }

    private static (Suggestion, DateTimeOffset) Satisfied()
    {
        var suggestion = SuggestionDrive.Replied();
        suggestion.Handle(SuggestionDrive.Satisfied(), Office, suggestion.D(35)).Accept();
        return (suggestion, suggestion.D(36));
    }
}

internal static class SuggestionRefusals
{
    public static Decision Refused(this Suggestion suggestion, DateTimeOffset now, Func<Suggestion, Decision> command, DecisionOutcome expected)
    {
        suggestion.Tick(now);
        var before = DisputeDrive.Snapshot(suggestion.State);
        var decision = command(suggestion);
        Assert.Equal(expected, decision.Outcome);
        Assert.False(string.IsNullOrWhiteSpace(decision.Reason.En()));
        Assert.Equal(before, DisputeDrive.Snapshot(suggestion.State));
        if (expected == DecisionOutcome.NotAllowed)
        {
            Assert.Equal(suggestion.AllowedMoves(now), decision.AllowedMoves);
        }

        return decision;
    }
}
