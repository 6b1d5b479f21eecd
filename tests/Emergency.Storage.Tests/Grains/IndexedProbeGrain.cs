using System.Text.Json.Serialization;
using Emergency.Storage.Indexing;

namespace Emergency.Storage.Tests.Grains;

/// <summary>A stored state that carries a case index row, as a case's record does.</summary>
public sealed class IndexedProbeState : IIndexedState
{
    public string Text { get; set; } = "";

    public long Version { get; set; }

    [JsonIgnore]
    public CaseIndexRow? IndexRow { get; set; }
}

public interface IIndexedProbeGrain : IGrainWithStringKey
{
    Task SetAsync(string text, bool open);

    Task ClearAsync();
}

public sealed class IndexedProbeGrain(
    [PersistentState(IndexedProbeGrain.StateName, EmergencyStorage.ProviderName)] IPersistentState<IndexedProbeState> state)
    : Grain, IIndexedProbeGrain
{
    public const string StateName = "indexedProbe";

    public static readonly DateTimeOffset Opened = new(2026, 3, 1, 8, 0, 0, TimeSpan.FromHours(8));

    public Task SetAsync(string text, bool open)
    {
        state.State.Text = text;
        state.State.Version++;
        state.State.IndexRow = IndexRows.Row(text, open, state.State.Version, Opened.AddHours(state.State.Version));
        return state.WriteStateAsync();
    }

    public Task ClearAsync() => state.ClearStateAsync();
}

internal static class IndexRows
{
    public static CaseIndexRow Row(string text, bool open, long version, DateTimeOffset at, string scope = "live") => new()
    {
        Scope = scope,
        IsOpen = open,
        OpenedAt = IndexedProbeGrain.Opened,
        At = at,
        NextDueAt = open ? at.AddHours(1) : null,
        Region = "Handan",
        Level = "IV",
        Phase = open ? "Open" : "Closed",
        CaseVersion = version,
        Summary = $$"""{"text":"{{text}}"}""",
    };
}
