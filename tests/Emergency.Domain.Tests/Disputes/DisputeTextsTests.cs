using System.Text.Json;
using System.Text.Json.Serialization;
using Emergency.Domain.Calendar;
using Emergency.Domain.Cases;
using Emergency.Domain.Disputes;
using Emergency.Domain.Messages;
using Emergency.Testing;

namespace Emergency.Domain.Tests.Disputes;

/// <summary>
/// A petition says what happened as codes with arguments: a refusal, a timeline entry and a deadline basis read in
/// Chinese (the default) and English from the same stored message, and a text stored before codes still loads.
/// </summary>
public sealed class DisputeTextsTests
{
    private static readonly Actor Officer = DisputeDrive.Officer;

    private static readonly JsonSerializerOptions Storage = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    [Fact]
    public void A_refusal_carries_its_code_and_reads_in_Chinese()
    {
        var dispute = DisputeDrive.Accepted();

        var decision = dispute.Refused(dispute.D(2), d => d.Handle(new ClosePetition(), Officer, dispute.D(2)), DecisionOutcome.NotAllowed);

        Assert.Equal(DisputeTexts.CloseBeforeAnswer.Code, decision.Reason!.Code);
        Assert.Equal("信访人得到办理结果和答复前不能办结（事事有结果、件件有回音）", decision.Reason.Zh());
        Assert.Equal("cannot close before the petitioner has had a result and a reply (事事有结果、件件有回音)", decision.Reason.En());
    }

    [Fact]
    public void A_refusal_after_a_window_names_the_window_its_end_and_what_stands()
    {
        var dispute = DisputeDrive.Replied();
        var window = dispute.Window(WindowKind.Review);
        var late = window.ClosesAt.AddDays(1);

        var decision = dispute.Refused(late, d => d.Handle(DisputeCmd.Request(late), Officer, late), DecisionOutcome.NotAllowed);

        Assert.Equal(DisputeTexts.WindowEnded.Code, decision.Reason!.Code);
        Assert.Equal(window.ClosesAt, decision.Reason["closesAt"]!.Time);
        Assert.Equal(WindowKind.Review.Title(), decision.Reason["window"]!.Message);
        Assert.Equal(DisputeTexts.ThenStands.With(("stage", Arg.Of(AnswerStage.Reply))), decision.Reason["then"]!.Message);
        Assert.StartsWith("请求复查期限已于", decision.Reason.Zh(), StringComparison.Ordinal);
        Assert.EndsWith("答复意见维持不变", decision.Reason.Zh(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_registration_entry_has_its_code_and_arguments_and_reads_in_Chinese()
    {
        var dispute = DisputeDrive.Register(DisputeCmd.Register(channel: PetitionChannel.Visit));
        var entry = dispute.State.Timeline[0];

        Assert.Equal(DisputeTexts.Registered.Code, entry.Text.Code);
        Assert.Equal(Arg.Of(PetitionChannel.Visit), entry.Text["channel"]);
        Assert.Equal(dispute.State.ReceivedAt, entry.Text["at"]!.Time);
        Assert.Equal(
            "登记：走访，由本部门直接收件，收件时间2013-03-04 10:00 北京时间，反映对象：Tianji Coal Chemical, Zhuozhang river, Lucheng section, Changzhi；"
            + "承办单位：Changzhi EPB petition office；适用规则集：cn-2005",
            entry.Text.Zh());
    }

    [Fact]
    public void A_completion_entry_says_how_late_in_Chinese()
    {
        var dispute = DisputeDrive.Register();
        var acceptance = dispute.Obligation(DisputeObligationKind.Acceptance);
        var late = acceptance.DueAt.AddDays(2);

        dispute.Handle(DisputeCmd.Accept(late), Officer, late).Accept();

        var entry = dispute.State.Timeline.Last(e => e.Kind == DisputeTimelineKind.ObligationCompleted);
        Assert.Equal(DisputeTexts.CompletedLate.Code, entry.Text.Code);
        Assert.Equal(TimeSpan.FromDays(2), entry.Text["late"]!.Duration);
        Assert.StartsWith("受理告知已完成，但超期2天（期限", entry.Text.Zh(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_deadline_basis_counts_on_the_calendar_and_reads_in_Chinese()
    {
        var dispute = DisputeDrive.Register();
        var acceptance = dispute.Obligation(DisputeObligationKind.Acceptance);

        Assert.Equal(DisputeTexts.BasisRule.Code, acceptance.DeadlineBasis.Code);
        var counted = acceptance.DeadlineBasis["counted"]!.Message!;
        Assert.Equal(CalendarTexts.Counted.Code, counted.Code);
        Assert.Equal(CalendarTexts.Days.With(("n", 15)), counted["length"]!.Message);
        Assert.StartsWith("15日，自收件（2013-03-04（周一））次日起算，最后一日为2013-03-19（周二），至当日24时止；依据（", acceptance.DeadlineBasis.Zh(), StringComparison.Ordinal);
        Assert.StartsWith("15 days from the day after receipt on Mon 2013-03-04: last day Tue 2013-03-19, ends 24:00; ", acceptance.DeadlineBasis.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void Obligation_and_window_titles_are_terms()
    {
        Assert.Equal("办结答复", DisputeObligationKind.Reply.Title().Zh());
        Assert.Equal("reply (办结答复)", DisputeObligationKind.Reply.Title().En());
        Assert.Equal("请求复核", WindowKind.SecondReview.Title().Zh());
    }

    [Fact]
    public void A_timeline_entry_stored_as_text_before_codes_still_loads()
    {
        const string Stored = """{"seq":1,"at":"2013-03-04T10:00:00+08:00","recordedAt":"2013-03-04T10:00:00+08:00","actor":"xf-li","kind":"Closed","text":"Closed"}""";

        var entry = JsonSerializer.Deserialize<TimelineEntry<DisputeTimelineKind>>(Stored, Storage)!;

        Assert.Equal(Message.Literal("Closed"), entry.Text);
        Assert.Equal("Closed", entry.Text.Zh());
    }
}
