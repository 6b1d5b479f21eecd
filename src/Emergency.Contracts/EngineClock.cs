namespace Emergency.Contracts;

/// <summary>
/// The clock of the engine's own work: deadlines, timelines, "now" in every command. Kept apart from the
/// <see cref="TimeProvider"/> Orleans uses for membership, health checks and reminders, so that a test or
/// a drill can move the engine's time without making the silo think it stalled.
/// </summary>
public sealed class EngineClock(TimeProvider time)
{
    public static EngineClock System { get; } = new(TimeProvider.System);

    public TimeProvider Time { get; } = time;

    public DateTimeOffset Now => Time.GetUtcNow();
}
