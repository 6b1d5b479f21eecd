using System.Diagnostics;
using Emergency.Grains.Drills;

namespace Emergency.Host.Drills;

/// <summary>
/// Runs <see cref="DrillWarmUp"/> beside the silo's start (<c>Drills:WarmUpAtStart</c>): begun before any service
/// starts, awaited after all have, so the engine is ready only once it is done. It never fails the start: a warm-up
/// that throws is logged and the engine runs as it would have without it.
/// </summary>
internal sealed partial class DrillWarmUpService(IServiceProvider services, ILogger<DrillWarmUpService> logger) : IHostedLifecycleService
{
    private Task? _warming;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        // On a thread of its own: the silo's start keeps about one core of two busy, and this uses the other.
        _warming = Task.Run(WarmUp, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        if (_warming is { } warming)
        {
            await warming.WaitAsync(cancellationToken);
        }
    }

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void WarmUp()
    {
        var started = Stopwatch.GetTimestamp();
        var compiled = System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: true);
        try
        {
            var (accepted, moves) = DrillWarmUp.Run(services);
            var compiledHere = System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: true) - compiled;
            var milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            LogWarmed(accepted, moves, compiledHere, milliseconds);
        }
        catch (Exception e)
        {
            // Only a first drill's speed depends on it.
            LogFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Drill warm-up: {Accepted} of {Moves} moves accepted, {Compiled} methods compiled, in {Milliseconds:0} ms")]
    private partial void LogWarmed(int accepted, int moves, long compiled, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The drill warm-up failed; the first drill compiles its code as it runs")]
    private partial void LogFailed(Exception exception);
}
