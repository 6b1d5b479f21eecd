using Emergency.Domain.Cases;
using Emergency.Domain.Disclosure;
using Emergency.Domain.Disputes;
using Emergency.Domain.Tests.Disputes;
using Emergency.Testing;

namespace Emergency.Domain.Tests.Disclosure;

/// <summary>
/// The limits of 政府信息公开条例 2019 on the real holiday calendar, each end computed by hand from the State Council's
/// holiday notices (the day of receipt not counted; public holidays and weekends out, make-up working days in).
/// </summary>
public class DisclosureLimitTests
{
    /// <summary>
    /// Friday 2025-01-24: the day after is Sat 25 (rest), Sun 26 (调休, 1), Mon 27 (2), Spring Festival 28 Jan to 4 Feb,
    /// Wed 5 to Fri 7 (3 to 5), Sat 8 (调休, 6), 10 to 14 Feb (7 to 11), 17 to 21 (12 to 16), 24 to 27 (17 to 20).
    /// </summary>
    [Fact]
    public void A_request_received_before_the_Spring_Festival_is_due_20_working_days_later_on_27_February_2025()
    {
        var request = DisclosureDrive.Register(Moments.At(2025, 1, 24));

        Assert.Equal(Moments.EndOf(2025, 2, 27), request.AnswerLimit().DueAt);
        Assert.Equal(DisclosurePhase.Received, request.State.Phase);
        Assert.Equal(Moments.EndOf(2025, 2, 10), request.State.Windows.Single(w => w.Kind == WindowKind.CorrectionNotice).ClosesAt);
    }

    /// <summary>
    /// Friday 2024-09-27: Sun 29 Sep (调休, 1), Mon 30 (2), National Day 1 to 7 Oct, 8 to 11 (3 to 6), Sat 12 (调休, 7),
    /// 14 to 18 (8 to 12), 21 to 25 (13 to 17), 28 to 30 (18 to 20).
    /// </summary>
    [Fact]
    public void A_request_received_before_National_Day_is_due_on_30_October_2024()
    {
        var request = DisclosureDrive.Register(Moments.At(2024, 9, 27));

        Assert.Equal(Moments.EndOf(2024, 10, 30), request.AnswerLimit().DueAt);
        Assert.Equal(Moments.EndOf(2024, 10, 12), request.State.Windows.Single(w => w.Kind == WindowKind.CorrectionNotice).ClosesAt);
        Assert.Equal("disclosure.timeline.registered", request.State.Timeline[0].Text.Code);
    }

    /// <summary>20 more working days from 27 Feb 2025: 28 Feb (1), 3 to 7 Mar (2 to 6), 10 to 14 (7 to 11), 17 to 21 (12 to 16), 24 to 27 (17 to 20).</summary>
    [Fact]
    public void An_extension_approved_by_the_named_head_moves_the_limit_by_20_working_days_once()
    {
        var request = DisclosureDrive.Register(Moments.At(2025, 1, 24));

        request.Handle(DisclosureDrive.Extension(Moments.At(2025, 2, 20)), DisclosureDrive.Officer, Moments.At(2025, 2, 20, 12)).Accept();

        Assert.Equal(Moments.EndOf(2025, 3, 27), request.AnswerLimit().DueAt);
        var extension = Assert.Single(request.State.Extensions);
        Assert.Equal("Director Wang", extension.Approval.ApprovedBy);
        Assert.Equal(Moments.EndOf(2025, 2, 27), extension.Approval.DueBefore);
        Assert.Equal(Moments.EndOf(2025, 3, 27), extension.Approval.DueAfter);
        Assert.Contains(request.State.Timeline, e => e.Kind == DisputeTimelineKind.ReplyExtended && e.Text.Code == "disclosure.timeline.extended");

        var again = request.Handle(DisclosureDrive.Extension(Moments.At(2025, 3, 3)), DisclosureDrive.Officer, Moments.At(2025, 3, 3, 12));

        Assert.Equal(DecisionOutcome.NotAllowed, again.Outcome);
        Assert.Equal("disclosure.refused.extensionUsed", again.Reason!.Code);
        Assert.Equal(Moments.EndOf(2025, 3, 27), request.AnswerLimit().DueAt);
    }

    [Fact]
    public void An_extension_needs_the_approver_named_and_comes_before_the_limit_passes()
    {
        var request = DisclosureDrive.Register(Moments.At(2025, 1, 24));

        var unnamed = request.Handle(DisclosureDrive.Extension(Moments.At(2025, 2, 20), approvedBy: " "), DisclosureDrive.Officer, Moments.At(2025, 2, 20, 12));
        var tooLong = request.Handle(DisclosureDrive.Extension(Moments.At(2025, 2, 20), length: 21), DisclosureDrive.Officer, Moments.At(2025, 2, 20, 12));
        var late = request.Handle(DisclosureDrive.Extension(Moments.At(2025, 2, 28)), DisclosureDrive.Officer, Moments.At(2025, 2, 28, 12));

        Assert.Equal(DecisionOutcome.Invalid, unnamed.Outcome);
        Assert.Contains(unnamed.Errors, e => e.Field == "approvedBy");
        Assert.Contains(tooLong.Errors, e => e.Field == "length");
        Assert.Equal(DecisionOutcome.NotAllowed, late.Outcome);
        Assert.Equal("disclosure.refused.limitPassed", late.Reason!.Code);
        Assert.Equal("答复期限已于2025-02-28 00:00 北京时间届满：延期须在期限届满前经负责人同意，申请仍为逾期", late.Reason.Zh());
        Assert.Empty(request.State.Extensions);
    }

    /// <summary>
    /// Received Fri 2024-09-27, a correction asked on Mon 30 Sep (the applicant's 15 working days end Fri 25 Oct), the
    /// corrected request received Mon 14 Oct: 15 to 18 Oct (1 to 4), 21 to 25 (5 to 9), 28 to 31 (10 to 13), 1 Nov (14),
    /// 4 to 8 Nov (15 to 19), Mon 11 Nov (20).
    /// </summary>
    [Fact]
    public void A_correction_withdraws_the_limit_and_the_corrected_request_starts_it_again()
    {
        var request = DisclosureDrive.Register(Moments.At(2024, 9, 27));

        request.Handle(new RequestCorrection { Items = "Name the enterprise and the years.", At = Moments.At(2024, 9, 30) }, DisclosureDrive.Officer, Moments.At(2024, 9, 30, 11)).Accept();

        Assert.Equal(DisclosurePhase.CorrectionRequested, request.State.Phase);
        var first = request.AnswerLimit();
        Assert.True(first.IsWithdrawn);
        Assert.Equal(Moments.EndOf(2024, 10, 25), request.State.Corrections.Single().CorrectBy);
        Assert.Equal(Moments.EndOf(2024, 10, 25), request.NextDueAt);

        request.Handle(new ReceiveCorrection { ReceivedAt = Moments.At(2024, 10, 14) }, DisclosureDrive.Officer, Moments.At(2024, 10, 14, 11)).Accept();

        Assert.Equal(DisclosurePhase.Received, request.State.Phase);
        Assert.Equal(Moments.At(2024, 10, 14), request.State.CountedFrom);
        var second = request.AnswerLimit();
        Assert.NotSame(first, second);
        Assert.Equal("disclosureAnswer-2", second.Id);
        Assert.Equal(Moments.EndOf(2024, 11, 11), second.DueAt);
        Assert.Equal(Moments.At(2024, 10, 14), second.OpenedAt);
    }

    [Fact]
    public void A_correction_comes_within_7_working_days_of_receipt()
    {
        var request = DisclosureDrive.Register(Moments.At(2025, 1, 24));

        var late = request.Handle(new RequestCorrection { Items = "Which reports?", At = Moments.At(2025, 2, 11) }, DisclosureDrive.Officer, Moments.At(2025, 2, 11, 11));

        Assert.Equal(DecisionOutcome.NotAllowed, late.Outcome);
        Assert.Equal("dispute.refused.windowEnded", late.Reason!.Code);
        Assert.Equal(DisclosurePhase.Received, request.State.Phase);
        Assert.True(request.AnswerLimit().IsOpen);
    }

    /// <summary>
    /// A third party consulted Wed 2025-02-05: while it is out, its 15 working days are held (35 in all: 20 Mar). The
    /// opinion comes Wed 12 Feb: 6, 7, 8 (调休), 10, 11, 12 Feb are 6 working days not counted (26 in all: 7 Mar).
    /// </summary>
    [Fact]
    public void The_time_of_a_third_party_consultation_is_not_counted()
    {
        var request = DisclosureDrive.Register(Moments.At(2025, 1, 24));
        request.Handle(new AcceptDisclosure { At = Moments.At(2025, 1, 27) }, DisclosureDrive.Officer, Moments.At(2025, 1, 27, 11)).Accept();

        request.Handle(new StartConsultation { Kind = ConsultedParty.ThirdParty, Party = "Tianji Coal Chemical", At = Moments.At(2025, 2, 5) }, DisclosureDrive.Officer, Moments.At(2025, 2, 5, 11)).Accept();

        Assert.Equal(Moments.EndOf(2025, 3, 20), request.AnswerLimit().DueAt);
        var early = request.Handle(DisclosureDrive.Disclosed(), DisclosureDrive.Officer, Moments.At(2025, 2, 6));
        Assert.Equal("disclosure.refused.answerDuringConsultation", early.Reason!.Code);

        request.Handle(new EndConsultation { Outcome = ConsultationOutcome.Agrees, At = Moments.At(2025, 2, 12) }, DisclosureDrive.Officer, Moments.At(2025, 2, 12, 11)).Accept();

        Assert.Equal(Moments.EndOf(2025, 3, 7), request.AnswerLimit().DueAt);
        Assert.Equal(6, request.State.Consultations.Single().WorkingDaysNotCounted);
        Assert.Equal(WindowStatus.Used, request.State.Windows.Single(w => w.Kind == WindowKind.ThirdPartyOpinion).StatusAt(Moments.At(2025, 2, 12, 12)));
    }

    [Fact]
    public void An_answer_not_given_by_the_limit_is_overdue_and_late_when_given()
    {
        var request = DisclosureDrive.Register(Moments.At(2025, 1, 24));

        Assert.True(request.Tick(Moments.At(2025, 2, 28, 9)));

        Assert.True(request.HasOverdue);
        Assert.True(request.Summary(Moments.At(2025, 2, 28, 9)).Overdue);
        Assert.Contains(request.State.Timeline, e => e.Kind == DisputeTimelineKind.ObligationOverdue);

        request.Handle(DisclosureDrive.Disclosed(Moments.At(2025, 3, 3)), DisclosureDrive.Officer, Moments.At(2025, 3, 3, 11)).Accept();

        Assert.Equal(ObligationStatus.CompletedLate, request.AnswerLimit().StatusAt(Moments.At(2025, 3, 3, 12)));
        Assert.Equal(AnswerKind.Disclosed, request.State.Answer!.Kind);
    }
}
