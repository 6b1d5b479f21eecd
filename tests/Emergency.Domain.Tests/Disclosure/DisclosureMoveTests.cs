using System.Text.Json.Nodes;
using Emergency.Domain.Cases;
using Emergency.Domain.Disclosure;
using Emergency.Domain.Disputes;
using Emergency.Domain.Disputes.Supervision;
using Emergency.Domain.Rules;
using Emergency.Domain.Tests.Disputes;
using Emergency.Testing;

namespace Emergency.Domain.Tests.Disclosure;

/// <summary>The procedure of a disclosure request: its moves, its refusals, bad input, and how supervision counts it.</summary>
public class DisclosureMoveTests
{
    [Fact]
    public void A_request_goes_from_received_through_accepted_and_answered_to_closed()
    {
        var request = DisclosureDrive.Register(Moments.At(2025, 1, 24));
        Assert.Equal(["requestCorrection", "accept", "extend", "consult", "answer"], request.AllowedMoves(Moments.At(2025, 1, 24, 12)));

        request.Handle(new AcceptDisclosure(), DisclosureDrive.Officer, Moments.At(2025, 1, 27)).Accept();
        request.Handle(new AnswerDisclosure { Kind = AnswerKind.NotHeldHere, Content = "Dear 李四, ask the city bureau.", Reason = "Held by the city.", OtherBody = "Changzhi city natural resources bureau" },
            DisclosureDrive.Officer, Moments.At(2025, 2, 10)).Accept();

        Assert.Equal(DisclosurePhase.Answered, request.State.Phase);
        Assert.Equal(ObligationStatus.Completed, request.AnswerLimit().StatusAt(Moments.At(2025, 2, 10)));
        Assert.Equal(WindowStatus.Waived, request.State.Windows.Single(w => w.Kind == WindowKind.CorrectionNotice).StatusAt(Moments.At(2025, 2, 10)));
        Assert.Equal(["close"], request.AllowedMoves(Moments.At(2025, 2, 10)));

        request.Handle(new CloseDisclosure(), DisclosureDrive.Officer, Moments.At(2025, 2, 11)).Accept();

        Assert.Equal(DisclosurePhase.Closed, request.State.Phase);
        Assert.Empty(request.AllowedMoves(Moments.At(2025, 2, 11)));
        var answered = request.State.Timeline.Single(e => e.Kind == DisputeTimelineKind.Replied);
        Assert.Equal("已作出答复：不属于本机关负责公开，并告知负责公开的行政机关：Changzhi city natural resources bureau", answered.Text.Zh());
    }

    [Fact]
    public void Moves_the_phase_does_not_allow_are_refused_in_the_words_of_the_procedure()
    {
        var request = DisclosureDrive.Register(Moments.At(2025, 1, 24));

        var close = request.Handle(new CloseDisclosure(), DisclosureDrive.Officer, Moments.At(2025, 1, 27));
        var corrected = request.Handle(new ReceiveCorrection { ReceivedAt = Moments.At(2025, 1, 27) }, DisclosureDrive.Officer, Moments.At(2025, 1, 27));
        var noConsultation = request.Handle(new EndConsultation { Outcome = ConsultationOutcome.Agrees }, DisclosureDrive.Officer, Moments.At(2025, 1, 27));
        request.Handle(new AcceptDisclosure(), DisclosureDrive.Officer, Moments.At(2025, 1, 27)).Accept();
        var correction = request.Handle(new RequestCorrection { Items = "Which years?" }, DisclosureDrive.Officer, Moments.At(2025, 1, 27, 11));

        Assert.Equal("disclosure.refused.closeBeforeAnswer", close.Reason!.Code);
        Assert.Equal("disclosure.refused.noCorrectionAsked", corrected.Reason!.Code);
        Assert.Equal("disclosure.refused.noConsultation", noConsultation.Reason!.Code);
        Assert.Equal("disclosure.refused.correctionBeforeAcceptance", correction.Reason!.Code);
        Assert.Equal("补正须在受理前告知：申请已受理", correction.Reason.Zh());
        Assert.Equal(["extend", "consult", "answer"], correction.AllowedMoves);
    }

    [Fact]
    public void A_request_is_deemed_abandoned_only_once_the_correction_period_has_passed()
    {
        var request = DisclosureDrive.Register(Moments.At(2024, 9, 27));
        request.Handle(new RequestCorrection { Items = "Name the enterprise.", WorkingDays = 5, At = Moments.At(2024, 9, 30) }, DisclosureDrive.Officer, Moments.At(2024, 9, 30, 11)).Accept();

        // Five working days from Mon 30 Sep: 8, 9, 10, 11 Oct and Sat 12 Oct (调休).
        Assert.Equal(Moments.EndOf(2024, 10, 12), request.State.Corrections.Single().CorrectBy);
        var early = request.Handle(new DeemAbandoned(), DisclosureDrive.Officer, Moments.At(2024, 10, 12, 18));
        Assert.Equal("disclosure.refused.correctionPeriodRuns", early.Reason!.Code);

        request.Handle(new DeemAbandoned { Note = "no answer by phone either" }, DisclosureDrive.Officer, Moments.At(2024, 10, 14, 9)).Accept();

        Assert.Equal(DisclosurePhase.Closed, request.State.Phase);
        Assert.Contains(request.State.Timeline, e => e.Text.Code == "disclosure.timeline.abandoned");
        Assert.False(request.HasOverdue);
    }

    [Fact]
    public void Bad_input_is_refused_field_by_field_and_registers_nothing()
    {
        var command = DisclosureDrive.Command(Moments.At(2025, 1, 24)) with
        {
            Applicant = new Applicant { Contact = " ", IdNumber = "123" },
            Description = "",
            ReceivedAt = Moments.At(2025, 1, 25),
        };

        var (request, decision) = DisclosureRequest.Register("dis-bad", "live", command, DisclosureDrive.Officer, DisclosureDrive.Rules, Moments.At(2025, 1, 24, 12));

        Assert.Null(request);
        Assert.Equal(DecisionOutcome.Invalid, decision.Outcome);
        Assert.Equal(
            ["applicant.contact", "applicant.idNumber", "applicant.name", "description", "receivedAt"],
            decision.Errors.Select(e => e.Field).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(decision.Errors, e => e.Message.En().Contains("123", StringComparison.Ordinal));

        var early = DisclosureDrive.Command(Moments.At(2019, 5, 14));
        var (_, tooEarly) = DisclosureRequest.Register("dis-early", "live", early, DisclosureDrive.Officer, DisclosureDrive.Rules, Moments.At(2025, 1, 24));
        Assert.Equal("disclosure.field.noRuleSetInForce", Assert.Single(tooEarly.Errors).Message.Code);
    }

    [Fact]
    public void An_answer_that_withholds_says_why_and_names_another_body_only_when_not_held_here()
    {
        var request = DisclosureDrive.Register(Moments.At(2025, 1, 24));
        var version = request.State.Version;

        var noReason = request.Handle(new AnswerDisclosure { Kind = AnswerKind.NotDisclosed, Content = "Dear 李四, no." }, DisclosureDrive.Officer, Moments.At(2025, 2, 3));
        var strayBody = request.Handle(DisclosureDrive.Disclosed() with { OtherBody = "the city bureau" }, DisclosureDrive.Officer, Moments.At(2025, 2, 3));
        var future = request.Handle(DisclosureDrive.Disclosed(Moments.At(2025, 2, 4)), DisclosureDrive.Officer, Moments.At(2025, 2, 3));

        Assert.Equal("reason", Assert.Single(noReason.Errors).Field);
        Assert.Equal("otherBody", Assert.Single(strayBody.Errors).Field);
        Assert.Equal("at", Assert.Single(future.Errors).Field);
        Assert.Equal(version, request.State.Version);
        Assert.Null(request.State.Answer);
    }

    [Fact]
    public void Supervision_counts_answers_of_closed_requests_per_unit_and_period()
    {
        var onTime = DisclosureDrive.Register(Moments.At(2025, 1, 24));
        onTime.Handle(DisclosureDrive.Disclosed(Moments.At(2025, 2, 20)), DisclosureDrive.Officer, Moments.At(2025, 2, 20, 11)).Accept();
        onTime.Handle(new CloseDisclosure(), DisclosureDrive.Officer, Moments.At(2025, 2, 21)).Accept();
        var late = DisclosureDrive.Register(Moments.At(2025, 1, 24));
        late.Handle(DisclosureDrive.Disclosed(Moments.At(2025, 3, 3)), DisclosureDrive.Officer, Moments.At(2025, 3, 3, 11)).Accept();
        var now = Moments.At(2025, 3, 10);

        var rates = EfficiencySupervision.Rates([], [], SupervisionPeriod.Month, now, Moments.China, [onTime.Summary(now), late.Summary(now)]);

        var row = Assert.Single(rates);
        Assert.Equal("Changzhi EPB disclosure office", row.Unit);
        Assert.Equal("2025-02", row.Period);
        Assert.Equal(2, row.DisclosureCounted);
        Assert.Equal(1, row.AnsweredOnTime);
        Assert.Equal(0.5m, row.DisclosureRate);
        Assert.Equal(0, row.CompletionCounted);
        Assert.True(onTime.Summary(now).IsClosed);
    }

    [Fact]
    public void An_overdue_answer_is_on_the_overdue_list_as_a_disclosure_request()
    {
        var request = DisclosureDrive.Register(Moments.At(2025, 1, 24));
        var now = Moments.At(2025, 3, 3);
        request.Tick(now);

        var item = Assert.Single(EfficiencySupervision.Overdue([], [], now, [request.Summary(now)]));

        Assert.Equal(CaseKind.Disclosure, item.Case);
        Assert.Equal(DisputeObligationKind.DisclosureAnswer, item.Kind);
        Assert.Equal(Moments.EndOf(2025, 2, 27), item.DueAt);
    }

    [Fact]
    public void A_view_for_a_role_without_personal_data_rights_carries_no_applicant()
    {
        var request = DisclosureDrive.Register(Moments.At(2025, 1, 24));
        request.Handle(new StartConsultation { Kind = ConsultedParty.ThirdParty, Party = "王五" }, DisclosureDrive.Officer, Moments.At(2025, 1, 27)).Accept();

        var redacted = request.View(Moments.At(2025, 1, 27), includePersonalData: false);
        var full = request.View(Moments.At(2025, 1, 27), includePersonalData: true);

        Assert.Null(redacted.Applicant);
        Assert.True(redacted.PersonalDataRedacted);
        Assert.DoesNotContain("Mill Lane", redacted.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("王五", redacted.Consultations.Single().Party, StringComparison.Ordinal);
        Assert.Equal("李四", full.Applicant!.Name);
        Assert.DoesNotContain(request.State.Timeline, e => e.Text.En().Contains("李四", StringComparison.Ordinal) || e.Text.En().Contains("王五", StringComparison.Ordinal));
    }

    [Fact]
    public void A_rule_file_without_the_source_of_a_receipt_rule_stops_the_start()
    {
        var node = JsonNode.Parse(File.ReadAllText(Path.Combine(DisclosureDrive.Directory, "cn-2019.json")))!;
        node["receipt"]!["post"] = " ";
        var json = node.ToJsonString();

        var error = Assert.Throws<RuleSetException>(() => DisclosureRuleLoader.Parse([("cn-2019.json", json)], RealDisputeRules.Calendar));

        Assert.Contains("receipt.post", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_graph_of_the_procedure_is_current()
    {
        MachineGraphs.AssertCurrent("disclosure", "依申请公开办理程序 — Disclosure on request", DisclosureRequest.Graph());
    }
}
