using Emergency.Storage.Serialization;
using Emergency.Storage.Timelines;
using Orleans.Storage;

namespace Emergency.Storage.Indexing;

/// <summary>
/// The per-write commit mode's grain storage (the Orleans ADO.NET provider) with the case index and the timelines'
/// rows. The ADO.NET provider runs one stored statement per write and cannot carry a second table's row, so in this mode:
/// <list type="bullet">
/// <item>a case's index row is written right after its state's own commit, in a second transaction: a crash between the
/// two leaves the row one write behind until the case's next write;</item>
/// <item>a timeline's new rows are written right before the state's commit, in a transaction of their own: a crash
/// between the two leaves rows beyond the count the stored state keeps, which no read loads and the next write
/// replaces (group commit, the default, writes all three in one transaction).</item>
/// </list>
/// </summary>
internal sealed class IndexingGrainStorage(IGrainStorage inner, CaseIndex index, TimelineStore timelines, JsonGrainStateSerializer serializer)
    : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        await inner.ReadStateAsync(stateName, grainId, grainState, cancellationToken);
        await StoredTimelines.LoadAsync(stateName, grainId, grainState.State, serializer,
            (kind, caseId, rows) => timelines.ReadAsync(kind, caseId, rows, cancellationToken));
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var change = IndexChange.ForWrite(stateName, grainId, grainState.State);
        var timeline = StoredTimelines.ForWrite(stateName, grainId, grainState.State, serializer);
        if (timeline is not null)
        {
            await timelines.ApplyAsync(timeline, cancellationToken);
        }

        await inner.WriteStateAsync(stateName, grainId, grainState, cancellationToken);
        StoredTimelines.Written(grainState.State, timeline);
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
        var timeline = StoredTimelines.ForClear(stateName, grainId, grainState.State);
        await inner.ClearStateAsync(stateName, grainId, grainState, cancellationToken);
        if (change is not null)
        {
            await index.ApplyAsync(change, cancellationToken);
        }

        if (timeline is not null)
        {
            await timelines.ApplyAsync(timeline, cancellationToken);
        }
    }

    public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);
}
