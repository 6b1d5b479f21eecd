using Emergency.Domain.Disputes;
using Emergency.Testing;

namespace Emergency.Domain.Tests.Disputes;

/// <summary>
/// MEP Order 15 (in force 2011-03-01): every report taken, every violation investigated, every case a result and a
/// reply (有报必接、违法必查，事事有结果、件件有回音).
/// </summary>
public sealed class Hotline12369Tests
{
    private static readonly Actor Officer = DisputeDrive.Officer;

    [Fact]
    public void An_anonymous_report_is_taken()
    {
        var dispute = DisputeDrive.Register(DisputeCmd.Register(channel: PetitionChannel.Hotline12369, complainant: new Complainant()));

        Assert.NotNull(dispute.HotlineRules);
        Assert.Contains("12369 rules apply: 有报必接、违法必查", dispute.State.Timeline[0].Text.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_report_must_name_the_enterprise_or_the_place()
    {
        var command = DisputeCmd.Register(channel: PetitionChannel.Hotline12369) with { Subject = new DisputeSubject { Region = "Changzhi" } };

        var (dispute, decision) = Dispute.Register("xf-h1", "live", command, Officer, RealDisputeRules.Petitions, Moments.Received2013.Days(1));

        Assert.Null(dispute);
        var error = Assert.Single(decision.Errors);
        Assert.Equal("subject", error.Field);
        Assert.Contains("a 12369 report must name the enterprise or the place reported (MEP Order 15", error.Message.En(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(NotAcceptedGround.OutsideRemit, true)]
    [InlineData(NotAcceptedGround.LegalProceedings, true)]
    [InlineData(NotAcceptedGround.AlreadyAccepted, true)]
    [InlineData(NotAcceptedGround.AlreadyAnswered, true)]
    [InlineData(NotAcceptedGround.Other, false)]
    public void A_report_is_left_unaccepted_only_on_the_grounds_of_the_rules(NotAcceptedGround ground, bool allowed)
    {
        var dispute = DisputeDrive.Register(DisputeCmd.Register(channel: PetitionChannel.Hotline12369));
        var now = dispute.D(1);

        if (allowed)
        {
            dispute.Handle(DisputeCmd.NotAccept(ground), Officer, now).Accept();
        }
        else
        {
            var decision = dispute.Refused(now, d => d.Handle(DisputeCmd.NotAccept(ground), Officer, now), DecisionOutcome.NotAllowed);
            Assert.StartsWith("a 12369 report must be accepted and investigated (有报必接、违法必查，事事有结果、件件有回音", decision.Reason.En(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_letter_may_be_left_unaccepted_on_any_ground_with_a_reason()
    {
        var dispute = DisputeDrive.Register();

        dispute.Handle(DisputeCmd.NotAccept(NotAcceptedGround.Other), Officer, dispute.D(1)).Accept();
    }

    [Fact]
    public void Handling_a_report_must_say_whether_a_violation_was_found()
    {
        var dispute = DisputeDrive.Assigned(channel: PetitionChannel.Hotline12369);

        var decision = dispute.Refused(dispute.D(10), d => d.Handle(DisputeCmd.Handle(finding: null), Officer, dispute.D(10)), DecisionOutcome.Invalid);
        dispute.Handle(DisputeCmd.Handle(finding: ViolationFinding.NoViolationFound), Officer, dispute.D(10)).Accept();

        Assert.Equal("finding", Assert.Single(decision.Errors).Field);
        Assert.Contains("违法必查", decision.Reason.En(), StringComparison.Ordinal);
        Assert.Equal(ViolationFinding.NoViolationFound, dispute.State.Handling!.Finding);
    }

    [Fact]
    public void A_report_from_before_Order_15_follows_the_petition_rules_alone()
    {
        var received = Moments.At(2010, 6, 1);
        var dispute = DisputeDrive.Register(DisputeCmd.Register(received, PetitionChannel.Hotline12369) with { Subject = new DisputeSubject { Region = "Changzhi" } });

        Assert.Null(dispute.HotlineRules);
        dispute.Handle(DisputeCmd.NotAccept(NotAcceptedGround.Other), Officer, dispute.D(1)).Accept();
    }

    [Fact]
    public void Every_case_ends_with_a_result_and_a_reply()
    {
        var dispute = DisputeDrive.Handled(channel: PetitionChannel.Hotline12369);

        var decision = dispute.Refused(dispute.D(16), d => d.Handle(new ClosePetition(), Officer, dispute.D(16)), DecisionOutcome.NotAllowed);

        Assert.Contains("事事有结果、件件有回音", decision.Reason.En(), StringComparison.Ordinal);
    }
}
