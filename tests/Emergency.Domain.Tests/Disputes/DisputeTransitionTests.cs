using Emergency.Domain.Disputes;

namespace Emergency.Domain.Tests.Disputes;

/// <summary>
/// Every command in every phase: accepted exactly when the procedure lists it as an allowed move; otherwise refused
/// with a reason and the allowed moves, changing nothing.
/// </summary>
public sealed class DisputeTransitionTests
{
    private static readonly Actor Officer = DisputeDrive.Officer;

    private static readonly string[] Commands =
    [
        "transfer", "decideAcceptance(accepted)", "decideAcceptance(notAccepted)", "decideAcceptance(transferredOut)", "returnWrongAssignment",
        "assign", "extendReply", "handle", "reply", "recordSatisfaction", "requestReview", "answerReview", "requestSecondReview",
        "answerSecondReview", "linkEarlierCases", "close",
    ];

    private static readonly string[] Phases =
    [
        "Registered", "Registered(viaOffice)", "Registered(transferred2023)", "Accepted", "Assigned", "Handled", "Replied", "Replied(satisfied)",
        "UnderReview", "Reviewed", "UnderSecondReview", "SecondReviewed", "NotAccepted", "TransferredOut", "Returned", "Closed",
    ];

    public static TheoryData<string, string> Matrix { get; } = Build();

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Command_in_phase(string phase, string command)
    {
        var (dispute, now) = InPhase(phase);
        dispute.Tick(now);
        var allowed = dispute.AllowedMoves(now);

        if (allowed.Contains(command))
        {
            var version = dispute.State.Version;
            var entries = dispute.State.Timeline.Count;

            Run(dispute, command, now).Accept();

            Assert.Equal(version + 1, dispute.State.Version);
            Assert.True(dispute.State.Timeline.Count > entries);
        }
        else
        {
            var decision = dispute.Refused(now, d => Run(d, command, now), DecisionOutcome.NotAllowed);

            Assert.Equal(allowed, decision.AllowedMoves);
        }
    }

    [Theory]
    [InlineData("Registered", new[] { "decideAcceptance(accepted)", "decideAcceptance(notAccepted)", "decideAcceptance(transferredOut)", "linkEarlierCases" })]
    [InlineData("Registered(viaOffice)", new[] { "transfer", "linkEarlierCases" })]
    [InlineData("Registered(transferred2023)", new[] { "decideAcceptance(accepted)", "decideAcceptance(notAccepted)", "decideAcceptance(transferredOut)", "returnWrongAssignment", "linkEarlierCases" })]
    [InlineData("Accepted", new[] { "assign", "extendReply", "linkEarlierCases" })]
    [InlineData("Assigned", new[] { "extendReply", "handle", "linkEarlierCases" })]
    [InlineData("Handled", new[] { "extendReply", "reply", "linkEarlierCases" })]
    [InlineData("Replied", new[] { "recordSatisfaction", "requestReview", "linkEarlierCases" })]
    [InlineData("Replied(satisfied)", new[] { "requestReview", "linkEarlierCases" })]
    [InlineData("UnderReview", new[] { "answerReview", "linkEarlierCases" })]
    [InlineData("Reviewed", new[] { "requestSecondReview", "linkEarlierCases" })]
    [InlineData("UnderSecondReview", new[] { "answerSecondReview", "linkEarlierCases" })]
    [InlineData("SecondReviewed", new[] { "recordSatisfaction", "linkEarlierCases" })]
    [InlineData("NotAccepted", new[] { "linkEarlierCases", "close" })]
    [InlineData("TransferredOut", new[] { "linkEarlierCases", "close" })]
    [InlineData("Returned", new[] { "linkEarlierCases", "close" })]
    [InlineData("Closed", new string[0])]
    public void Allowed_moves_of_each_phase(string phase, string[] expected)
    {
        var (dispute, now) = InPhase(phase);

        Assert.Equal(expected, dispute.AllowedMoves(now));
    }

    [Theory]
    [InlineData("Registered", "handle", "handling needs the four fixed points first (四定: assign)")]
    [InlineData("Registered(viaOffice)", "decideAcceptance(accepted)", "the petition office has not transferred the case yet (转送): record the transfer first")]
    [InlineData("Registered", "transfer", "the case came to the department directly: there is no transfer by the petition office (转送)")]
    [InlineData("Registered", "returnWrongAssignment", "has no objection to a wrong assignment (异议)")]
    [InlineData("Accepted", "decideAcceptance(notAccepted)", "acceptance was already decided (Accepted on")]
    [InlineData("Accepted", "reply", "the reply comes after the handling: record the result of handling first")]
    [InlineData("Replied", "close", "cannot close yet: the time for requesting a review (复查) runs until")]
    [InlineData("Replied", "extendReply", "the reply was already given; there is no limit left to extend")]
    [InlineData("Reviewed", "requestReview", "a review (复查) was already asked for")]
    [InlineData("SecondReviewed", "close", "cannot close yet: record whether the petitioner is satisfied with the second review opinion (复核意见) first")]
    [InlineData("UnderReview", "close", "cannot close while a review is under way")]
    [InlineData("Handled", "close", "cannot close before the petitioner has had a result and a reply (事事有结果、件件有回音)")]
    [InlineData("Replied(satisfied)", "recordSatisfaction", "the petitioner's satisfaction with the reply (答复意见) was already recorded (satisfied (满意)")]
    [InlineData("NotAccepted", "assign", "cannot assign: the case was not accepted (OutsideRemit); only closing is left")]
    [InlineData("Closed", "linkEarlierCases", "cannot link earlier cases: the case is closed")]
    public void Refusals_say_why_in_words_an_officer_understands(string phase, string command, string reason)
    {
        var (dispute, now) = InPhase(phase);

        var decision = dispute.Refused(now, d => Run(d, command, now), DecisionOutcome.NotAllowed);

        Assert.Contains(reason, decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_whole_procedure_ends_closed_with_every_obligation_done()
    {
        var dispute = DisputeDrive.SecondReviewed();
        dispute.RecordSatisfaction(DisputeCmd.Satisfied(Satisfaction.BasicallySatisfied), Officer, dispute.D(61)).Accept();

        dispute.Close(new CloseCase { Note = "no further recourse" }, Officer, dispute.D(62)).Accept();

        Assert.Equal(DisputePhase.Closed, dispute.State.Phase);
        Assert.All(dispute.State.Obligations, o => Assert.True(o.IsCompleted));
        Assert.Equal(
            ["acceptance", "reply", "handling", "reviewAnswer", "secondReviewAnswer"],
            dispute.State.Obligations.Select(o => o.Id));
        Assert.Equal(["review", "secondReview"], dispute.State.Windows.Select(w => w.Id));
        Assert.Equal([AnswerStage.Reply, AnswerStage.Review, AnswerStage.SecondReview], dispute.State.Answers.Select(a => a.Stage));
        Assert.Empty(dispute.AllowedMoves(dispute.D(63)));
    }

    [Fact]
    public void A_replied_case_closes_once_the_review_window_has_lapsed_unused()
    {
        var dispute = DisputeDrive.Replied();
        dispute.RecordSatisfaction(DisputeCmd.Satisfied(Satisfaction.Satisfied), Officer, dispute.D(21)).Accept();
        var closes = dispute.Window(WindowKind.Review).ClosesAt;

        dispute.Refused(closes, d => d.Close(new CloseCase(), Officer, closes), DecisionOutcome.NotAllowed);
        dispute.Close(new CloseCase(), Officer, closes.AddTicks(1)).Accept();

        Assert.Equal(closes, dispute.Window(WindowKind.Review).LapsedAt);
        Assert.Contains(dispute.State.Timeline, e => e.Kind == DisputeTimelineKind.WindowLapsed && e.At == closes);
    }

    [Fact]
    public void Not_accepted_and_transferred_cases_close_at_once()
    {
        var declined = DisputeDrive.Register();
        declined.DecideAcceptance(DisputeCmd.NotAccept(), Officer, declined.D(2)).Accept();
        var transferred = DisputeDrive.Register();
        transferred.DecideAcceptance(DisputeCmd.TransferOut(), Officer, transferred.D(2)).Accept();

        declined.Close(new CloseCase(), Officer, declined.D(2)).Accept();
        transferred.Close(new CloseCase(), Officer, transferred.D(2)).Accept();

        Assert.Equal(AcceptanceOutcome.NotAccepted, declined.State.Acceptance!.Outcome);
        Assert.Equal("Changzhi city management bureau", transferred.State.Acceptance!.TransferredTo);
        Assert.Null(declined.State.Obligations.SingleOrDefault(o => o.Kind == DisputeObligationKind.Reply));
    }

    [Theory]
    [InlineData("outcome undefined", "outcome")]
    [InlineData("not accepted without ground", "ground")]
    [InlineData("not accepted without reason", "reason")]
    [InlineData("transferred without organ", "transferredTo")]
    [InlineData("accepted with ground", "ground")]
    [InlineData("in the future", "at")]
    [InlineData("before receipt", "at")]
    public void A_malformed_acceptance_decision_is_invalid_and_names_the_field(string @case, string field)
    {
        var dispute = DisputeDrive.Register();
        var now = dispute.D(2);
        var command = @case switch
        {
            "outcome undefined" => DisputeCmd.Accept() with { Outcome = (AcceptanceOutcome)9 },
            "not accepted without ground" => DisputeCmd.NotAccept() with { Ground = null },
            "not accepted without reason" => DisputeCmd.NotAccept() with { Reason = " " },
            "transferred without organ" => DisputeCmd.TransferOut() with { TransferredTo = null },
            "accepted with ground" => DisputeCmd.Accept() with { Ground = NotAcceptedGround.Other },
            "in the future" => DisputeCmd.Accept(now.AddSeconds(1)),
            _ => DisputeCmd.Accept(dispute.State.ReceivedAt.AddSeconds(-1)),
        };

        var decision = dispute.Refused(now, d => d.DecideAcceptance(command, Officer, now), DecisionOutcome.Invalid);

        Assert.Equal(field, Assert.Single(decision.Errors).Field);
    }

    [Theory]
    [InlineData("no unit", "unit")]
    [InlineData("no content", "content")]
    [InlineData("no region", "subject.region")]
    [InlineData("bad id number", "complainant.idNumber")]
    [InlineData("received in the future", "receivedAt")]
    [InlineData("received before any rule set", "receivedAt")]
    [InlineData("channel undefined", "channel")]
    [InlineData("receiver undefined", "receivedBy")]
    [InlineData("blank earlier case", "earlierCases[0]")]
    [InlineData("itself as earlier case", "earlierCases[0]")]
    [InlineData("1 MB content", "content")]
    [InlineData("via an unnamed petition office", "petitionOffice")]
    [InlineData("a petition office for a direct case", "petitionOffice")]
    public void A_malformed_registration_is_invalid_and_names_the_field(string @case, string field)
    {
        var now = Moments.Received2013.Days(1);
        var command = DisputeCmd.Register();
        command = @case switch
        {
            "no unit" => command with { Unit = "" },
            "no content" => command with { Content = " " },
            "no region" => command with { Subject = command.Subject with { Region = "" } },
            "bad id number" => command with { Complainant = DisputeCmd.Zhang with { IdNumber = "110105194912310021" } },
            "received in the future" => command with { ReceivedAt = now.AddMinutes(1) },
            "received before any rule set" => command with { ReceivedAt = Moments.At(2004, 1, 1) },
            "channel undefined" => command with { Channel = (PetitionChannel)7 },
            "receiver undefined" => command with { ReceivedBy = (ReceivedBy)7 },
            "blank earlier case" => command with { EarlierCases = [" "] },
            "itself as earlier case" => command with { EarlierCases = ["xf-new"] },
            "via an unnamed petition office" => command with { ReceivedBy = ReceivedBy.PetitionOffice },
            "a petition office for a direct case" => command with { PetitionOffice = "Changzhi city petition bureau" },
            _ => command with { Content = new string('x', 1 << 20) },
        };

        var (dispute, decision) = Dispute.Register("xf-new", "live", command, Officer, RealDisputeRules.Petitions, now);

        Assert.Null(dispute);
        Assert.Equal(DecisionOutcome.Invalid, decision.Outcome);
        Assert.Equal(field, Assert.Single(decision.Errors).Field);
    }

    [Fact]
    public void Linking_earlier_cases_adds_only_new_ones()
    {
        var dispute = DisputeDrive.Register(DisputeCmd.Register() with { EarlierCases = ["xf-2011-7"] });

        dispute.LinkEarlierCases(new LinkEarlierCases { CaseIds = ["xf-2011-7", "xf-2012-3"] }, Officer, dispute.D(1)).Accept();
        var again = dispute.Refused(dispute.D(1), d => d.LinkEarlierCases(new LinkEarlierCases { CaseIds = ["xf-2012-3"] }, Officer, dispute.D(1)), DecisionOutcome.NotAllowed);

        Assert.Equal(["xf-2011-7", "xf-2012-3"], dispute.State.EarlierCases);
        Assert.Equal("every case named is already linked", again.Reason);
    }

    private static TheoryData<string, string> Build()
    {
        var data = new TheoryData<string, string>();
        foreach (var phase in Phases)
        {
            foreach (var command in Commands)
            {
                data.Add(phase, command);
            }
        }

        return data;
    }

    private static (Dispute Dispute, DateTimeOffset Now) InPhase(string phase)
    {
        switch (phase)
        {
            case "Registered":
                var registered = DisputeDrive.Register();
                return (registered, registered.D(1));
            case "Registered(viaOffice)":
                var viaOffice = DisputeDrive.Register(DisputeCmd.Register(receivedBy: ReceivedBy.PetitionOffice));
                return (viaOffice, viaOffice.D(1));
            case "Registered(transferred2023)":
                var transferred = DisputeDrive.Register(DisputeCmd.Register(Moments.Received2023, receivedBy: ReceivedBy.PetitionOffice));
                transferred.RecordTransfer(DisputeCmd.Transfer(), Officer, transferred.D(2)).Accept();
                return (transferred, transferred.D(3));
            case "Accepted":
                var accepted = DisputeDrive.Accepted();
                return (accepted, accepted.D(3.5));
            case "Assigned":
                var assigned = DisputeDrive.Assigned();
                return (assigned, assigned.D(5));
            case "Handled":
                var handled = DisputeDrive.Handled();
                return (handled, handled.D(16));
            case "Replied":
                var replied = DisputeDrive.Replied();
                return (replied, replied.D(21));
            case "Replied(satisfied)":
                var satisfied = DisputeDrive.Replied();
                satisfied.RecordSatisfaction(DisputeCmd.Satisfied(), Officer, satisfied.D(21)).Accept();
                return (satisfied, satisfied.D(21));
            case "UnderReview":
                var underReview = DisputeDrive.UnderReview();
                return (underReview, underReview.D(26));
            case "Reviewed":
                var reviewed = DisputeDrive.Reviewed();
                return (reviewed, reviewed.D(42));
            case "UnderSecondReview":
                var underSecond = DisputeDrive.UnderSecondReview();
                return (underSecond, underSecond.D(46));
            case "SecondReviewed":
                var secondReviewed = DisputeDrive.SecondReviewed();
                return (secondReviewed, secondReviewed.D(61));
            case "NotAccepted":
                var declined = DisputeDrive.Register();
                declined.DecideAcceptance(DisputeCmd.NotAccept(), Officer, declined.D(3)).Accept();
                return (declined, declined.D(4));
            case "TransferredOut":
                var transferredOut = DisputeDrive.Register();
                transferredOut.DecideAcceptance(DisputeCmd.TransferOut(), Officer, transferredOut.D(3)).Accept();
                return (transferredOut, transferredOut.D(4));
            case "Returned":
                var returned = DisputeDrive.Register(DisputeCmd.Register(Moments.Received2023, receivedBy: ReceivedBy.PetitionOffice));
                returned.RecordTransfer(DisputeCmd.Transfer(), Officer, returned.D(2)).Accept();
                returned.ReturnWrongAssignment(DisputeCmd.WrongAssignment(), Officer, returned.D(3)).Accept();
                return (returned, returned.D(4));
            default:
                var closed = DisputeDrive.Replied();
                closed.RecordSatisfaction(DisputeCmd.Satisfied(), Officer, closed.D(21)).Accept();
                closed.Close(new CloseCase(), Officer, closed.D(60)).Accept();
                return (closed, closed.D(61));
        }
    }

    private static Decision Run(Dispute dispute, string command, DateTimeOffset now) => command switch
    {
        "transfer" => dispute.RecordTransfer(DisputeCmd.Transfer(), Officer, now),
        "decideAcceptance(accepted)" => dispute.DecideAcceptance(DisputeCmd.Accept(), Officer, now),
        "decideAcceptance(notAccepted)" => dispute.DecideAcceptance(DisputeCmd.NotAccept(), Officer, now),
        "decideAcceptance(transferredOut)" => dispute.DecideAcceptance(DisputeCmd.TransferOut(), Officer, now),
        "returnWrongAssignment" => dispute.ReturnWrongAssignment(DisputeCmd.WrongAssignment(), Officer, now),
        "assign" => dispute.Assign(DisputeCmd.Assign(now.Days(5)), Officer, now),
        "extendReply" => dispute.ExtendReply(DisputeCmd.Extend(now), Officer, now),
        "handle" => dispute.Handle(DisputeCmd.Handle(), Officer, now),
        "reply" => dispute.Reply(DisputeCmd.Answer(), Officer, now),
        "recordSatisfaction" => dispute.RecordSatisfaction(DisputeCmd.Satisfied(), Officer, now),
        "requestReview" => dispute.RequestReview(DisputeCmd.Request(), Officer, now),
        "answerReview" => dispute.AnswerReview(DisputeCmd.Answer(), Officer, now),
        "requestSecondReview" => dispute.RequestSecondReview(DisputeCmd.Request(), Officer, now),
        "answerSecondReview" => dispute.AnswerSecondReview(DisputeCmd.Answer(), Officer, now),
        "linkEarlierCases" => dispute.LinkEarlierCases(new LinkEarlierCases { CaseIds = [$"xf-old-{now.Ticks}"] }, Officer, now),
        _ => dispute.Close(new CloseCase(), Officer, now),
    };
}
