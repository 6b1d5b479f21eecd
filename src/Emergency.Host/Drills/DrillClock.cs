using Emergency.Contracts;

namespace Emergency.Host.Drills;

/// <summary>"Now" for a scope: the engine's clock for live work, the drill's virtual clock for a drill.</summary>
public static class DrillClock
{
    public static async Task<DateTimeOffset> NowOf(string scope, IGrainFactory grains, EngineClock clock) =>
        DrillIds.RunOf(scope) is { } run && await grains.GetGrain<IDrillGrain>(run).GetStatus() is { } status
            ? status.VirtualNow
            : clock.Now;
}
