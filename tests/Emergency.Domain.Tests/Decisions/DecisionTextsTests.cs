using System.Reflection;
using System.Text.Json;
using Emergency.Domain.Cases;
using Emergency.Domain.Decisions;
using Emergency.Domain.Messages;
using Emergency.Testing;

namespace Emergency.Domain.Tests.Decisions;

/// <summary>
/// A major decision says what happened as codes with typed arguments: a refusal's code is its stable code (the one a
/// drill names), and every sentence reads in Chinese as well as in English.
/// </summary>
public sealed class DecisionTextsTests
{
    [Fact]
    public void A_refusal_carries_its_stable_code_and_its_moments_as_moments()
    {
        var c = new MatterCase().CommentOpen();
        var comment = c.State.Round!.PublicComment!;

        var decision = c.Refused(m => m.Handle(DecisionCmd.Close(), People.Assessor, comment.OpenedAt.AddDays(29)));

        Assert.Equal("decision.commentPeriodTooShort", decision.Reason!.Code);
        Assert.Equal(DecisionRefusals.CommentPeriodTooShort, DecisionRefusals.CodeOf(decision.Reason));
        Assert.Equal(
            (comment.OpenedAt, TimeSpan.FromDays(30), comment.MayCloseAt),
            (decision.Reason["opened"]!.Time, decision.Reason["minimum"]!.Duration, decision.Reason["mayClose"]!.Time));
    }

    [Fact]
    public void A_refusal_reads_in_Chinese()
    {
        var c = new MatterCase().CommentOpen();
        var opened = c.State.Round!.PublicComment!.OpenedAt;

        var decision = c.Refused(m => m.Handle(DecisionCmd.Close(), People.Assessor, opened.AddDays(29)));

        Assert.Equal(
            "公开征求意见期限不得缩短：自2026-11-27 11:00 北京时间开始，期限不少于30天（" + RealDecisionRules.Cn2019.PublicComment.Source + "），2026-12-27 11:00 北京时间起方可结束",
            decision.Reason.Zh());
    }

    [Fact]
    public void A_step_out_of_order_says_why_inside_its_stable_code()
    {
        var c = MatterCase.InStage("Analysed");

        var decision = c.Refused(m => m.Handle(DecisionCmd.Report(), People.Assessor, c.Now));

        Assert.Equal(DecisionRefusals.OutOfOrder, DecisionRefusals.CodeOf(decision.Reason));
        Assert.Equal(DecisionTexts.ReportNeedsRating.Code, decision.Reason!["why"]!.Message!.Code);
        Assert.Equal("形成稳评报告前须先评定风险等级", decision.Reason.Zh());
    }

    [Fact]
    public void A_high_risk_refusal_names_its_level_as_a_term_in_each_language()
    {
        var c = MatterCase.InStage("Reviewed", RiskLevel.High);

        var decision = c.Refused(m => m.Handle(DecisionCmd.Decide(CollectiveDecisionOutcome.Implement), People.Maker, c.Now));

        Assert.Equal(DecisionRefusals.HighRiskNotImplemented, DecisionRefusals.CodeOf(decision.Reason));
        Assert.Equal(Arg.Of(RiskLevel.High), decision.Reason!["level"]);
        Assert.StartsWith("高风险事项不得实施（", decision.Reason.Zh(), StringComparison.Ordinal);
        Assert.StartsWith("a high risk (高风险) cannot be implemented (", decision.Reason.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_comment_period_opened_is_a_timeline_line_with_its_minimum_and_the_date_it_may_close()
    {
        var c = new MatterCase().CommentOpen();
        var comment = c.State.Round!.PublicComment!;

        var line = c.State.Timeline.Single(e => e.Kind == MajorDecisionTimelineKind.PublicCommentOpened).Text;

        Assert.Equal(DecisionTexts.CommentOpened.Code, line.Code);
        Assert.Equal((comment.Channel, TimeSpan.FromDays(30), comment.MayCloseAt), (line["channel"]!.Text, line["minimum"]!.Duration, line["mayClose"]!.Time));
        Assert.Equal(
            $"决策方案已在{comment.Channel}公开征求意见，期限不少于30天（{RealDecisionRules.Cn2019.PublicComment.Source}），2026-12-27 11:00 北京时间起方可结束",
            line.Zh());
    }

    [Fact]
    public void The_period_a_blocker_waits_for_reads_in_Chinese()
    {
        var c = new MatterCase().CommentOpen();
        var now = c.State.Round!.PublicComment!.OpenedAt.AddDays(10);

        var blocker = Assert.Single(c.Matter.Blockers(now));

        Assert.Equal(DecisionTexts.CommentRunning.Code, blocker.Text.Code);
        Assert.Equal("公开征求意见至2026-12-27 11:00 北京时间（不少于30天）", blocker.Text.Zh());
    }

    [Fact]
    public void A_timeline_line_stored_as_a_sentence_before_codes_still_loads_and_reads_as_written()
    {
        const string json = """{"seq":1,"at":"2026-11-27T09:00:00+08:00","recordedAt":"2026-11-27T09:00:00+08:00","actor":"x","kind":0,"text":"Drafted: policy (重大政策措施) in Handan"}""";

        var entry = JsonSerializer.Deserialize<TimelineEntry<MajorDecisionTimelineKind>>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;

        Assert.True(entry.Text.IsLiteral);
        Assert.Equal("Drafted: policy (重大政策措施) in Handan", entry.Text.Zh());
    }

    [Fact]
    public void Every_refusal_of_the_procedure_has_its_code_in_the_catalog()
    {
        var declared = typeof(DecisionTexts).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => ((MessageCode)f.GetValue(null)!).Code).ToHashSet();

        var missing = DecisionRefusals.All
            .Where(code => code is not DecisionRefusals.Invalid and not DecisionRefusals.NotInDrill)
            .Where(code => !declared.Contains(DecisionRefusals.Prefix + code));

        Assert.Empty(missing);
    }
}
