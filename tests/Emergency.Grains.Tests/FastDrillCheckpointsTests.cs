using Emergency.Grains.Drills;

namespace Emergency.Grains.Tests;

/// <summary>When a fast drill stores a checkpoint (docs/drills.md, what a fast drill promises after a crash).</summary>
public sealed class FastDrillCheckpointsTests
{
    [Fact]
    public void The_default_checkpoints_after_ten_seconds_of_work_however_many_commands_passed()
    {
        var every = FastDrillCheckpoints.Default;

        // A drill of 10,000 injects takes about 2 s: it is written at its end only.
        Assert.False(every.Due(10_008, TimeSpan.FromSeconds(2)));
        Assert.False(every.Due(400, TimeSpan.FromSeconds(9.9)));
        Assert.True(every.Due(400, TimeSpan.FromSeconds(10)));
        Assert.True(every.Due(1, TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void Without_a_time_a_checkpoint_is_due_after_its_commands()
    {
        var every = new FastDrillCheckpoints(5_000);

        Assert.False(every.Due(4_999, TimeSpan.FromHours(1)));
        Assert.True(every.Due(5_000, TimeSpan.Zero));
    }

    [Fact]
    public void Both_the_commands_and_the_time_must_have_passed()
    {
        var every = new FastDrillCheckpoints(1_000, TimeSpan.FromSeconds(5));

        Assert.False(every.Due(999, TimeSpan.FromSeconds(6)));
        Assert.False(every.Due(1_000, TimeSpan.FromSeconds(4)));
        Assert.True(every.Due(1_000, TimeSpan.FromSeconds(5)));
    }
}
