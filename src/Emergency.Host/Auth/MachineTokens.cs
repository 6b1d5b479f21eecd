using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Emergency.Domain;
using Emergency.Host.Hosting;

namespace Emergency.Host.Auth;

/// <summary>
/// The bearer tokens of machine clients (integrations, monitoring, tests), from a file in <c>config/</c>. Only the
/// HMAC-SHA256 of each token under <c>Auth:TokenKey</c> is stored, so neither the file alone nor a list of guessed
/// tokens hashed without the key grants anything. A presented token is hashed and compared with every stored hash in
/// constant time: how long the answer takes does not tell how much of a hash matched.
/// </summary>
public sealed class MachineTokens
{
    /// <summary>The tokens the shipped <c>config/tokens.json</c> holds, for trying the engine: public, so loopback only.</summary>
    public static readonly IReadOnlyList<string> DevelopmentTokens =
    [
        "commander-dev-token", "decision-dev-token", "drill-dev-token", "assessor-dev-token",
        "observer-dev-token", "petition-dev-token", "admin-dev-token", "auditor-dev-token",
        "county-dev-token", "city-dev-token", "province-dev-token",
    ];

    private const string Key = "Auth:TokensFile";

    private readonly byte[] _key;
    private readonly IReadOnlyList<(byte[] Hash, Actor Actor)> _entries;
    private readonly Dictionary<string, string> _jurisdictions;

    private MachineTokens(byte[] key, IReadOnlyList<(byte[] Hash, Actor Actor)> entries, Dictionary<string, string> jurisdictions)
    {
        _key = key;
        _entries = entries;
        _jurisdictions = jurisdictions;
    }

    /// <summary>The users the tokens belong to: a person's name may not be one of them.</summary>
    public IEnumerable<string> Users => _entries.Select(e => e.Actor.Id);

    public static MachineTokens Load(string file, string tokenKey)
    {
        if (!File.Exists(file))
        {
            throw new EngineConfigurationException(Key, $"'{file}' does not exist");
        }

        TokenFile? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<TokenFile>(File.ReadAllText(file), FileOptions);
        }
        catch (JsonException ex)
        {
            throw new EngineConfigurationException(Key, $"'{file}' at {ex.Path} (line {ex.LineNumber + 1}): {ex.Message}");
        }

        var entries = new List<(byte[] Hash, Actor Actor)>();
        var jurisdictions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (entry, index) in (parsed?.Users ?? []).Select((u, i) => (u, i)))
        {
            var where = $"'{file}' users[{index}]";
            if (string.IsNullOrWhiteSpace(entry.User))
            {
                throw new EngineConfigurationException(Key, $"{where}.user is required");
            }

            if (entry.Role is Role.System || !Enum.IsDefined(entry.Role))
            {
                throw new EngineConfigurationException(Key, $"{where}.role must be dutyCommander, decisionMaker, assessor, petitionOfficer, drillOrganiser, observer or administrator");
            }

            if (entry.TokenSha256 is not null)
            {
                throw new EngineConfigurationException(Key,
                    $"{where}.tokenSha256: a plain SHA-256 of a token is no longer accepted; store tokenHmac, the HMAC-SHA256 of the token under Auth:TokenKey (printf %s TOKEN | openssl dgst -sha256 -hmac \"$KEY\", docs/security.md)");
            }

            if (entry.TokenHmac is not { Length: 64 } hex || !hex.All(Uri.IsHexDigit))
            {
                throw new EngineConfigurationException(Key, $"{where}.tokenHmac must be 64 hex digits");
            }

            var hash = Convert.FromHexString(hex);
            if (entries.Any(e => CryptographicOperations.FixedTimeEquals(e.Hash, hash)))
            {
                throw new EngineConfigurationException(Key, $"{where} repeats the token of another user");
            }

            entries.Add((hash, new Actor(entry.User, entry.Role)));
            if (!string.IsNullOrWhiteSpace(entry.Jurisdiction))
            {
                jurisdictions[entry.User] = entry.Jurisdiction;
            }
        }

        return new MachineTokens(Encoding.UTF8.GetBytes(tokenKey), entries, jurisdictions);
    }

    /// <summary>The HMAC-SHA256 of <paramref name="token"/> under <paramref name="tokenKey"/>, in hex: what the tokens file stores.</summary>
    public static string Hash(string tokenKey, string token) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(tokenKey), Encoding.UTF8.GetBytes(token)));

    /// <summary>The actor a token belongs to; every stored hash is compared, whichever matches.</summary>
    public Actor? Find(string token)
    {
        var hash = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(token));
        Actor? found = null;
        foreach (var (stored, actor) in _entries)
        {
            if (CryptographicOperations.FixedTimeEquals(stored, hash))
            {
                found = actor;
            }
        }

        return found;
    }

    /// <summary>The shipped development tokens this file accepts, each with its user.</summary>
    public IReadOnlyList<string> DevelopmentTokensAccepted() =>
        [.. DevelopmentTokens.Select(token => (token, Actor: Find(token))).Where(t => t.Actor is not null).Select(t => $"{t.token} ({t.Actor!.Id})")];

    private static readonly JsonSerializerOptions FileOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    private sealed record TokenFile(IReadOnlyList<TokenEntry>? Users);

    /// <summary>The region code a token's user acts within (<c>jurisdiction</c> in the file); null for the whole deployment.</summary>
    public string? JurisdictionOf(string user) => _jurisdictions.GetValueOrDefault(user);

    /// <summary>
    /// Reads every token's jurisdiction against the region catalog and keeps its code; a jurisdiction the catalog does
    /// not place stops the start, naming the user (docs/jurisdictions.md).
    /// </summary>
    public void ResolveJurisdictions(Domain.Regions.RegionCatalog regions)
    {
        foreach (var (user, text) in _jurisdictions.ToList())
        {
            _jurisdictions[user] = Domain.Regions.Jurisdictions.Read(regions, text).Code ?? throw new EngineConfigurationException(Key,
                $"the jurisdiction '{text}' of user '{user}' names no single region of the region catalog '{regions.Id}' (Regions:File): give its GB/T 2260 code");
        }
    }

    private sealed record TokenEntry(string? User, Role Role, string? TokenHmac, string? TokenSha256, string? Jurisdiction);
}
