using System.Text.Json;
using System.Text.Json.Serialization;
using Emergency.Domain.Disputes;
using Emergency.Domain.Disputes.Rules;
using Emergency.Testing;

namespace Emergency.Domain.Tests.Disputes;

/// <summary>Fixed moments in China Standard Time; the domain never reads a clock.</summary>
public static class Moments
{
    public static readonly TimeSpan China = TimeSpan.FromHours(8);

    /// <summary>Monday 2013-03-04 10:00: judged by cn-2005 (henan-2012 in a Henan deployment).</summary>
    public static readonly DateTimeOffset Received2013 = new(2013, 3, 4, 10, 0, 0, China);

    /// <summary>Monday 2023-03-06 10:00: judged by cn-2022.</summary>
    public static readonly DateTimeOffset Received2023 = new(2023, 3, 6, 10, 0, 0, China);

    public static DateTimeOffset At(int year, int month, int day, int hour = 10, int minute = 0) => new(year, month, day, hour, minute, 0, China);

    /// <summary>24:00 of a day, the last on-time moment of a limit ending that day.</summary>
    public static DateTimeOffset EndOf(int year, int month, int day) => new DateTimeOffset(year, month, day, 0, 0, 0, China).AddDays(1);

    public static DateTimeOffset Days(this DateTimeOffset start, double days) => start + TimeSpan.FromDays(days);
}

/// <summary>Well-formed dispute commands; tests change only what they are about.</summary>
public static class DisputeCmd
{
    public static readonly Complainant Zhang = new() { Name = "张三", Contact = "13800138000", IdNumber = "11010519491231002X" };

    public static RegisterDispute Register(
        DateTimeOffset? receivedAt = null, PetitionChannel channel = PetitionChannel.Letter, ReceivedBy receivedBy = ReceivedBy.Department, Complainant? complainant = null) => new()
    {
        Channel = channel,
        ReceivedBy = receivedBy,
        ReceivedAt = receivedAt ?? Moments.Received2013,
        Unit = "Changzhi EPB petition office",
        PetitionOffice = receivedBy == ReceivedBy.PetitionOffice ? "Changzhi city petition bureau" : null,
        Complainant = complainant ?? Zhang,
        Subject = new DisputeSubject { Enterprise = "Tianji Coal Chemical", Place = "Zhuozhang river, Lucheng section", Region = "Changzhi" },
        Content = "The river smells of chemicals since last week; I am 张三 of 12 River Road.",
    };

    public static DecideAcceptance Accept(DateTimeOffset? at = null) => new() { Outcome = AcceptanceOutcome.Accepted, At = at };

    public static DecideAcceptance NotAccept(NotAcceptedGround ground = NotAcceptedGround.OutsideRemit, DateTimeOffset? at = null) =>
        new() { Outcome = AcceptanceOutcome.NotAccepted, Ground = ground, Reason = "Noise from a market is for the city management bureau.", At = at };

    public static DecideAcceptance TransferOut(DateTimeOffset? at = null) =>
        new() { Outcome = AcceptanceOutcome.TransferredOut, TransferredTo = "Changzhi city management bureau", Reason = "Street noise.", At = at };

    public static AssignPetition Assign(DateTimeOffset deadline, DateTimeOffset? at = null) => new()
    {
        Leader = "Deputy director Li",
        Unit = "Lucheng environmental monitoring brigade",
        Requirement = "Sample the river at the plant outfall and report.",
        Deadline = deadline,
        At = at,
    };

    public static ExtendReply Extend(DateTimeOffset approvedAt, int? length = null) => new()
    {
        ApprovedBy = "Director Wang",
        ApprovedAt = approvedAt,
        Reason = "Samples need a second laboratory.",
        Length = length,
    };

    public static RecordHandling Handle(DateTimeOffset? at = null, ViolationFinding? finding = ViolationFinding.ViolationFound) =>
        new() { Result = "Outfall sampled; aniline above the standard; rectification ordered.", Finding = finding, At = at };

    public static ReplyToPetition Reply(DateTimeOffset? at = null) => new() { Content = "Dear 张三, the plant was ordered to stop the discharge.", At = at };

    public static AnswerReview ReviewAnswer(DateTimeOffset? at = null) => new() { Content = "The review upholds the reply: the discharge stopped.", At = at };

    public static AnswerSecondReview SecondReviewAnswer(DateTimeOffset? at = null) => new() { Content = "The second review upholds the review opinion.", At = at };

    public static RecordPetitionSatisfaction PetitionSatisfied(Satisfaction satisfaction = Satisfaction.Satisfied, DateTimeOffset? at = null) => new() { Satisfaction = satisfaction, At = at };

    public static RequestReview Request(DateTimeOffset? at = null) => new() { At = at };

    public static RequestSecondReview SecondRequest(DateTimeOffset? at = null) => new() { At = at };

    public static RecordTransfer Transfer(DateTimeOffset? at = null) => new() { At = at };

    public static ReturnPetition WrongAssignment(DateTimeOffset? at = null) => new() { Reason = "Drinking water quality is for the water bureau.", At = at };
}

/// <summary>Registers petitions and brings them into each phase; each step at a fixed day after receipt.</summary>
public static class DisputeDrive
{
    public static readonly Actor Officer = new("xf-li", Role.PetitionOfficer);

    public static readonly Actor Commander = new("duty-1", Role.DutyCommander);

    private static readonly JsonSerializerOptions SnapshotOptions = new() { Converters = { new JsonStringEnumConverter() }, WriteIndented = true };

    private static int _sequence;

    public static Dispute Register(RegisterDispute? command = null, PetitionRuleCatalog? catalog = null, DateTimeOffset? now = null)
    {
        command ??= DisputeCmd.Register();
        var (dispute, decision) = Dispute.Register($"xf-{Interlocked.Increment(ref _sequence)}", "live", command, Officer, catalog ?? RealDisputeRules.Petitions, now ?? command.ReceivedAt.AddMinutes(5));
        Assert.True(decision.IsAccepted, decision.Reason.En());
        CommandsKept.CheckRegistered(dispute!, command);
        return Assert.IsType<Dispute>(dispute);
    }

    /// <summary>A moment <paramref name="days"/> days after receipt.</summary>
    public static DateTimeOffset D(this Dispute dispute, double days) => dispute.State.ReceivedAt.Days(days);

    public static DisputeObligation Obligation(this Dispute dispute, DisputeObligationKind kind) => dispute.State.Obligations.Last(o => o.Kind == kind);

    public static Window Window(this Dispute dispute, WindowKind kind) => dispute.State.Windows.Last(w => w.Kind == kind);

    public static void Accept(this Decision decision) => Assert.True(decision.IsAccepted, $"expected Accepted, got {decision.Outcome}: {decision.Reason}");

    /// <summary>Accepted on day 3.</summary>
    public static Dispute Accepted(DateTimeOffset? receivedAt = null, PetitionRuleCatalog? catalog = null, PetitionChannel channel = PetitionChannel.Letter)
    {
        var dispute = Register(DisputeCmd.Register(receivedAt, channel), catalog);
        dispute.Handle(DisputeCmd.Accept(), Officer, dispute.D(3)).Accept();
        return dispute;
    }

    /// <summary>Assigned on day 4 with a deadline on day 20.</summary>
    public static Dispute Assigned(DateTimeOffset? receivedAt = null, PetitionRuleCatalog? catalog = null, PetitionChannel channel = PetitionChannel.Letter)
    {
        var dispute = Accepted(receivedAt, catalog, channel);
        dispute.Handle(DisputeCmd.Assign(dispute.D(20)), Officer, dispute.D(4)).Accept();
        return dispute;
    }

    /// <summary>Handled on day 15.</summary>
    public static Dispute Handled(DateTimeOffset? receivedAt = null, PetitionRuleCatalog? catalog = null, PetitionChannel channel = PetitionChannel.Letter)
    {
        var dispute = Assigned(receivedAt, catalog, channel);
        dispute.Handle(DisputeCmd.Handle(), Officer, dispute.D(15)).Accept();
        return dispute;
    }

    /// <summary>Replied on day 20.</summary>
    public static Dispute Replied(DateTimeOffset? receivedAt = null, PetitionRuleCatalog? catalog = null, PetitionChannel channel = PetitionChannel.Letter)
    {
        var dispute = Handled(receivedAt, catalog, channel);
        dispute.Handle(DisputeCmd.Reply(), Officer, dispute.D(20)).Accept();
        return dispute;
    }

    /// <summary>Replied on day 20, dissatisfied on day 22, review asked for on day 25.</summary>
    public static Dispute UnderReview(DateTimeOffset? receivedAt = null, PetitionRuleCatalog? catalog = null)
    {
        var dispute = Replied(receivedAt, catalog);
        dispute.Handle(DisputeCmd.PetitionSatisfied(Satisfaction.Dissatisfied), Officer, dispute.D(22)).Accept();
        dispute.Handle(DisputeCmd.Request(), Officer, dispute.D(25)).Accept();
        return dispute;
    }

    /// <summary>Review opinion on day 40, dissatisfied on day 41.</summary>
    public static Dispute Reviewed(DateTimeOffset? receivedAt = null, PetitionRuleCatalog? catalog = null)
    {
        var dispute = UnderReview(receivedAt, catalog);
        dispute.Handle(DisputeCmd.ReviewAnswer(), Officer, dispute.D(40)).Accept();
        dispute.Handle(DisputeCmd.PetitionSatisfied(Satisfaction.Dissatisfied), Officer, dispute.D(41)).Accept();
        return dispute;
    }

    /// <summary>Second review asked for on day 45.</summary>
    public static Dispute UnderSecondReview(DateTimeOffset? receivedAt = null, PetitionRuleCatalog? catalog = null)
    {
        var dispute = Reviewed(receivedAt, catalog);
        dispute.Handle(DisputeCmd.SecondRequest(), Officer, dispute.D(45)).Accept();
        return dispute;
    }

    /// <summary>Second review opinion on day 60.</summary>
    public static Dispute SecondReviewed(DateTimeOffset? receivedAt = null)
    {
        var dispute = UnderSecondReview(receivedAt);
        dispute.Handle(DisputeCmd.SecondReviewAnswer(), Officer, dispute.D(60)).Accept();
        return dispute;
    }

    public static string Snapshot(CaseState state) => JsonSerializer.Serialize(state, state.GetType(), SnapshotOptions);

    /// <summary>Runs a command that must be refused and proves it changed nothing (the tick every command does first is done before).</summary>
    public static Decision Refused(this Dispute dispute, DateTimeOffset now, Func<Dispute, Decision> command, DecisionOutcome expected)
    {
        dispute.Tick(now);
        var before = Snapshot(dispute.State);
        var decision = command(dispute);
        Assert.Equal(expected, decision.Outcome);
        Assert.False(string.IsNullOrWhiteSpace(decision.Reason.En()));
        Assert.Equal(before, Snapshot(dispute.State));
        if (expected == DecisionOutcome.NotAllowed)
        {
            Assert.Equal(dispute.AllowedMoves(now), decision.AllowedMoves);
        }

        return decision;
    }
}
