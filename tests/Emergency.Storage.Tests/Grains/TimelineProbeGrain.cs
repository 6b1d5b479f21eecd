using System.Reflection;
using System.Text.Json.Serialization;
using Emergency.Storage.Timelines;

namespace Emergency.Storage.Tests.Grains;

/// <summary>One entry of a probe's timeline.</summary>
public sealed record ProbeEntry(int Seq, string Text);

/// <summary>A stored state whose timeline is kept as rows, as a case's record keeps its case's.</summary>
public sealed class TimelineProbeState : ITimelinedState
{
    private static readonly PropertyInfo TimelineProperty = TimelineHolder.ListProperty(typeof(TimelineProbeState), nameof(Timeline))!;

    public string Title { get; set; } = "";

    public List<ProbeEntry> Timeline { get; set; } = [];

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? TimelineRows { get; set; }

    [JsonIgnore]
    public int TimelineStored { get; set; }

    TimelineHolder? ITimelinedState.Timeline => new(this, TimelineProperty);
}

/// <summary>What a probe holds: its timeline's length and the texts of its first and last entries.</summary>
[GenerateSerializer]
public sealed record TimelineSnapshot([property: Id(0)] int Count, [property: Id(1)] string? First, [property: Id(2)] string? Last);

public interface ITimelineProbeGrain : IGrainWithStringKey
{
    Task<TimelineSnapshot> GetAsync();

    /// <summary>Adds <paramref name="count"/> entries saying <paramref name="text"/>, and writes.</summary>
    Task AddAsync(int count, string text);

    /// <summary>Changes every entry already there to say <paramref name="text"/> (as a purge erases), and writes.</summary>
    Task RewriteAsync(string text);

    Task ClearAsync();
}

public sealed class TimelineProbeGrain(
    [PersistentState(TimelineProbeGrain.StateName, EmergencyStorage.ProviderName)] IPersistentState<TimelineProbeState> state)
    : Grain, ITimelineProbeGrain
{
    public const string StateName = "timelineProbe";

    public Task<TimelineSnapshot> GetAsync() =>
        Task.FromResult(new TimelineSnapshot(state.State.Timeline.Count, state.State.Timeline.FirstOrDefault()?.Text, state.State.Timeline.LastOrDefault()?.Text));

    public Task AddAsync(int count, string text)
    {
        state.State.Title = "probe";
        for (var i = 0; i < count; i++)
        {
            state.State.Timeline.Add(new ProbeEntry(state.State.Timeline.Count + 1, text));
        }

        return state.WriteStateAsync();
    }

    public Task RewriteAsync(string text)
    {
        state.State.Timeline = [.. state.State.Timeline.Select(e => e with { Text = text })];
        state.State.TimelineStored = 0;
        return state.WriteStateAsync();
    }

    public Task ClearAsync() => state.ClearStateAsync();
}
