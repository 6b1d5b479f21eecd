namespace Emergency.Grains.Cases;

/// <summary>
/// When a case leaves memory sooner than Orleans' collector would put it away: once its live registration is answered,
/// and once a call in which a write failed ends.
/// </summary>
public abstract partial class CaseGrain<TCase, TState, TView, TSummary> : IIncomingGrainCallFilter
{
    /// <summary>
    /// The activation leaves memory once the call being answered ends: a live registration was made durable in it, or a
    /// write failed and memory may differ from what is stored.
    /// </summary>
    private bool _leaveOnceAnswered;

    /// <summary>Calls from outside being answered now (more than one only where a method interleaves).</summary>
    private int _calls;

    /// <summary>
    /// Whether a new live case of this kind leaves memory as soon as its registration is answered. Its state, index row
    /// and next wake-up are durable, and its directory wakes it: a burst of registrations (a spill reported from many
    /// places, a complaint surge) kept every new case in memory until Orleans' collector came by (Cases:IdleAfter), and
    /// the garbage collector copied and marked each one all that time. Its next command costs one read. A grain that
    /// every command of its scope goes to (a registry) stays.
    /// </summary>
    protected virtual bool LeavesMemoryOnceRegistered => true;

    /// <summary>
    /// Every call from outside, as Orleans delivers it: a registration leaves memory only once its whole call is
    /// answered, after what the kind does once a case exists (a petition's early warning). Deactivating in the middle
    /// would hold back a call back into the case until the deactivation, which waits for the call to end.
    /// </summary>
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        _calls++;
        try
        {
            await context.Invoke();
        }
        finally
        {
            if (--_calls == 0 && _leaveOnceAnswered)
            {
                _leaveOnceAnswered = false;
                DeactivateOnIdle();
            }
        }
    }

    /// <summary>This activation leaves memory once the call it is in is answered, or at once outside a call.</summary>
    private void LeaveMemory()
    {
        if (_calls > 0)
        {
            _leaveOnceAnswered = true;
        }
        else
        {
            DeactivateOnIdle();
        }
    }
}
