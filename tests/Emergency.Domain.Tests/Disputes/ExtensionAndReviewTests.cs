using Emergency.Domain.Cases;
using Emergency.Domain.Disputes;
using Emergency.Testing;

namespace Emergency.Domain.Tests.Disputes;

/// <summary>
/// The reply limit is extended once, with a recorded approval, before it passes; the review chain (复查, 复核)
/// follows the rule set, and a step the rule set lacks is refused with the reason.
/// </summary>
public sealed class ExtensionAndReviewTests
{
    private static readonly Actor Officer = DisputeDrive.Officer;

    [Fact]
    public void An_extension_records_who_approved_it_when_and_why_and_moves_the_reply_limit()
    {
        var dispute = DisputeDrive.Handled();
        var before = dispute.Obligation(DisputeObligationKind.Reply).DueAt;

        dispute.Handle(DisputeCmd.Extend(dispute.D(16)), Officer, dispute.D(17)).Accept();

        var extension = Assert.Single(dispute.State.Extensions);
        Assert.Equal(("Director Wang", dispute.D(16), "Samples need a second laboratory.", 30), (extension.ApprovedBy, extension.ApprovedAt, extension.Reason, extension.Length));
        Assert.Equal((before, Moments.EndOf(2013, 6, 5)), (extension.DueBefore, extension.DueAfter));
        var reply = dispute.Obligation(DisputeObligationKind.Reply);
        Assert.Equal(Moments.EndOf(2013, 6, 5), reply.DueAt);
        Assert.Contains("90 days from the day after acceptance", reply.DeadlineBasis.En(), StringComparison.Ordinal);
        Assert.Contains("with the approval of Director Wang", reply.DeadlineBasis.En(), StringComparison.Ordinal);
        var entry = dispute.State.Timeline.Single(e => e.Kind == DisputeTimelineKind.ReplyExtended);
        Assert.Equal(dispute.D(16), entry.At);
        Assert.Contains("approved by Director Wang", entry.Text.En(), StringComparison.Ordinal);
        Assert.True(dispute.Summary(dispute.D(17)).Extended);
    }

    [Fact]
    public void A_second_extension_is_refused()
    {
        var dispute = DisputeDrive.Handled();
        dispute.Handle(DisputeCmd.Extend(dispute.D(16), 10), Officer, dispute.D(16)).Accept();

        var decision = dispute.Refused(dispute.D(17), d => d.Handle(DisputeCmd.Extend(dispute.D(17), 5), Officer, dispute.D(17)), DecisionOutcome.NotAllowed);

        Assert.Contains("the reply limit was already extended (10 days approved by Director Wang)", decision.Reason.En(), StringComparison.Ordinal);
        Assert.Equal(Moments.EndOf(2013, 5, 16), dispute.Obligation(DisputeObligationKind.Reply).DueAt);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    public void An_extension_beyond_the_rule_is_invalid(int length)
    {
        var dispute = DisputeDrive.Handled();

        var decision = dispute.Refused(dispute.D(16), d => d.Handle(DisputeCmd.Extend(dispute.D(16), length), Officer, dispute.D(16)), DecisionOutcome.Invalid);

        Assert.Equal("length", Assert.Single(decision.Errors).Field);
        Assert.Contains("must be between 1 and 30", decision.Reason.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_extension_after_the_reply_limit_passed_is_refused_and_the_case_stays_overdue()
    {
        var dispute = DisputeDrive.Handled();
        var due = dispute.Obligation(DisputeObligationKind.Reply).DueAt;
        var late = due.AddMinutes(1);

        var decision = dispute.Refused(late, d => d.Handle(DisputeCmd.Extend(due.AddMinutes(-1)), Officer, late), DecisionOutcome.NotAllowed);

        Assert.Contains("an extension must be recorded before the limit passes, and the case stays overdue", decision.Reason.En(), StringComparison.Ordinal);
        Assert.True(dispute.HasOverdue);
        Assert.DoesNotContain("extension", dispute.AllowedMoves(late));
    }

    [Fact]
    public void An_extension_recorded_at_the_deadline_itself_is_in_time()
    {
        var dispute = DisputeDrive.Handled();
        var due = dispute.Obligation(DisputeObligationKind.Reply).DueAt;

        dispute.Handle(DisputeCmd.Extend(due), Officer, due).Accept();

        Assert.Null(dispute.Obligation(DisputeObligationKind.Reply).OverdueSince);
    }

    [Fact]
    public void An_extension_needs_who_why_and_a_past_approval()
    {
        var dispute = DisputeDrive.Handled();
        var command = DisputeCmd.Extend(dispute.D(17)) with { ApprovedBy = " ", Reason = "" };

        var decision = dispute.Refused(dispute.D(16), d => d.Handle(command, Officer, dispute.D(16)), DecisionOutcome.Invalid);

        Assert.Equal(["approvedBy", "reason", "approvedAt"], decision.Errors.Select(e => e.Field));
    }

    [Fact]
    public void Henan_extends_a_30_day_reply_to_at_most_90_days()
    {
        var dispute = DisputeDrive.Handled(catalog: RealDisputeRules.Henan);
        Assert.Equal("henan-2012", dispute.State.RuleSetId);
        // The 30th day is Saturday 2013-04-06 (清明), so the limit runs to the make-up working Sunday 04-07 (民法典 art. 203).
        Assert.Equal(Moments.EndOf(2013, 4, 7), dispute.Obligation(DisputeObligationKind.Reply).DueAt);

        var tooLong = dispute.Refused(dispute.D(16), d => d.Handle(DisputeCmd.Extend(dispute.D(16), 61), Officer, dispute.D(16)), DecisionOutcome.Invalid);
        dispute.Handle(DisputeCmd.Extend(dispute.D(16)), Officer, dispute.D(16)).Accept();

        Assert.Contains("must be between 1 and 60", tooLong.Reason.En(), StringComparison.Ordinal);
        Assert.Equal(60, dispute.State.Extensions.Single().Length);
        Assert.Equal(Moments.EndOf(2013, 6, 5), dispute.Obligation(DisputeObligationKind.Reply).DueAt);
    }

    [Fact]
    public void A_review_request_opens_an_answer_limit_and_the_answer_opens_the_second_review_window()
    {
        var dispute = DisputeDrive.Reviewed();

        var answer = dispute.Obligation(DisputeObligationKind.ReviewAnswer);
        Assert.True(answer.IsCompleted);
        Assert.Equal("the next higher organ (上一级机关)", answer.Unit);
        Assert.Equal(dispute.D(25), answer.OpenedAt);
        var window = dispute.Window(WindowKind.SecondReview);
        Assert.Equal(dispute.D(40), window.OpensAt);
        Assert.Equal(WindowStatus.Open, window.StatusAt(dispute.D(41)));
        Assert.Equal(WindowStatus.Used, dispute.Window(WindowKind.Review).StatusAt(dispute.D(41)));
        Assert.Equal([Satisfaction.Dissatisfied, Satisfaction.Dissatisfied], dispute.State.Satisfactions.Select(s => s.Satisfaction));
        Assert.Equal([AnswerStage.Reply, AnswerStage.Review], dispute.State.Satisfactions.Select(s => s.Stage));
    }

    [Fact]
    public void The_organ_asked_to_review_answers_for_the_review_opinion()
    {
        var dispute = DisputeDrive.Replied();

        dispute.Handle(DisputeCmd.Request() with { Organ = "Shanxi provincial EPB" }, Officer, dispute.D(25)).Accept();

        Assert.Equal("Shanxi provincial EPB", dispute.Obligation(DisputeObligationKind.ReviewAnswer).Unit);
        Assert.Equal("Shanxi provincial EPB", dispute.State.ReviewRequests.Single().Organ);
    }

    [Fact]
    public void Henan_has_no_second_review_and_says_so()
    {
        var dispute = DisputeDrive.Reviewed(catalog: RealDisputeRules.Henan);

        var decision = dispute.Refused(dispute.D(42), d => d.Handle(DisputeCmd.SecondRequest(), Officer, dispute.D(42)), DecisionOutcome.NotAllowed);

        Assert.Equal("rule set henan-2012 (Henan petition rules, 2012 variant (河南省)) has no second review (复核): the review opinion (复查意见) ends the procedure", decision.Reason.En());
        Assert.DoesNotContain(dispute.State.Windows, w => w.Kind == WindowKind.SecondReview);
        Assert.Equal(["earlier-cases", "close"], decision.AllowedMoves);
        dispute.Handle(new ClosePetition(), Officer, dispute.D(42)).Accept();
    }

    [Fact]
    public void The_2005_rules_have_no_objection_to_a_wrong_assignment()
    {
        var dispute = DisputeDrive.Register(DisputeCmd.Register(receivedBy: ReceivedBy.PetitionOffice));
        dispute.Handle(DisputeCmd.Transfer(), Officer, dispute.D(2)).Accept();

        var decision = dispute.Refused(dispute.D(3), d => d.Handle(DisputeCmd.WrongAssignment(), Officer, dispute.D(3)), DecisionOutcome.NotAllowed);

        Assert.StartsWith("rule set cn-2005", decision.Reason.En(), StringComparison.Ordinal);
        Assert.Contains("has no objection to a wrong assignment (异议); decide acceptance as transferred", decision.Reason.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void Under_the_2022_rules_a_wrong_assignment_goes_back_and_the_acceptance_obligation_leaves_with_it()
    {
        var dispute = DisputeDrive.Register(DisputeCmd.Register(Moments.Received2023, receivedBy: ReceivedBy.PetitionOffice));
        dispute.Handle(DisputeCmd.Transfer(), Officer, dispute.D(2)).Accept();

        dispute.Handle(DisputeCmd.WrongAssignment(), Officer, dispute.D(4)).Accept();

        Assert.Equal(DisputePhase.Returned, dispute.State.Phase);
        var acceptance = dispute.Obligation(DisputeObligationKind.Acceptance);
        Assert.Equal(ObligationStatus.Withdrawn, acceptance.StatusAt(dispute.D(100)));
        Assert.False(acceptance.IsCompleted);
        Assert.Equal(WindowStatus.Used, dispute.Window(WindowKind.WrongAssignment).StatusAt(dispute.D(4)));
        Assert.False(dispute.Tick(dispute.D(100)));
        dispute.Handle(new ClosePetition(), Officer, dispute.D(5)).Accept();
    }

    [Fact]
    public void Deciding_acceptance_ends_the_time_to_object()
    {
        var dispute = DisputeDrive.Register(DisputeCmd.Register(Moments.Received2023, receivedBy: ReceivedBy.PetitionOffice));
        dispute.Handle(DisputeCmd.Transfer(), Officer, dispute.D(2)).Accept();

        dispute.Handle(DisputeCmd.Accept(), Officer, dispute.D(3)).Accept();

        Assert.Equal(WindowStatus.Waived, dispute.Window(WindowKind.WrongAssignment).StatusAt(dispute.D(3)));
        Assert.Null(dispute.Window(WindowKind.WrongAssignment).LapsedAt);
        dispute.Tick(dispute.D(30));
        Assert.Null(dispute.Window(WindowKind.WrongAssignment).LapsedAt);
    }

    [Fact]
    public void The_transfer_starts_the_acceptance_limit()
    {
        var dispute = DisputeDrive.Register(DisputeCmd.Register(receivedBy: ReceivedBy.PetitionOffice), RealDisputeRules.Henan);
        Assert.Equal(["transfer"], dispute.State.Obligations.Select(o => o.Id));

        // The 5 days end on Saturday 2013-03-09, which moves to Monday 03-11 (民法典 art. 203): 03-12 10:00 is 10 hours late.
        dispute.Handle(DisputeCmd.Transfer(dispute.D(8)), Officer, dispute.D(8)).Accept();

        Assert.Equal("Changzhi city petition bureau", dispute.Obligation(DisputeObligationKind.Transfer).Unit);
        Assert.Equal("Changzhi EPB petition office", dispute.Obligation(DisputeObligationKind.Acceptance).Unit);
        Assert.Equal(TimeSpan.FromHours(10), dispute.Obligation(DisputeObligationKind.Transfer).LateBy);
        Assert.Equal(dispute.D(8), dispute.Obligation(DisputeObligationKind.Acceptance).OpenedAt);
        Assert.Equal(dispute.D(8), dispute.State.ReceivedByDepartmentAt);
    }
}
