using Emergency.Storage.Serialization;

namespace Emergency.Storage.Timelines;

/// <summary>How a write and a read of an <see cref="ITimelinedState"/> handle its timeline's rows, in either commit mode.</summary>
internal static class StoredTimelines
{
    /// <summary>
    /// Begins a write of <paramref name="state"/>: the entries not yet stored, as rows to append (null when the state has
    /// no timeline), and <see cref="ITimelinedState.TimelineRows"/> set to the whole timeline, so the state's JSON (which
    /// leaves the timeline out from now on) counts every row. Call it before the state is serialized.
    /// </summary>
    public static TimelineChange? ForWrite(string stateName, GrainId grainId, object? state, JsonGrainStateSerializer json)
    {
        if (state is not ITimelinedState { Timeline: { } holder } timelined)
        {
            return null;
        }

        json.LeaveOut(holder.Property);
        var entries = holder.Entries;
        var stored = Math.Clamp(timelined.TimelineStored, 0, entries.Count);
        var added = new List<string>(entries.Count - stored);
        for (var i = stored; i < entries.Count; i++)
        {
            added.Add(json.SerializeEntry(entries[i]!));
        }

        timelined.TimelineRows = entries.Count;
        return new TimelineChange(stateName, CaseId(grainId), stored + 1, added);
    }

    /// <summary>The write that carried <paramref name="change"/> is committed: its rows are stored.</summary>
    public static void Written(object? state, TimelineChange? change)
    {
        if (state is ITimelinedState timelined && change is not null)
        {
            timelined.TimelineStored = change.FirstSeq - 1 + change.Entries.Count;
        }
    }

    /// <summary>Clearing a timelined state deletes its rows.</summary>
    public static TimelineChange? ForClear(string stateName, GrainId grainId, object? state) =>
        state is ITimelinedState ? TimelineChange.Clear(stateName, CaseId(grainId)) : null;

    /// <summary>
    /// After a read: puts the stored rows back into the state's timeline. A state stored before its timeline had rows
    /// keeps the timeline its JSON carried, none of it stored as rows yet: its next write moves it.
    /// </summary>
    public static async Task LoadAsync(
        string stateName, GrainId grainId, object? state, JsonGrainStateSerializer json, Func<string, string, int, Task<IReadOnlyList<string>>> read)
    {
        if (state is not ITimelinedState { Timeline: { } holder } timelined)
        {
            return;
        }

        if (timelined.TimelineRows is not { } rows)
        {
            timelined.TimelineStored = 0;
            return;
        }

        var stored = rows == 0 ? [] : await read(stateName, CaseId(grainId), rows);
        if (stored.Count != rows)
        {
            throw new InvalidOperationException($"{stateName} {CaseId(grainId)} counts {rows} timeline rows, but {stored.Count} are stored");
        }

        var entries = (System.Collections.IList)Activator.CreateInstance(holder.Property.PropertyType, rows)!;
        foreach (var row in stored)
        {
            entries.Add(json.DeserializeEntry(row, holder.EntryType));
        }

        holder.Property.SetValue(holder.Owner, entries);
        timelined.TimelineStored = rows;
    }

    /// <summary>The case id as the case index keys it: the grain's key.</summary>
    private static string CaseId(GrainId grainId) => grainId.Key.ToString()!;
}
