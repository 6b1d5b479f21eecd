using System.Text;

namespace Emergency.Grains.EarlyWarning;

/// <summary>
/// The secret that keys the link between a person's cases (<c>Privacy:LinkKey</c>): the person is known by the
/// HMAC-SHA256 of the id number or contact under it, so neither the stored key nor a copy of the database can be
/// matched against a table of hashed id numbers (eighteen characters with a date of birth and a region in them)
/// without it. Changing it starts every person's history again.
/// </summary>
public sealed class ComplainantLinkKey
{
    /// <summary>The configuration key.</summary>
    public const string Setting = "Privacy:LinkKey";

    /// <summary>The shortest key accepted, in UTF-8 bytes: 256 bits, HMAC-SHA256's output.</summary>
    public const int MinBytes = 32;

    /// <summary>The key the shipped <c>config/emergency.json</c> carries: public, so refused on any address but loopback.</summary>
    public const string DevelopmentKey = "emergency-development-link-key-for-loopback-only";

    /// <summary>
    /// The salt the engine mixed into the SHA-256 of a person before link keys were configured. Only read to carry a
    /// person's history stored under it over to the keyed link, at the person's next complaint.
    /// </summary>
    public const string FormerSalt = "emergency/complainant/v1";

    private readonly byte[] _key;

    public ComplainantLinkKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (Encoding.UTF8.GetByteCount(key) < MinBytes)
        {
            throw new ArgumentException($"a link key must be at least {MinBytes} bytes", nameof(key));
        }

        _key = Encoding.UTF8.GetBytes(key);
        IsDevelopment = key == DevelopmentKey;
    }

    public static ComplainantLinkKey Development { get; } = new(DevelopmentKey);

    /// <summary>Whether this is the public development key.</summary>
    public bool IsDevelopment { get; }

    internal ReadOnlySpan<byte> Bytes => _key;
}
