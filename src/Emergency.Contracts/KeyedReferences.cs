namespace Emergency.Contracts;

/// <summary>
/// References to grains of one interface by string key, for the calls every command makes (its case from the API, the
/// case's board feed and directory, a complaint's watches and its person's history). Orleans'
/// <c>GetGrain&lt;T&gt;(string)</c> looks the interface's type up again on every call, reading its attributes by
/// reflection (0.6 % of the engine's CPU in a complaint surge for the early warning's references alone). Here the grain
/// type and the interface type are looked up once, by Orleans itself, and each later reference is made from them.
/// </summary>
/// <typeparam name="TGrain">The grain interface.</typeparam>
public static class KeyedReferences<TGrain>
    where TGrain : class, IGrainWithStringKey
{
    /// <summary>Set once, as one reference (a struct could be read half written by another thread).</summary>
    private static Types? _types;

    public static TGrain Get(IGrainFactory grains, string key)
    {
        ArgumentNullException.ThrowIfNull(grains);
        if (_types is { } types)
        {
            return (TGrain)grains.GetGrain(GrainId.Create(types.Grain, key), types.Interface);
        }

        var first = grains.GetGrain<TGrain>(key);
        _types = new Types(first.GetGrainId().Type, ((GrainReference)(object)first).InterfaceType);
        return first;
    }

    private sealed record Types(GrainType Grain, GrainInterfaceType Interface);
}
