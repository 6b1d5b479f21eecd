using Emergency.Domain.Disputes.EarlyWarning;
using Emergency.Domain.Drills;
using Emergency.Domain.Incidents;
using Emergency.Domain.Messages;
using Emergency.Domain.Rules;
using Emergency.Testing;

namespace Emergency.Domain.Tests.Drills;

/// <summary>A drill run without a cluster: what comes due when on the virtual clock, what is sent, and what the answers leave behind.</summary>
public sealed class DrillRunTests
{
    [Fact]
    public void Injects_come_due_in_order_at_their_virtual_times_by_moment_then_by_place_in_the_file()
    {
        var run = Runs.Of("""
              - {at: +3h, kind: message, text: third}
              - {at: +1h, kind: message, text: second-b}
              - {at: +1h, kind: message, text: second-a, to: press office}
            """);

        var moments = new List<string>();
        while (run.Due(run.End) is { } due)
        {
            moments.Add($"{Offsets.Format(due.Moment - Runs.Start)} " + string.Join(", ", due.Injects.Select(i => i.Scheduled.Inject.Kind + ":" + (i.Scheduled.Inject as PlayerMessage)?.Text)));
            run.Done(due, []);
        }

        Assert.Equal(
            ["+0 incidentReported:", "+1h message:second-b, message:second-a", "+3h message:third"],
            moments);
        Assert.Equal(["second-b", "second-a", "third"], run.Progress.Messages.Select(m => m.Text));
        Assert.Equal(("+1h", "press office"), (run.Progress.Messages[1].Offset, run.Progress.Messages[1].To));
        Assert.Equal(4, run.Progress.Applied);
        Assert.Equal(Runs.Start.AddHours(3), run.Progress.VirtualNow);
        Assert.True(run.AtEnd);
    }

    [Fact]
    public void Nothing_is_due_before_its_moment_and_the_scenario_plays_as_the_scenario_role()
    {
        var run = Runs.Of("""
              - {at: +2h, kind: message, text: later}
            """);
        run.Done(run.Due(Runs.Start)!, []);

        Assert.Null(run.Due(Runs.Start.AddHours(2).AddSeconds(-1)));
        var due = Assert.Single(run.Due(Runs.Start.AddHours(2))!.Injects);
        Assert.Equal(new Actor("scenario", Role.DutyCommander), due.Actor);
    }

    [Fact]
    public void A_passing_deadline_of_an_incident_is_a_moment_of_its_own_a_second_after_the_deadline()
    {
        var run = Runs.Of("""
              - {at: +10h, kind: message, text: much later}
            """);
        var report = run.Due(run.End)!;
        Runs.Register(run, report);

        // Level IV under the 2014 rules: someone on scene within 2 h is the earliest deadline.
        var wake = run.Due(run.End)!;
        Assert.Equal(Runs.Start.AddHours(2).AddSeconds(1), wake.Moment);
        Assert.Equal(["spill"], wake.Advance);
        Assert.Empty(wake.Injects);
    }

    [Fact]
    public void Refusals_are_recorded_in_sequence_order_whatever_order_the_answers_came_in_and_the_first_for_a_sequence_counts()
    {
        var run = Runs.Of("""
              - {at: +1h, kind: factsChanged, incident: spill, facts: {deaths: 1}}
              - {at: +1h, kind: obligationCompleted, incident: spill, obligation: reachScene}
            """);
        run.Done(run.Due(run.End)!, []);
        var due = run.Due(run.End)!;
        var (facts, step) = (due.Injects[0], due.Injects[1]);

        run.Done(due, [
            (step.Scheduled.Sequence, DrillRun.Refusal(step, due.Moment, Message.Literal("second answer"))),
            (facts.Scheduled.Sequence, DrillRun.Refusal(facts, due.Moment, Message.Literal("first answer"))),
            (facts.Scheduled.Sequence, DrillRun.Refusal(facts, due.Moment, Message.Literal("a later answer for the same inject"))),
        ]);

        Assert.Equal(["first answer", "second answer"], run.Progress.Refused.Select(r => r.Reason.En()));
        Assert.Equal(("factsChanged", "spill", "+1h"), (run.Progress.Refused[0].Kind, run.Progress.Refused[0].Incident, run.Progress.Refused[0].Offset));
        Assert.Equal(3, run.InjectsApplied);
    }

    [Fact]
    public void A_move_is_sent_as_the_command_the_API_sends_to_the_incident_the_report_brought_in()
    {
        var run = Runs.Of("""
              - {at: +1h, kind: factsChanged, incident: spill, facts: {deaths: 1}, note: one body found}
            """);
        var report = run.Due(run.End)!;
        var send = Assert.IsType<DrillSend.NewIncident>(run.Plan(report.Injects[0], report.Moment));
        var command = Assert.IsType<ReportIncident>(send.Command);
        Assert.Equal(("spill", "Test spill", Runs.Start), (send.Incident, command.Title, command.DiscoveredAt));
        Runs.Register(run, report);

        var due = run.Due(run.End)!;
        var move = Assert.IsType<DrillSend.ToIncident>(run.Plan(due.Injects[0], due.Moment));

        Assert.Equal(("spill", "inc-spill"), (move.Incident, move.Id));
        var update = Assert.IsType<UpdateFacts>(move.Command);
        Assert.Equal("one body found", update.Note);
    }

    [Fact]
    public void An_inject_on_an_incident_whose_report_was_refused_is_refused_with_a_reason_and_never_sent()
    {
        var run = Runs.Of("""
              - {at: +1h, kind: obligationCompleted, incident: spill, obligation: reachScene}
            """);
        var report = run.Due(run.End)!;
        run.Done(report, [(report.Injects[0].Scheduled.Sequence, DrillRun.Refusal(report.Injects[0], report.Moment, Message.Literal("refused by the engine")))]);

        var due = run.Due(run.End)!;
        var refusal = Assert.IsType<DrillSend.Refusal>(run.Plan(due.Injects[0], due.Moment));

        Assert.Equal("incident 'spill' is not in the drill: its report was refused", refusal.Refused.Reason.En());
        Assert.Equal(("obligationCompleted", "+1h", 13), (refusal.Refused.Kind, refusal.Refused.Offset, refusal.Refused.Line));
    }

    [Fact]
    public void A_second_report_of_an_incident_already_in_the_drill_is_refused()
    {
        var run = Runs.Of();
        var report = run.Due(run.End)!;
        Runs.Register(run, report);

        var refusal = Assert.IsType<DrillSend.Refusal>(run.Plan(report.Injects[0], report.Moment));

        Assert.Equal("incident 'spill' is already in the drill", refusal.Refused.Reason.En());
    }

    [Fact]
    public void An_answer_that_changes_the_level_is_kept_as_a_level_from_that_moment()
    {
        var run = Runs.Of();
        var report = run.Due(run.End)!;
        Runs.Register(run, report);
        var later = Runs.Start.AddHours(1);

        run.Answered("spill", Drive.Register(Facts.LevelII, Runs.Start, Runs.Start).View(later), later);
        run.Answered("spill", Drive.Register(Facts.LevelII, Runs.Start, Runs.Start).View(later.AddHours(1)), later.AddHours(1));

        Assert.Equal([new LevelAt(Runs.Start, IncidentLevel.IV), new LevelAt(later, IncidentLevel.II)], run.Progress.Incidents["spill"].Levels);
    }

    [Fact]
    public void An_escalation_turns_the_oldest_standing_warning_about_its_subject_however_spelt()
    {
        var run = Runs.Of("""
              - {at: +1h, kind: complaint, channel: hotline12369, enterprise: Xiaohe Chemical, text: a smell}
              - {at: +2h, kind: warningEscalated, incident: smell, enterprise: Xiaohe Chemical, title: Smell at Xiaohe, source: hotline12369, facts: {deaths: 0}}
            """);
        var escalation = new DrillSend.Escalation(
            new DueInject(run.Scenario.Injects[^1], new Actor("scenario", Role.DutyCommander)), "smell", new EscalateWarning());
        var moment = Runs.Start.AddHours(2);
        EarlyWarningRecord[] warnings =
        [
            Runs.Warning("w-escalated", " xiaohe  chemical", Runs.Start, escalated: true),
            Runs.Warning("w-newer", "Xiaohe Chemical", Runs.Start.AddMinutes(50)),
            Runs.Warning("w-older", "XIAOHE CHEMICAL", Runs.Start.AddMinutes(40)),
            Runs.Warning("w-other", "Dahe Paper", Runs.Start.AddMinutes(10)),
        ];

        Assert.Equal("w-older", run.WarningFor(escalation, warnings, moment).Warning?.Id);
        var (none, refusal) = run.WarningFor(escalation, [warnings[0], warnings[3]], moment);
        Assert.Null(none);
        Assert.Equal("no early warning about 'Xiaohe Chemical' stands to be escalated by +2h", refusal?.Reason.En());
    }
}
