using System.Collections.Concurrent;

namespace Emergency.Storage.Tests.Grains;

public interface IReminderProbeGrain : IGrainWithStringKey
{
    Task RegisterAsync(TimeSpan dueTime, TimeSpan period);

    /// <summary>Unregisters the probe's reminder, as the reminder service reads it.</summary>
    Task UnregisterAsync();

    /// <summary>Whether the reminder service reads the probe's reminder from the table.</summary>
    Task<bool> IsRegisteredAsync();
}

public sealed class ReminderProbeGrain(ILocalSiloDetails silo) : Grain, IReminderProbeGrain, IRemindable
{
    public const string ReminderName = "probe";

    public Task RegisterAsync(TimeSpan dueTime, TimeSpan period) =>
        this.RegisterOrUpdateReminder(ReminderName, dueTime, period);

    public async Task UnregisterAsync() =>
        await this.UnregisterReminder(await this.GetReminder(ReminderName) ?? throw new InvalidOperationException("no reminder to unregister"));

    public async Task<bool> IsRegisteredAsync() => await this.GetReminder(ReminderName) is not null;

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        ReminderLog.Record(this.GetPrimaryKeyString(), silo.SiloAddress);
        return Task.CompletedTask;
    }
}

/// <summary>Which silo fired which probe's reminder: tests run silos in-process, so a static log can see them.</summary>
public static class ReminderLog
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<SiloAddress>> Fires = new();

    public static void Record(string key, SiloAddress silo) => Fires.GetOrAdd(key, _ => new()).Enqueue(silo);

    public static int FiresOn(string key, SiloAddress silo) =>
        Fires.TryGetValue(key, out var fires) ? fires.Count(fired => fired.Equals(silo)) : 0;
}
