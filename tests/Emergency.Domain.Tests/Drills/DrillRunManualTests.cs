using Emergency.Domain.Drills;
using Emergency.Testing;

namespace Emergency.Domain.Tests.Drills;

/// <summary>Injects sent by hand during a paced run: which may be played, and when; refused ones with the reason.</summary>
public sealed class DrillRunManualTests
{
    private static readonly Actor Umpire = new("umpire-1", Role.DutyCommander);

    [Fact]
    public void An_inject_by_hand_at_a_later_offset_is_queued_and_comes_due_at_its_moment_in_its_place()
    {
        var run = Started("""
              - {at: +2h, kind: message, text: from the scenario}
            """);

        var played = Play(run, "{kind: message, text: by hand, at: +2h}");

        Assert.Equal((TimeSpan.FromHours(2), (DueMoment?)null), (played.Moment, played.Now));
        Assert.Equal(3, run.InjectsTotal);
        var due = run.Due(run.End)!;
        Assert.Equal(["from the scenario", "by hand"], due.Injects.Select(i => ((PlayerMessage)i.Scheduled.Inject).Text));
        Assert.Equal(new Actor("umpire-1", Role.DutyCommander), due.Injects[1].Actor);
        run.Done(due, []);
        Assert.True(run.Progress.Manual.Single().Applied);
        Assert.Equal(3, run.InjectsApplied);
    }

    [Fact]
    public void An_inject_by_hand_without_an_offset_is_handed_back_to_be_applied_now()
    {
        var run = Started("""
              - {at: +5h, kind: message, text: end}
            """);
        run.MoveClockTo(Runs.Start.AddMinutes(30));

        var played = Play(run, "{kind: obligationCompleted, incident: spill, obligation: reachScene}");

        var now = Assert.IsType<DueMoment>(played.Now);
        Assert.Equal(Runs.Start.AddMinutes(30), now.Moment);
        var send = Assert.IsType<DrillSend.ToIncident>(run.Plan(now.Injects.Single(), now.Moment));
        Assert.Equal(3, send.Due.Scheduled.Sequence);
        run.Done(now, []);
        Assert.Equal((2, 3, Runs.Start.AddMinutes(30)), (run.InjectsApplied, run.InjectsTotal, run.Progress.VirtualNow));
    }

    [Theory]
    [InlineData("{kind: message, text: too early, at: +10m}", "at +10m is before the drill's now (+1h): injects happen now or later")]
    [InlineData("{kind: message, text: too late, at: +9h}", "at +9h is after the end of the drill (+5h)")]
    public void An_inject_by_hand_outside_the_drill_s_time_is_invalid_with_its_place(string text, string reason)
    {
        var run = Started("""
              - {at: +5h, kind: message, text: end}
            """);
        run.MoveClockTo(Runs.Start.AddHours(1));

        var invalid = Assert.IsType<ScenarioError>(Play(run, text).Invalid);

        Assert.Equal(("inject", 1, 1, reason), (invalid.File, invalid.Line, invalid.Column, invalid.Reason.En()));
        Assert.Empty(run.Progress.Manual);
    }

    [Theory]
    [InlineData("{kind: complaint, channel: hotline12369, enterprise: Xiaohe Chemical, region: Testland, text: smell, repeat: 3, every: 10m}", "a complaint sent by hand comes once: 'repeat' belongs in scenario files")]
    [InlineData("{kind: incidentReported, incident: spill, title: Again, region: Testland, source: patrol, facts: {deaths: 0}}", "incident 'spill' is already in the drill; later news about it is a factsChanged inject")]
    [InlineData("{kind: incidentReported, incident: later, title: Later, region: Testland, source: patrol, facts: {deaths: 0}}", "incident 'later' is already in the drill; later news about it is a factsChanged inject")]
    [InlineData("{kind: obligationCompleted, incident: later, obligation: reachScene}", "unknown incident 'later': it is not in the drill by +1h")]
    [InlineData("{kind: obligationCompleted, incident: nowhere, obligation: reachScene, at: +4h}", "unknown incident 'nowhere': it is not in the drill by +4h")]
    public void An_inject_by_hand_that_does_not_fit_the_drill_s_cases_is_refused_with_the_reason(string text, string reason)
    {
        var run = Started("""
              - {at: +3h, kind: incidentReported, incident: later, title: Later, source: patrol, facts: {deaths: 0}}
              - {at: +5h, kind: message, text: end}
            """);
        run.MoveClockTo(Runs.Start.AddHours(1));

        Assert.Equal(reason, Play(run, text).NotAllowed?.En());
        Assert.Empty(run.Progress.Manual);
    }

    [Fact]
    public void An_incident_the_scenario_reports_later_may_be_acted_on_by_hand_from_its_report_on()
    {
        var run = Started("""
              - {at: +3h, kind: incidentReported, incident: later, title: Later, source: patrol, facts: {deaths: 0}}
            """);

        var played = Play(run, "{kind: obligationCompleted, incident: later, obligation: reachScene, at: +3h}");

        Assert.Null(played.NotAllowed?.En());
        Assert.Null(played.Invalid);
    }

    [Fact]
    public void A_decision_by_hand_is_drafted_once_and_stepped_only_once_drafted()
    {
        var run = Started("""
              - {at: +5h, kind: message, text: end}
            """);

        Assert.Equal("unknown decision 'plant': it is not in the drill by +0", Play(run, "{kind: decision, decision: plant, action: submit}").NotAllowed?.En());
        Assert.Null(Play(run, "{kind: decision, decision: plant, action: draft, at: +1h, with: {title: Plant, region: Testland, kind: investmentProject, proposal: A plant}}").NotAllowed?.En());
        Assert.Equal("decision 'plant' is already in the drill; a new version of the proposal is a changeProposal step", Play(run, "{kind: decision, decision: plant, action: draft, at: +2h, with: {title: Plant, region: Testland, kind: investmentProject, proposal: A plant}}").NotAllowed?.En());
        Assert.Null(Play(run, "{kind: decision, decision: plant, action: submit, at: +1h}").NotAllowed?.En());
    }

    [Fact]
    public void A_run_rebuilt_from_its_stored_progress_queues_again_the_injects_by_hand_not_yet_applied()
    {
        var run = Started("""
              - {at: +5h, kind: message, text: end}
            """);
        Play(run, "{kind: message, text: queued, at: +2h}");

        var again = new DrillRun(run.Scenario, run.Progress);

        var due = again.Due(again.End)!;
        Assert.Equal(Runs.Start.AddHours(2), due.Moment);
        Assert.Equal("queued", ((PlayerMessage)due.Injects.Single().Scheduled.Inject).Text);
        Assert.Same(run.Progress.Manual.Single(), due.Injects.Single().Manual);
    }

    /// <summary>A run whose report at +0 has been applied.</summary>
    private static DrillRun Started(string injects = "")
    {
        var run = Runs.Of(injects);
        Runs.Register(run, run.Due(run.End)!);
        return run;
    }

    private static ManualPlay Play(DrillRun run, string text)
    {
        var (inject, at) = ScenarioReader.ReadInject(text, "inject");
        return run.PlayByHand(text, inject, at, Umpire);
    }
}
