namespace Emergency.Grains.EarlyWarning;

/// <summary>
/// Lets the calls that changed a reentrant grain's state while a write was in flight share the next write: each
/// caller is answered only after a write that includes its change, and a grain under a surge writes once per batch
/// instead of once per call. A failed write fails every caller of its batch.
/// </summary>
internal sealed class GroupCommit(Func<Task> write)
{
    private Task _writing = Task.CompletedTask;
    private Task? _next;

    /// <summary>No write is queued or in flight, and the last one succeeded: every change made before is durable.</summary>
    public bool Idle => _next is null && _writing.IsCompletedSuccessfully;

    /// <summary>Completes once a write that started after this call is durable.</summary>
    public Task Flush() => _next ??= WriteAfter(_writing);

    private async Task WriteAfter(Task previous)
    {
        try
        {
            await previous;
        }
        catch (Exception)
        {
            // Its callers saw the failure; this write carries the latest state anyway.
        }

        // Changes made until now join this write; later ones wait for the next.
        await Task.Yield();
        _writing = _next!;
        _next = null;
        await write();
    }
}

/// <summary>A grain's write that, when it fails, has the grain deactivate: memory then differs from what is stored, and the next call reloads the truth.</summary>
internal static class StateWrite
{
    public static async Task OrDeactivate<T>(IPersistentState<T> state, Action deactivate)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            deactivate();
            throw;
        }
    }
}
