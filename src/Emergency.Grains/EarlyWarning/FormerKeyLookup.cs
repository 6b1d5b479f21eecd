using Emergency.Storage.Privacy;

namespace Emergency.Grains.EarlyWarning;

/// <summary>
/// Whether a person first seen under the keyed link must look for a history kept under the former salted key: only
/// where the storage says such histories may exist (<see cref="FormerComplainantKeys"/>). Elsewhere (every deployment
/// that had stored no complainant history before link keys) a complaint costs no activation and no read of the former
/// key's grain. Asked once per silo; an answer that failed to come is asked again.
/// </summary>
public sealed class FormerKeyLookup(Func<CancellationToken, Task<bool>> mayExist)
{
    private Task<bool>? _needed;

    /// <summary>Always looks under the former key: where no storage can tell (grains run on another storage).</summary>
    public static FormerKeyLookup Always { get; } = new(_ => Task.FromResult(true));

    /// <summary>Whether a person first seen here must look under the former key.</summary>
    public async Task<bool> Needed()
    {
        var needed = _needed ??= mayExist(CancellationToken.None);
        try
        {
            return await needed;
        }
        catch
        {
            _ = Interlocked.CompareExchange(ref _needed, null, needed);
            throw;
        }
    }

    /// <summary>From the storage's mark when the engine's storage is configured, otherwise <see cref="Always"/>.</summary>
    internal static FormerKeyLookup From(IServiceProvider services) =>
        services.GetService(typeof(FormerComplainantKeys)) is FormerComplainantKeys keys ? new(keys.MayExistAsync) : Always;
}
