using System.Collections.Concurrent;

namespace Emergency.Storage.GroupCommit;

/// <summary>
/// Keys this process has just drawn at random for a new grain (a case id the API makes for a registration without an
/// idempotency key). The first activation of such a grain on this node does not read the database: no row can exist
/// for a key nobody has seen, and the read was a round trip per registration. Its first write is still an insert that
/// succeeds only if no row exists (a null version), so a key wrongly taken for fresh costs a version conflict, never a
/// lost row. A key is claimed once; keys drawn but never activated here (the grain placed on another node, the request
/// refused first) are forgotten wholesale past <see cref="Limit"/>, which only costs those grains their read.
/// </summary>
public sealed class FreshKeys
{
    /// <summary>Most keys remembered at once.</summary>
    public const int Limit = 4096;

    private readonly ConcurrentDictionary<string, byte> _keys = new(StringComparer.Ordinal);

    /// <summary>Remembers a key just drawn at random, before the first call to its grain.</summary>
    public void Add(string key)
    {
        if (_keys.Count >= Limit)
        {
            _keys.Clear();
        }

        _keys.TryAdd(key, 0);
    }

    /// <summary>Whether the key was drawn here and not claimed yet; it is claimed by asking.</summary>
    public bool Claim(string key) => _keys.TryRemove(key, out _);
}
