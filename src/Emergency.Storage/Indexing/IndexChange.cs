namespace Emergency.Storage.Indexing;

/// <summary>What one state write does to the index: writes the case's row, or (with no row) deletes it.</summary>
internal sealed record IndexChange(string Kind, string CaseId, CaseIndexRow? Row)
{
    /// <summary>The change a write of <paramref name="state"/> carries, or null when the state is not a case's.</summary>
    public static IndexChange? ForWrite(string stateName, GrainId grainId, object? state) =>
        state is IIndexedState { IndexRow: { } row } ? new IndexChange(stateName, grainId.Key.ToString()!, row) : null;

    /// <summary>Clearing a case's state takes its row out of the index.</summary>
    public static IndexChange? ForClear(string stateName, GrainId grainId, object? state) =>
        state is IIndexedState ? new IndexChange(stateName, grainId.Key.ToString()!, null) : null;
}
