using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace Emergency.Storage.Privacy;

/// <summary>
/// The keys that encrypt personal data in stored grain state (AES-256-GCM): the current key, which encrypts every
/// write, and earlier keys, which only decrypt rows not yet written again. Each ciphertext names its key by an id
/// derived from the key itself, so a key is rotated by configuration alone: the new key becomes
/// <see cref="DataKeyKey"/>, the old one moves to <see cref="PreviousDataKeysKey"/>, and every row is encrypted with
/// the new key at its next write.
/// </summary>
/// <remarks>
/// AES-GCM with a configured key rather than ASP.NET Data Protection: the storage layer sits below the host, every node
/// of a cluster must read every row, and Data Protection's key ring expires and rotates its keys by itself in a
/// directory per node, where a lost or unshared ring would leave rows unreadable. A configured key is given to every
/// node like the database's credentials, and its loss is as visible as theirs.
/// </remarks>
public sealed class PersonalDataKeys
{
    /// <summary>Configuration key of the current key: 32 random bytes in base64 (<c>openssl rand -base64 32</c>).</summary>
    public const string DataKeyKey = "Privacy:DataKey";

    /// <summary>Configuration key of earlier keys, still read: an array of base64 keys.</summary>
    public const string PreviousDataKeysKey = "Privacy:PreviousDataKeys";

    /// <summary>
    /// The key shipped in <c>config/emergency.json</c> for trying the engine on the embedded default. It is public: the
    /// host refuses it on any address but loopback.
    /// </summary>
    public const string DevelopmentDataKey = "ZW1lcmdlbmN5LWRldmVsb3BtZW50LWRhdGEta2V5ISE=";

    /// <summary>What starts a ciphertext in a stored row: a version of the format, then the key id.</summary>
    internal const string Prefix = "pd1:";

    private const int KeyBytes = 32;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    private readonly byte[] _current;
    private readonly Dictionary<string, byte[]> _byId;

    /// <summary>This thread's cipher, and the key it was made with (most processes have one current key; tests may have more).</summary>
    [ThreadStatic]
    private static (byte[] Key, AesGcm Cipher)? t_encryptor;

    private PersonalDataKeys(byte[] current, IEnumerable<byte[]> previous)
    {
        _current = current;
        CurrentId = IdOf(current);
        _byId = new Dictionary<string, byte[]>(StringComparer.Ordinal) { [CurrentId] = current };
        foreach (var key in previous)
        {
            _byId.TryAdd(IdOf(key), key);
        }
    }

    /// <summary>The keys of a trial engine: the public development key only.</summary>
    public static PersonalDataKeys Development { get; } = new(Convert.FromBase64String(DevelopmentDataKey), []);

    /// <summary>The id stored with each ciphertext of the current key.</summary>
    public string CurrentId { get; }

    /// <summary>Whether the current key is the public development key.</summary>
    public bool IsDevelopment => CurrentId == Development.CurrentId;

    /// <summary>Reads <see cref="DataKeyKey"/> and <see cref="PreviousDataKeysKey"/>.</summary>
    /// <exception cref="StorageConfigurationException">The key is missing, or a key is not 32 bytes in base64.</exception>
    public static PersonalDataKeys FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var current = configuration[DataKeyKey];
        if (string.IsNullOrWhiteSpace(current))
        {
            throw new StorageConfigurationException(DataKeyKey,
                "no key to encrypt complainants' personal data with; give 32 random bytes in base64 (openssl rand -base64 32) as the environment variable Privacy__DataKey (docs/security.md).");
        }

        var previous = configuration.GetSection(PreviousDataKeysKey).GetChildren()
            .Select(child => Parse(child.Value, $"{PreviousDataKeysKey}:{child.Key}"));
        return new PersonalDataKeys(Parse(current, DataKeyKey), [.. previous]);
    }

    /// <summary>Keys given directly (tests, tools): <paramref name="current"/> encrypts, all of them decrypt.</summary>
    public static PersonalDataKeys Of(string current, params string[] previous) =>
        new(Parse(current, DataKeyKey), [.. previous.Select(key => Parse(key, PreviousDataKeysKey))]);

    /// <summary>
    /// Encrypts <paramref name="plain"/> with the current key, bound to <paramref name="field"/> (a ciphertext moved to
    /// another field does not decrypt): <c>pd1:{key id}:{base64 of nonce, tag and ciphertext}</c>.
    /// </summary>
    public string Encrypt(ReadOnlySpan<byte> plain, string field) => Encrypt(plain, Encoding.UTF8.GetBytes(field));

    /// <summary>
    /// As the other overload, with the field's name as UTF-8 (a converter encodes it
    /// once). Each thread keeps its own cipher of the current key (an <see cref="AesGcm"/> is not to be shared between
    /// threads, and making one per value cost a native context each time), and the text is written once.
    /// </summary>
    internal string Encrypt(ReadOnlySpan<byte> plain, ReadOnlySpan<byte> field)
    {
        var length = NonceBytes + TagBytes + plain.Length;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            Seal(plain, field, rented.AsSpan(0, length));
            var head = Prefix.Length + CurrentId.Length + 1;
            return string.Create(head + ((length + 2) / 3 * 4), (Sealed: rented, Length: length, Id: CurrentId), static (text, state) =>
            {
                Prefix.CopyTo(text);
                state.Id.CopyTo(text[Prefix.Length..]);
                text[Prefix.Length + state.Id.Length] = ':';
                Convert.TryToBase64Chars(state.Sealed.AsSpan(0, state.Length), text[(Prefix.Length + state.Id.Length + 1)..], out _);
            });
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Writes what <see cref="Encrypt(ReadOnlySpan{byte}, string)"/> returns as a JSON string value, in UTF-8 straight
    /// from the sealed bytes: a kept answer (a whole view) made a string of twice its base64 length first.
    /// </summary>
    internal void EncryptTo(Utf8JsonWriter writer, ReadOnlySpan<byte> plain, ReadOnlySpan<byte> field)
    {
        var length = NonceBytes + TagBytes + plain.Length;
        var head = Prefix.Length + CurrentId.Length + 1;
        var textLength = head + ((length + 2) / 3 * 4);
        var sealedRented = ArrayPool<byte>.Shared.Rent(length);
        var textRented = ArrayPool<byte>.Shared.Rent(textLength);
        try
        {
            var sealedBytes = sealedRented.AsSpan(0, length);
            Seal(plain, field, sealedBytes);
            var text = textRented.AsSpan(0, textLength);
            var at = Encoding.ASCII.GetBytes(Prefix, text);
            at += Encoding.ASCII.GetBytes(CurrentId, text[at..]);
            text[at++] = (byte)':';
            Base64.EncodeToUtf8(sealedBytes, text[at..], out _, out var written);
            writer.WriteStringValue(text[..(at + written)]);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(sealedRented);
            ArrayPool<byte>.Shared.Return(textRented);
        }
    }

    /// <summary>Encrypts <paramref name="plain"/> into <paramref name="sealedBytes"/> as nonce, tag and ciphertext, bound to <paramref name="field"/>.</summary>
    private void Seal(ReadOnlySpan<byte> plain, ReadOnlySpan<byte> field, Span<byte> sealedBytes)
    {
        var nonce = sealedBytes[..NonceBytes];
        RandomNumberGenerator.Fill(nonce);
        Encryptor().Encrypt(nonce, plain, sealedBytes[(NonceBytes + TagBytes)..], sealedBytes.Slice(NonceBytes, TagBytes), field);
    }

    private AesGcm Encryptor()
    {
        if (t_encryptor is { } mine && ReferenceEquals(mine.Key, _current))
        {
            return mine.Cipher;
        }

        t_encryptor?.Cipher.Dispose();
        var cipher = new AesGcm(_current, TagBytes);
        t_encryptor = (_current, cipher);
        return cipher;
    }

    /// <summary>Whether a stored string is a ciphertext of this format (anything else is a value stored in clear before).</summary>
    public static bool IsCiphertext(string stored) => stored.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>Decrypts what <see cref="Encrypt(ReadOnlySpan{byte}, string)"/> wrote, with the key its id names.</summary>
    /// <exception cref="CryptographicException">The key is not configured, or the ciphertext was altered or moved.</exception>
    public byte[] Decrypt(string stored, string field)
    {
        var parts = stored.Split(':', 3);
        if (parts.Length != 3 || !_byId.TryGetValue(parts[1], out var key))
        {
            throw new CryptographicException(
                $"stored personal data is encrypted with key {(parts.Length == 3 ? parts[1] : "(unreadable)")}, which is neither {DataKeyKey} nor among {PreviousDataKeysKey}");
        }

        var sealedBytes = Convert.FromBase64String(parts[2]);
        if (sealedBytes.Length < NonceBytes + TagBytes)
        {
            throw new CryptographicException("stored personal data is too short to be a ciphertext");
        }

        var plain = new byte[sealedBytes.Length - NonceBytes - TagBytes];
        using var aes = new AesGcm(key, TagBytes);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes), plain, Encoding.UTF8.GetBytes(field));
        return plain;
    }

    private static byte[] Parse(string? value, string setting)
    {
        var bytes = new byte[KeyBytes];
        return !string.IsNullOrWhiteSpace(value) && Convert.TryFromBase64String(value.Trim(), bytes, out var written) && written == KeyBytes
            ? bytes
            : throw new StorageConfigurationException(setting, "a key of personal data must be 32 bytes in base64 (openssl rand -base64 32).");
    }

    // A fingerprint, not the key: SHA-256 of a random 256-bit key tells nothing about it.
    private static string IdOf(byte[] key) =>
        Convert.ToHexStringLower(SHA256.HashData([.. "emergency/personal-data-key\n"u8, .. key]))[..8];
}
