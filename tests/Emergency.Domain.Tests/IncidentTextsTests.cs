using System.Text.Json;
using Emergency.Domain.Incidents;
using Emergency.Domain.Messages;
using Emergency.Domain.Rules;
using Emergency.Testing;

namespace Emergency.Domain.Tests;

/// <summary>
/// What an incident says is data: a code with typed arguments, read in Chinese by default and in English on request;
/// a line stored before texts had codes still loads and reads as it was written.
/// </summary>
public sealed class IncidentTextsTests
{
    private static readonly Actor Commander = Drive.Commander;

    [Fact]
    public void A_deadline_set_at_registration_names_its_obligation_due_time_and_basis_as_arguments()
    {
        var incident = Drive.Register(Facts.LevelIII);

        var entry = incident.State.Timeline.Single(e => e.Kind == TimelineKind.DeadlineSet && e.Ref == "reachScene");
        Assert.Equal(IncidentTexts.DeadlineSet.Code, entry.Text.Code);
        Assert.Equal(Arg.TermOf(ObligationKind.ReachScene), entry.Text["obligation"]!.Term);
        Assert.Equal(incident.T(2), entry.Text["due"]!.Time);
        var basis = incident.Obligation(ObligationKind.ReachScene).DeadlineBasis;
        Assert.Equal(basis, entry.Text["basis"]!.Message);
        Assert.Equal(IncidentTexts.BasisFromDiscovery.Code, basis.Code);
        Assert.Equal(TimeSpan.FromHours(2), basis["window"]!.Duration);
        Assert.Equal(IncidentTexts.WhyLevel.With(("level", Arg.Of(IncidentLevel.III))), basis["why"]!.Message);
    }

    [Fact]
    public void A_deadline_basis_reads_in_Chinese()
    {
        var incident = Drive.Register(Facts.LevelIII);

        Assert.StartsWith("较大（Ⅲ级）：自发现起2小时内；", incident.Obligation(ObligationKind.ReachScene).DeadlineBasis.Zh(), StringComparison.Ordinal);
        Assert.StartsWith("赶赴现场：须于2015-03-02 10:00 北京时间前完成（较大（Ⅲ级）：自发现起2小时内；",
            incident.State.Timeline.Single(e => e.Kind == TimelineKind.DeadlineSet && e.Ref == "reachScene").Text.Zh(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_late_completion_says_by_how_much_in_either_language()
    {
        var incident = Drive.Register(Facts.LevelIII);

        incident.Handle(Cmd.Complete(ObligationKind.ReachScene, incident.T(2.5)), Commander, incident.T(2.5)).Accept();

        var done = incident.State.Timeline[^1];
        Assert.Equal(IncidentTexts.CompletedLate.Code, done.Text.Code);
        Assert.Equal(TimeSpan.FromMinutes(30), done.Text["late"]!.Duration);
        Assert.Equal("reach the scene (赶赴现场) completed LATE by 30 min (due 2015-03-02 10:00 Beijing time)", done.Text.En());
        Assert.Equal("赶赴现场已完成，超时30分钟（时限：2015-03-02 10:00 北京时间）", done.Text.Zh());
    }

    [Fact]
    public void A_refusal_carries_its_code_and_arguments_and_reads_in_Chinese()
    {
        var incident = Drive.Register(Facts.LevelIII);
        incident.Handle(Cmd.Complete(ObligationKind.ReachScene, incident.T(1)), Commander, incident.T(1)).Accept();

        var decision = incident.Refused(incident.T(1.5), i => i.Handle(Cmd.Complete(ObligationKind.ReachScene), Commander, incident.T(1.5)), DecisionOutcome.NotAllowed);

        Assert.Equal(IncidentTexts.AlreadyCompleted.Code, decision.Reason!.Code);
        Assert.Equal(incident.T(1), decision.Reason["at"]!.Time);
        Assert.Equal("duty-1 (DutyCommander)", decision.Reason["by"]!.Text);
        Assert.Equal("“赶赴现场”已于2015-03-02 09:00 北京时间由duty-1 (DutyCommander)完成", decision.Reason.Zh());
    }

    [Fact]
    public void Closing_with_open_obligations_lists_them_as_terms()
    {
        var incident = Drive.FinalReportFiled(allDone: false);

        var decision = incident.Refused(incident.T(30), i => i.Handle(Cmd.Close(), Commander, incident.T(30)), DecisionOutcome.NotAllowed);

        Assert.Equal(IncidentTexts.StillOpen.Code, decision.Reason!.Code);
        Assert.Contains(decision.Reason["obligations"]!.List!, a => a.Term == Arg.TermOf(ObligationKind.ReleaseInformation));
        Assert.StartsWith("暂不能结案，以下事项尚未完成：", decision.Reason.Zh(), StringComparison.Ordinal);
        Assert.Contains("、发布信息", decision.Reason.Zh(), StringComparison.Ordinal);
    }

    [Fact]
    public void Grade_reasons_name_the_level_as_a_term()
    {
        var grade = Grader.Grade(Facts.LevelII, RealRules.Cn2014);

        var reason = Assert.Single(grade.Reasons);
        Assert.Equal(IncidentTexts.ReasonRule.Code, reason.Code);
        Assert.Equal(Arg.TermOf(IncidentLevel.II), reason["level"]!.Term);
        Assert.StartsWith("重大（Ⅱ级）：", reason.Zh(), StringComparison.Ordinal);
        Assert.Equal("II: crosses a province boundary", reason.En());
    }

    [Fact]
    public void The_registration_line_reads_in_Chinese_with_the_channel_as_a_term()
    {
        var incident = Drive.Register(Facts.LevelIII);

        var registered = incident.State.Timeline[0].Text;
        Assert.Equal(IncidentTexts.Registered.Code, registered.Code);
        Assert.Equal(Arg.TermOf(incident.State.SourceChannel), registered["channel"]!.Term);
        Assert.DoesNotMatch("[A-Za-z]{4,}", registered.Zh().Replace(incident.State.Region, "", StringComparison.Ordinal).Replace(incident.State.RuleSetId, "", StringComparison.Ordinal));
    }

    [Fact]
    public void A_notice_to_neighbours_over_a_national_border_of_major_impact_says_it_crosses_a_national_border()
    {
        // Before, every crossing the switch did not name fell to "it may cross a province boundary", a major crossing of a national border included.
        var incident = Drive.Register(Facts.LevelI);

        var basis = incident.Obligation(ObligationKind.NotifyNeighbours).DeadlineBasis;
        Assert.Equal(IncidentTexts.NeighboursCrossBorder.With(), basis["cause"]!.Message);
        Assert.Contains("it crosses a national border", basis.En(), StringComparison.Ordinal);
        Assert.DoesNotContain("may cross a province boundary", basis.En(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_timeline_line_and_deadline_basis_stored_as_plain_text_still_load_and_read_as_written()
    {
        var incident = Drive.Register(Facts.LevelIII);
        var json = JsonSerializer.Serialize(incident.State, JsonShape.Options);
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        node["timeline"]![0]!["text"] = "Registered from Patrol, discovered 2015-03-02 08:00 +08:00";
        node["obligations"]![0]!["deadlineBasis"] = "level III: 4 h from discovery; statute; MEP Order 17";

        var stored = JsonSerializer.Deserialize<IncidentState>(node.ToJsonString(), JsonShape.Options)!;

        Assert.Equal("Registered from Patrol, discovered 2015-03-02 08:00 +08:00", stored.Timeline[0].Text.Zh());
        Assert.Equal("level III: 4 h from discovery; statute; MEP Order 17", stored.Obligations[0].DeadlineBasis.En());
        Assert.Equal(incident.State.Timeline[1].Text, stored.Timeline[1].Text);
    }
}
