using Emergency.Domain.Messages;
using Emergency.Testing;
namespace Emergency.Domain.Tests.Drills;

/// <summary>A run's virtual clock and where the run stands: the engine's now is passed in, never read.</summary>
public sealed class DrillRunClockTests
{
    [Fact]
    public void A_paced_clock_moves_by_speed_times_the_engine_time_elapsed_and_stops_at_the_end()
    {
        var run = Runs.Of("""
              - {at: +10h, kind: message, text: end}
            """, speed: 60);

        Assert.Equal(Runs.Start, run.PacedClock(Runs.Engine));
        Assert.Equal(Runs.Start.AddHours(1), run.PacedClock(Runs.Engine.AddMinutes(1)));
        Assert.Equal(Runs.Start.AddHours(10), run.PacedClock(Runs.Engine.AddMinutes(11)));
    }

    [Fact]
    public void A_paused_clock_stands_where_it_was_and_a_resumed_one_runs_on_from_there()
    {
        var run = Runs.Of("""
              - {at: +10h, kind: message, text: end}
            """, speed: 60);
        run.MoveClockTo(run.PacedClock(Runs.Engine.AddMinutes(2)));

        run.Pause();
        Assert.Equal(Runs.Start.AddHours(2), run.Progress.VirtualNow);
        run.Anchor(Runs.Engine.AddMinutes(30));

        Assert.Equal(Runs.Start.AddHours(2), run.PacedClock(Runs.Engine.AddMinutes(30)));
        Assert.Equal(Runs.Start.AddHours(3), run.PacedClock(Runs.Engine.AddMinutes(31)));
    }

    [Fact]
    public void A_jump_goes_forward_to_the_end_at_most_and_never_back()
    {
        var run = Runs.Of("""
              - {at: +10h, kind: message, text: end}
            """);
        run.MoveClockTo(Runs.Start.AddHours(3));

        Assert.Equal((Runs.Start.AddHours(5), (Message?)null), run.JumpTarget(TimeSpan.FromHours(5)));
        Assert.Equal((Runs.Start.AddHours(10), (Message?)null), run.JumpTarget(TimeSpan.FromDays(3)));
        Assert.Equal("the drill's clock is at +3h and never goes back; jump to a later offset", run.JumpTarget(TimeSpan.FromHours(2)).Refusal?.En());
        Assert.NotNull(run.JumpTarget(TimeSpan.FromHours(3)).Refusal);
    }

    [Fact]
    public void The_clock_never_goes_back_when_a_moment_before_it_is_done()
    {
        var run = Runs.Of("""
              - {at: +10h, kind: message, text: end}
            """);
        run.MoveClockTo(Runs.Start.AddHours(3));

        run.Done(run.Due(run.End)!, []);

        Assert.Equal(Runs.Start.AddHours(3), run.Progress.VirtualNow);
    }

    [Fact]
    public void After_a_partial_run_the_status_tells_how_far_the_clock_came_and_how_many_injects_were_applied()
    {
        var run = Runs.Of("""
              - {at: +1h, kind: message, text: one}
              - {at: +3h, kind: message, text: two}
              - {at: +8h, kind: message, text: three}
            """);

        while (run.Due(Runs.Start.AddHours(3)) is { } due)
        {
            run.Done(due, []);
        }

        run.MoveClockTo(Runs.Start.AddHours(3));
        Assert.Equal((TimeSpan.FromHours(3), 37, 3, 4), (run.Now, run.Percent(finished: false), run.InjectsApplied, run.InjectsTotal));
        Assert.False(run.AtEnd);
        Assert.Equal(Runs.Start.AddHours(8), run.NextMoment());

        run.Finish();
        Assert.Equal((Runs.Start.AddHours(8), 100), (run.Progress.VirtualNow, run.Percent(finished: true)));
    }
}
