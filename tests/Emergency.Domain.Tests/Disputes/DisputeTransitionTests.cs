using Emergency.Domain.Disputes;
using Emergency.Testing;

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

        if (allowed.Contains(MoveOf(command)))
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
    [InlineData("Registered", new[] { "acceptance", "earlier-cases" })]
    [InlineData("Registered(viaOffice)", new[] { "transfer", "earlier-cases" })]
    [InlineData("Registered(transferred2023)", new[] { "acceptance", "return", "earlier-cases" })]
    [InlineData("Accepted", new[] { "assign", "extension", "earlier-cases" })]
    [InlineData("Assigned", new[] { "extension", "handling", "earlier-cases" })]
    [InlineData("Handled", new[] { "extension", "reply", "earlier-cases" })]
    [InlineData("Replied", new[] { "satisfaction", "review", "earlier-cases" })]
    [InlineData("Replied(satisfied)", new[] { "review", "earlier-cases" })]
    [InlineData("UnderReview", new[] { "review/answer", "earlier-cases" })]
    [InlineData("Reviewed", new[] { "second-review", "earlier-cases" })]
    [InlineData("UnderSecondReview", new[] { "second-review/answer", "earlier-cases" })]
    [InlineData("SecondReviewed", new[] { "satisfaction", "earlier-cases" })]
    [InlineData("NotAccepted", new[] { "earlier-cases", "close" })]
    [InlineData("TransferredOut", new[] { "earlier-cases", "close" })]
    [InlineData("Returned", new[] { "earlier-cases", "close" })]
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

        Assert.Contains(reason, decision.Reason.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_whole_procedure_ends_closed_with_every_obligation_done()
    {
        var dispute = DisputeDrive.SecondReviewed();
        dispute.Handle(DisputeCmd.PetitionSatisfied(Satisfaction.BasicallySatisfied), Officer, dispute.D(61)).Accept();

        dispute.Handle(new ClosePetition { Note = "no further recourse" }, Officer, dispute.D(62)).Accept();

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
        dispute.Handle(DisputeCmd.PetitionSatisfied(Satisfaction.Satisfied), Officer, dispute.D(21)).Accept();
        var closes = dispute.Window(WindowKind.Review).ClosesAt;

        dispute.Refused(closes, d => d.Handle(new ClosePetition(), Officer, closes), DecisionOutcome.NotAllowed);
        dispute.Handle(new ClosePetition(), Officer, closes.AddTicks(1)).Accept();

        Assert.Equal(closes, dispute.Window(WindowKind.Review).LapsedAt);
        Assert.Contains(dispute.State.Timeline, e => e.Kind == DisputeTimelineKind.WindowLapsed && e.At == closes);
    }

    [Fact]
    public void Not_accepted_and_transferred_cases_close_at_once()
    {
        var declined = DisputeDrive.Register();
        declined.Handle(DisputeCmd.NotAccept(), Officer, declined.D(2)).Accept();
        var transferred = DisputeDrive.Register();
        transferred.Handle(DisputeCmd.TransferOut(), Officer, transferred.D(2)).Accept();

        declined.Handle(new ClosePetition(), Officer, declined.D(2)).Accept();
        transferred.Handle(new ClosePetition(), Officer, transferred.D(2)).Accept();

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

        var decision = dispute.Refused(now, d => d.Handle(command, Officer, now), DecisionOutcome.Invalid);

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

        dispute.Handle(new LinkEarlierCases { CaseIds = ["xf-2011-7", "xf-2012-3"] }, Officer, dispute.D(1)).Accept();
        var again = dispute.Refused(dispute.D(1), d => d.Handle(new LinkEarlierCases { CaseIds = ["xf-2012-3"] }, Officer, dispute.D(1)), DecisionOutcome.NotAllowed);

        Assert.Equal(["xf-2011-7", "xf-2012-3"], dispute.State.EarlierCases);
        Assert.Equal("every case named is already linked", again.Reason.En());
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
                transferred.Handle(DisputeCmd.Transfer(), Officer, transferred.D(2)).Accept();
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
                satisfied.Handle(DisputeCmd.PetitionSatisfied(), Officer, satisfied.D(21)).Accept();
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
                declined.Handle(DisputeCmd.NotAccept(), Officer, declined.D(3)).Accept();
                return (declined, declined.D(4));
            case "TransferredOut":
                var transferredOut = DisputeDrive.Register();
                transferredOut.Handle(DisputeCmd.TransferOut(), Officer, transferredOut.D(3)).Accept();
                return (transferredOut, transferredOut.D(4));
            case "Returned":
                var returned = DisputeDrive.Register(DisputeCmd.Register(Moments.Received2023, receivedBy: ReceivedBy.PetitionOffice));
                returned.Handle(DisputeCmd.Transfer(), Officer, returned.D(2)).Accept();
                returned.Handle(DisputeCmd.WrongAssignment(), Officer, returned.D(3)).Accept();
                return (returned, returned.D(4));
            default:
                var closed = DisputeDrive.Replied();
                closed.Handle(DisputeCmd.PetitionSatisfied(), Officer, closed.D(21)).Accept();
                closed.Handle(new ClosePetition(), Officer, closed.D(60)).Accept();
                return (closed, closed.D(61));
        }
    }

    /// <summary>The move a command of the matrix makes, as the API and the allowed moves name it.</summary>
    private static string MoveOf(string command) => command switch
    {
        "decideAcceptance(accepted)" or "decideAcceptance(notAccepted)" or "decideAcceptance(transferredOut)" => "acceptance",
        "returnWrongAssignment" => "return",
        "extendReply" => "extension",
        "handle" => "handling",
        "recordSatisfaction" => "satisfaction",
        "requestReview" => "review",
        "answerReview" => "review/answer",
        "requestSecondReview" => "second-review",
        "answerSecondReview" => "second-review/answer",
        "linkEarlierCases" => "earlier-cases",
        _ => command,
    };

    private static Decision Run(Dispute dispute, string command, DateTimeOffset now) => command switch
    {
        "transfer" => dispute.Handle(DisputeCmd.Transfer(), Officer, now),
        "decideAcceptance(accepted)" => dispute.Handle(DisputeCmd.Accept(), Officer, now),
        "decideAcceptance(notAccepted)" => dispute.Handle(DisputeCmd.NotAccept(), Officer, now),
        "decideAcceptance(transferredOut)" => dispute.Handle(DisputeCmd.TransferOut(), Officer, now),
        "returnWrongAssignment" => dispute.Handle(DisputeCmd.WrongAssignment(), Officer, now),
        "assign" => dispute.Handle(DisputeCmd.Assign(now.Days(5)), Officer, now),
        "extendReply" => dispute.Handle(DisputeCmd.Extend(now), Officer, now),
        "handle" => dispute.Handle(DisputeCmd.Handle(), Officer, now),
        "reply" => dispute.Handle(DisputeCmd.Reply(), Officer, now),
        "recordSatisfaction" => dispute.Handle(DisputeCmd.PetitionSatisfied(), Officer, now),
        "requestReview" => dispute.Handle(DisputeCmd.Request(), Officer, now),
        "answerReview" => dispute.Handle(DisputeCmd.ReviewAnswer(), Officer, now),
        "requestSecondReview" => dispute.Handle(DisputeCmd.SecondRequest(), Officer, now),
        "answerSecondReview" => dispute.Handle(DisputeCmd.SecondReviewAnswer(), Officer, now),
        "linkEarlierCases" => dispute.Handle(new LinkEarlierCases { CaseIds = [$"xf-old-{now.Ticks}"] }, Officer, now),
        _ => dispute.Handle(new ClosePetition(), Officer, now),
    };
}
