using Emergency.Domain.Drills;
using Emergency.Domain.Incidents;

namespace Emergency.Domain.Tests.Drills;

/// <summary>
/// What a fast run may send ahead of earlier answers, and the incidents' deadlines it advances each incident to before
/// its next move: read from an ordered queue of the incidents' next deadlines.
/// </summary>
public sealed class DrillRunAheadTests
{
    [Fact]
    public void The_injects_from_a_number_are_those_of_its_moment_in_sequence_order_and_none_past_the_target()
    {
        var run = Runs.Of("""
              - {at: +1h, kind: obligationCompleted, incident: spill, obligation: reachScene}
              - {at: +1h, kind: message, text: one hour}
              - {at: +3h, kind: factsChanged, incident: spill, facts: {deaths: 1}}
            """);

        var first = run.InjectsFrom(1, run.End)!;

        Assert.Equal(Runs.Start.AddHours(1), first.Moment);
        Assert.Equal(["obligationCompleted", "message"], first.Injects.Select(i => i.Scheduled.Inject.Kind));
        Assert.Empty(first.Advance);
        Assert.Equal(Runs.Start.AddHours(3), run.InjectsFrom(3, run.End)!.Moment);
        Assert.Null(run.InjectsFrom(3, Runs.Start.AddHours(3).AddSeconds(-1)));
        Assert.Null(run.InjectsFrom(4, run.End));
    }

    [Fact]
    public void Moves_of_incidents_and_messages_are_sent_ahead_and_whatever_reads_other_cases_waits()
    {
        var run = Runs.Of("""
              - {at: +1h, kind: obligationCompleted, incident: spill, obligation: reachScene}
              - {at: +1h, kind: message, text: one hour}
              - {at: +2h, kind: incident, incident: spill, action: draftRelease, with: {audience: public, headline: H, text: T}}
              - {at: +3h, kind: complaint, channel: hotline12369, enterprise: Xiaohe chemical plant, text: A smell.}
              - {at: +4h, kind: warningEscalated, enterprise: Xiaohe chemical plant, incident: xiaohe, title: Leak, source: hotline12369, facts: {deaths: 0}}
              - {at: +5h, kind: decision, decision: plant, action: draft, with: {title: Plant, region: Testland, kind: investmentProject, proposal: A plant}}
              - {at: +6h, kind: message, text: six hours}
              - {at: +6h, kind: decision, decision: plant, action: submit}
            """);

        bool Ahead(int next) => run.SendsAhead(run.InjectsFrom(next, run.End)!);

        Assert.Equal([true, true, true, false, false, false, false], [Ahead(0), Ahead(1), Ahead(3), Ahead(4), Ahead(5), Ahead(6), Ahead(7)]);
    }

    [Fact]
    public void An_incident_wakes_at_its_own_next_deadline_and_a_moment_finds_only_the_incidents_due_by_it_by_name()
    {
        var run = Runs.Of("""
              - {at: +10h, kind: message, text: much later}
            """);
        Runs.Register(run, run.Due(run.End)!);
        var twoHours = Runs.Start.AddHours(2).AddSeconds(1);
        run.Registered("alpha", "inc-alpha", FirstInject(run), Drive.Register(Facts.Known, Runs.Start, Runs.Start).View(Runs.Start), Runs.Start);

        Assert.Equal(twoHours, run.WakeAt("spill"));
        Assert.Equal(twoHours, run.WakeAt("alpha"));
        Assert.Empty(run.WakingBy(twoHours.AddSeconds(-1)));
        Assert.Equal(["alpha", "spill"], run.WakingBy(twoHours));
        Assert.Equal(twoHours, run.NextMoment());

        run.Woke("alpha", []);

        Assert.Null(run.WakeAt("alpha"));
        Assert.Equal(["spill"], run.WakingBy(run.End));
        Assert.Equal(["spill"], run.Due(run.End)!.Advance);
    }

    private static DueInject FirstInject(DrillRun run) => new(run.Scenario.Injects[0], new Actor("scenario", Role.DutyCommander));
}
