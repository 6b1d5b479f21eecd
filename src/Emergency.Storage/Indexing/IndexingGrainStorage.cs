using Orleans.Storage;

namespace Emergency.Storage.Indexing;

/// <summary>
/// The per-write commit mode's grain storage (the Orleans ADO.NET provider) with the case index: a case's row is
/// written right after its state's own commit, in a second transaction. The ADO.NET provider runs one stored statement
/// per write and cannot carry a second table's row; so in this mode a crash between the two commits leaves the
/// row one write behind until the case's next write (group commit, the default, writes both in one transaction).
/// </summary>
internal sealed class IndexingGrainStorage(IGrainStorage inner, CaseIndex index) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        inner.ReadStateAsync(stateName, grainId, grainState, cancellationToken);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var change = IndexChange.ForWrite(stateName, grainId, grainState.State);
        await inner.WriteStateAsync(stateName, grainId, grainState, cancellationToken);
        if (change is not null)
        {
            await index.ApplyAsync(change, cancellationToken);
        }
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var change = IndexChange.ForClear(stateName, grainId, grainState.State);
        await inner.ClearStateAsync(stateName, grainId, grainState, cancellationToken);
        if (change is not null)
        {
            await index.ApplyAsync(change, cancellationToken);
        }
    }

    public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);
}
