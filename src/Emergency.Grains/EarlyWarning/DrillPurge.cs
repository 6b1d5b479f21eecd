using Emergency.Contracts;

namespace Emergency.Grains.EarlyWarning;

/// <summary>How the early warning's grains of a drill (keyed "scope/…") are purged when the drill's cases are.</summary>
internal static class DrillPurge
{
    /// <summary>
    /// Clears the state of the grain keyed <paramref name="key"/>. Many complaints of a drill purge the same grain at
    /// once (it is reentrant): its caller keeps the task, so one purge serves them all, and the grain is not
    /// deactivated, since the other complaints' purges are still arriving and are answered by this one.
    /// </summary>
    /// <exception cref="InvalidOperationException">The grain is not of a drill's scope.</exception>
    public static async Task ClearAsync<TState>(string key, IPersistentState<TState> state)
    {
        if (!Scopes.IsDrill(key[..key.IndexOf('/', StringComparison.Ordinal)]))
        {
            throw new InvalidOperationException("only the early warning of a drill scope can be purged");
        }

        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }
    }
}
