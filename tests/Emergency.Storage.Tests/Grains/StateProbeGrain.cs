namespace Emergency.Storage.Tests.Grains;

public interface IStateProbeGrain : IGrainWithStringKey
{
    Task<ProbeSnapshot> GetAsync();

    Task SetAsync(string text, ProbeLevel level);

    Task ClearAsync();
}

public sealed class StateProbeGrain(
    [PersistentState(StateProbeGrain.StateName, EmergencyStorage.ProviderName)] IPersistentState<ProbeState> state)
    : Grain, IStateProbeGrain
{
    public const string StateName = "probe";

    public Task<ProbeSnapshot> GetAsync() =>
        Task.FromResult(new ProbeSnapshot(state.State.Text, state.State.Level, state.State.Writes, state.RecordExists, state.Etag));

    public Task SetAsync(string text, ProbeLevel level)
    {
        state.State.Text = text;
        state.State.Level = level;
        state.State.Writes++;
        return state.WriteStateAsync();
    }

    public Task ClearAsync() => state.ClearStateAsync();
}
