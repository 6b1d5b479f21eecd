using System.Security.Cryptography;
using System.Text;

namespace Emergency.Domain.Disputes.EarlyWarning;

/// <summary>
/// The earlier cases of one complainant (重复信访), known only by a keyed hash of the id number (or, without one, of
/// the contact): the key names a grain and a stored row, and neither reveals the person, nor can a copy of the
/// database be searched with a table of hashed id numbers without the deployment's link key.
/// </summary>
public static class ComplainantHistory
{
    /// <summary>How many earlier cases are kept per person.</summary>
    public const int Kept = ComplaintClusterDetector.CasesKeptPerPerson;

    /// <summary>The person's key (HMAC-SHA256 under <paramref name="linkKey"/>), or null for an anonymous complaint.</summary>
    public static string? KeyOf(Complainant complainant, ReadOnlySpan<byte> linkKey) =>
        Identity(complainant) is { } identity
            ? "p-" + Convert.ToHexStringLower(HMACSHA256.HashData(linkKey, Encoding.UTF8.GetBytes(identity)))[..32]
            : null;

    /// <summary>
    /// The key the engine gave a person before link keys were configured: SHA-256 under a salt written in the source.
    /// Read only to carry a person's stored history over to <see cref="KeyOf(Complainant, ReadOnlySpan{byte})"/>.
    /// </summary>
    public static string? SaltedKeyOf(Complainant complainant, string salt) =>
        Identity(complainant) is { } identity
            ? "p-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{salt}\n{identity}")))[..32]
            : null;

    /// <summary>Takes in cases kept under another key of the same person, in order of time, without doubles.</summary>
    public static void TakeOver(ComplainantHistoryState state, IEnumerable<WarningEvidence> cases)
    {
        foreach (var taken in cases.Where(c => state.Cases.All(kept => kept.CaseId != c.CaseId)))
        {
            var index = state.Cases.FindIndex(c => c.At > taken.At);
            state.Cases.Insert(index < 0 ? state.Cases.Count : index, taken);
        }

        if (state.Cases.Count > Kept)
        {
            state.Cases.RemoveRange(0, state.Cases.Count - Kept);
        }
    }

    private static string? Identity(Complainant complainant) =>
        !string.IsNullOrWhiteSpace(complainant.IdNumber)
            ? $"id\n{complainant.IdNumber.Trim().ToUpperInvariant()}"
            : NormaliseContact(complainant.Contact) is { } contact ? $"contact\n{contact}" : null;

    /// <summary>Adds a case and returns the person's other cases within the look-back, oldest first.</summary>
    public static IReadOnlyList<string> Observe(ComplainantHistoryState state, string caseId, DateTimeOffset at, TimeSpan lookback)
    {
        if (state.Cases.All(c => c.CaseId != caseId))
        {
            var index = state.Cases.FindIndex(c => c.At > at);
            state.Cases.Insert(index < 0 ? state.Cases.Count : index, new WarningEvidence { CaseId = caseId, At = at });
            if (state.Cases.Count > Kept)
            {
                state.Cases.RemoveRange(0, state.Cases.Count - Kept);
            }
        }

        return [.. state.Cases.Where(c => c.CaseId != caseId && c.At >= at - lookback && c.At <= at).Select(c => c.CaseId)];
    }

    /// <summary>"138-0013-8000", "+86 138 0013 8000" and "13800138000" are one telephone; e-mail ignores case.</summary>
    private static string? NormaliseContact(string? contact)
    {
        if (string.IsNullOrWhiteSpace(contact))
        {
            return null;
        }

        var text = contact.Normalize(NormalizationForm.FormKC).Trim().ToLowerInvariant();
        if (text.Contains('@', StringComparison.Ordinal))
        {
            return text;
        }

        var digits = new string([.. text.Where(char.IsAsciiDigit)]);
        if (digits.Length == 13 && digits.StartsWith("86", StringComparison.Ordinal))
        {
            digits = digits[2..];
        }

        return digits.Length > 0 ? digits : text;
    }
}

/// <summary>What the engine keeps about one complainant: case ids and times, nothing else. Persisted as JSON.</summary>
public sealed class ComplainantHistoryState
{
    public List<WarningEvidence> Cases { get; set; } = [];
}
