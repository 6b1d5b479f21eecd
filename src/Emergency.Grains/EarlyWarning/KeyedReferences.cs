namespace Emergency.Grains.EarlyWarning;

/// <summary>
/// References to grains of one interface by string key, for the calls every complaint makes (its subjects' watches,
/// its person's history). Orleans' <c>GetGrain&lt;T&gt;(string)</c> looks the interface's type up again on every call,
/// reading its attributes by reflection: in a complaint surge that was 0.6 % of the engine's CPU for the early
/// warning's references alone. Here the grain type and the interface type are looked up once, by Orleans itself, and
/// each later reference is made from them.
/// </summary>
internal static class KeyedReferences<TGrain>
    where TGrain : class, IGrainWithStringKey
{
    private static (GrainType Grain, GrainInterfaceType Interface)? _types;

    public static TGrain Get(IGrainFactory grains, string key)
    {
        if (_types is { } types)
        {
            return (TGrain)grains.GetGrain(GrainId.Create(types.Grain, key), types.Interface);
        }

        var first = grains.GetGrain<TGrain>(key);
        _types = (first.GetGrainId().Type, ((GrainReference)(object)first).InterfaceType);
        return first;
    }
}
