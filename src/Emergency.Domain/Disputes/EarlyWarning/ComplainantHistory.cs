using System.Security.Cryptography;
using System.Text;

namespace Emergency.Domain.Disputes.EarlyWarning;

/// <summary>
/// The earlier cases of one complainant (重复信访), known only by a salted hash of the id number (or, without one, of
/// the contact): the key names a grain and a stored row, and neither reveals the person.
/// </summary>
public static class ComplainantHistory
{
    /// <summary>How many earlier cases are kept per person.</summary>
    public const int Kept = ComplaintClusterDetector.CasesKeptPerPerson;

    /// <summary>The person's key, or null for an anonymous complaint.</summary>
    public static string? KeyOf(Complainant complainant, string salt)
    {
        var (kind, value) = !string.IsNullOrWhiteSpace(complainant.IdNumber)
            ? ("id", complainant.IdNumber.Trim().ToUpperInvariant())
            : NormaliseContact(complainant.Contact) is { } contact ? ("contact", contact) : (null, null);
        return kind is null
            ? null
            : "p-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{salt}\n{kind}\n{value}")))[..32];
    }

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
