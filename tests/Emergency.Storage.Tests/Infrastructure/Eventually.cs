using System.Diagnostics;

namespace Emergency.Storage.Tests.Infrastructure;

/// <summary>Waits for a condition instead of sleeping a fixed time: fast when things are fast, bounded when not.</summary>
internal static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> isDone, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        var ct = TestContext.Current.CancellationToken;
        while (true)
        {
            var value = await probe();
            if (isDone(value))
            {
                return value;
            }

            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"Timed out after {timeout.TotalSeconds:0}s waiting for {what}; last value: {value}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
        }
    }
}
