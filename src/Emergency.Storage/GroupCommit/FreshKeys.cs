using System.Collections.Concurrent;

namespace Emergency.Storage.GroupCommit;

/// <summary>
/// Keys this process has just drawn at random for a new grain (a case id the API makes for a registration without an
/// idempotency key, a drill's new cases). The first activation of such a grain on this node does not read the
/// database: no row can exist for a key nobody has seen, and the read was a round trip per registration. Its first
/// write is still an insert that succeeds only if no row exists (a null version), so a key wrongly taken for fresh
/// costs a version conflict, never a lost row.
/// </summary>
/// <remarks>
/// A key is claimed once, and only within <see cref="FreshFor"/> of being drawn. Whoever drew it forgets it once the
/// call that was to activate its grain has been answered (<see cref="Forget"/>): in a cluster that grain may have been
/// placed on another node, and a key left here would make a later activation of the same case on this node (the case
/// put away, then called again) start empty although its row exists. Keys never claimed nor forgotten are dropped
/// wholesale past <see cref="Limit"/>, which only costs those grains their read.
/// </remarks>
public sealed class FreshKeys(TimeProvider time)
{
    /// <summary>Most keys remembered at once.</summary>
    public const int Limit = 4096;

    /// <summary>How long after being drawn a key is still taken for fresh: the call that drew it reaches its grain well within it.</summary>
    public static readonly TimeSpan FreshFor = TimeSpan.FromMinutes(1);

    /// <summary>Each key with the moment it was drawn (a <see cref="TimeProvider.GetTimestamp"/>).</summary>
    private readonly ConcurrentDictionary<string, long> _keys = new(StringComparer.Ordinal);

    public FreshKeys()
        : this(TimeProvider.System)
    {
    }

    /// <summary>Remembers a key just drawn at random, before the first call to its grain.</summary>
    public void Add(string key)
    {
        if (_keys.Count >= Limit)
        {
            _keys.Clear();
        }

        _keys[key] = time.GetTimestamp();
    }

    /// <summary>Whether the key was drawn here, lately, and not claimed or forgotten yet; it is claimed by asking.</summary>
    public bool Claim(string key) => _keys.TryRemove(key, out var drawn) && time.GetElapsedTime(drawn) <= FreshFor;

    /// <summary>The call that drew the key was answered: whatever activation it made has claimed it, here or elsewhere.</summary>
    public void Forget(string key) => _keys.TryRemove(key, out _);
}
