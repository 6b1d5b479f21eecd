namespace Emergency.Grains.Drills;

/// <summary>
/// How often a fast drill makes its cases and its progress durable: after at least <see cref="Every"/> commands (injects
/// and deadline advances) since its last checkpoint, and at its end. Fewer checkpoints, fewer writes: each rewrites every
/// case the drill changed since the last one, and the drill's progress with its scenario. More checkpoints, less to
/// apply again after a crash (docs/drills.md).
/// </summary>
/// <param name="Every">Commands between checkpoints; at least one turn of the run (400 commands) passes between two.</param>
public sealed record FastDrillCheckpoints(int Every)
{
    /// <summary>
    /// Twice in a drill of 10,000 injects: a crash costs at most half of such a drill again (about a second on two
    /// cores), and most of its cases are written once or twice instead of once per inject.
    /// </summary>
    public static FastDrillCheckpoints Default { get; } = new(5_000);
}
