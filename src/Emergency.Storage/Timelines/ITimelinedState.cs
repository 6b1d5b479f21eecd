using System.Reflection;

namespace Emergency.Storage.Timelines;

/// <summary>
/// A grain state whose timeline is stored apart from it, one row per entry (table <c>CaseTimeline</c>): a write appends
/// only the entries added since the last write, in the same transaction as the state (group commit), so a write costs
/// the same whatever the length of the history. The state's own JSON leaves the timeline out; a read puts the rows
/// back. A state stored before its timeline had rows still carries it in its JSON, which is read as it is, and its
/// next write moves it to rows.
/// </summary>
public interface ITimelinedState
{
    /// <summary>
    /// How many entries of the timeline the stored state has as rows: the rows a read loads (a row beyond it was never
    /// part of a committed state). Null in a state stored before its timeline had rows: its JSON carries the timeline.
    /// Stored with the state.
    /// </summary>
    int? TimelineRows { get; set; }

    /// <summary>How many entries of the timeline in memory are stored as rows already (not stored; set by the storage).</summary>
    int TimelineStored { get; set; }

    /// <summary>Where the timeline is kept in memory (null: the state has none).</summary>
    TimelineHolder? Timeline { get; }
}

/// <summary>The timeline of a state: <paramref name="Property"/> (a <c>List&lt;TEntry&gt;</c>) of <paramref name="Owner"/>.</summary>
public sealed record TimelineHolder(object Owner, PropertyInfo Property)
{
    public Type EntryType => Property.PropertyType.GetGenericArguments()[0];

    public System.Collections.IList Entries => (System.Collections.IList)(Property.GetValue(Owner) ?? throw new InvalidOperationException($"{Property.DeclaringType?.Name}.{Property.Name} is null"));

    /// <summary>The list property of <paramref name="stateType"/> named <paramref name="name"/>, when it is a <c>List&lt;TEntry&gt;</c>; null otherwise.</summary>
    public static PropertyInfo? ListProperty(Type stateType, string name) =>
        stateType.GetProperty(name) is { CanWrite: true, PropertyType: { IsGenericType: true } type } property && type.GetGenericTypeDefinition() == typeof(List<>)
            ? property
            : null;
}
