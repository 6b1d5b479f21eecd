using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Emergency.Domain;
using Emergency.Host.Hosting;

namespace Emergency.Host.Auth;

/// <summary>
/// Users and their bearer tokens, from a file in <c>config/</c>. Only SHA-256 hashes of the tokens are
/// stored, so the file itself grants nothing.
/// </summary>
public sealed class TokenStore
{
    private readonly Dictionary<string, Actor> _byHash;

    private TokenStore(Dictionary<string, Actor> byHash) => _byHash = byHash;

    public static TokenStore Load(string file)
    {
        if (!File.Exists(file))
        {
            throw new EngineConfigurationException("Auth:TokensFile", $"'{file}' does not exist");
        }

        TokenFile? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<TokenFile>(File.ReadAllText(file), FileOptions);
        }
        catch (JsonException ex)
        {
            throw new EngineConfigurationException("Auth:TokensFile", $"'{file}' at {ex.Path} (line {ex.LineNumber + 1}): {ex.Message}");
        }

        var byHash = new Dictionary<string, Actor>(StringComparer.OrdinalIgnoreCase);
        foreach (var (entry, index) in (parsed?.Users ?? []).Select((u, i) => (u, i)))
        {
            var where = $"'{file}' users[{index}]";
            if (string.IsNullOrWhiteSpace(entry.User))
            {
                throw new EngineConfigurationException("Auth:TokensFile", $"{where}.user is required");
            }

            if (entry.Role is Role.System || !Enum.IsDefined(entry.Role))
            {
                throw new EngineConfigurationException("Auth:TokensFile", $"{where}.role must be dutyCommander, decisionMaker, assessor, petitionOfficer, drillOrganiser, observer or administrator");
            }

            if (entry.TokenSha256 is not { Length: 64 } hash || !hash.All(Uri.IsHexDigit))
            {
                throw new EngineConfigurationException("Auth:TokensFile", $"{where}.tokenSha256 must be 64 hex digits");
            }

            if (!byHash.TryAdd(hash, new Actor(entry.User, entry.Role)))
            {
                throw new EngineConfigurationException("Auth:TokensFile", $"{where} repeats the token of another user");
            }
        }

        return new TokenStore(byHash);
    }

    public Actor? Find(string token) =>
        _byHash.TryGetValue(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token))), out var actor) ? actor : null;

    private static readonly JsonSerializerOptions FileOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    private sealed record TokenFile(IReadOnlyList<TokenEntry>? Users);

    private sealed record TokenEntry(string? User, Role Role, string? TokenSha256);
}
