namespace Emergency.Grains.Drills;

/// <summary>
/// How often a fast drill makes its cases and its progress durable: once at least <see cref="After"/> of engine time
/// and at least <see cref="Every"/> commands (injects and deadline advances) have passed since its last checkpoint (or
/// its start), and at its end. Fewer checkpoints, fewer writes: each rewrites every case the drill changed since the
/// last one, and the drill's progress with its scenario. More checkpoints, less to apply again after a crash
/// (docs/drills.md): what a crash costs is counted in time, the time the drill's work since its last checkpoint took.
/// </summary>
/// <param name="Every">Commands between checkpoints; at least one turn of the run (400 commands) passes between two.</param>
/// <param name="After">Engine time between checkpoints (none: after every <paramref name="Every"/> commands).</param>
public sealed record FastDrillCheckpoints(int Every, TimeSpan After = default)
{
    /// <summary>
    /// Every 10 s of a run's work: a crash costs at most that (and the turn in which it passed) again. A drill of 10,000
    /// injects takes about 2 s on two cores, so it is written once, at its end, and a crash before that starts it over
    /// from its first inject; each of its cases is written once instead of once per inject.
    /// </summary>
    public static FastDrillCheckpoints Default { get; } = new(1, TimeSpan.FromSeconds(10));

    /// <summary>True when <paramref name="commands"/> applied over <paramref name="elapsed"/> since the last checkpoint call for the next.</summary>
    public bool Due(int commands, TimeSpan elapsed) => commands >= Every && elapsed >= After;
}
