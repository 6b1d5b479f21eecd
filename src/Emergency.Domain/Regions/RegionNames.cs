using System.Text;

namespace Emergency.Domain.Regions;

/// <summary>
/// How a region's name is compared: full-width forms folded to half-width (NFKC, so "Ｈａｎｄａｎ" and the ideographic
/// space become plain), every space removed ("长治 市"), case ignored (pinyin).
/// </summary>
public static class RegionNames
{
    /// <summary>
    /// Endings of official names that people often leave off ("长治" for 长治市), longest first so that 广西壮族自治区
    /// loses its whole ending rather than only 区.
    /// </summary>
    private static readonly string[] Suffixes = ["壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "自治州", "自治县", "地区", "省", "市", "县", "区"];

    public static string Normalise(string name)
    {
        var folded = name.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    /// <summary>Two region names that read the same once normalised: how regions outside the catalog are matched.</summary>
    public static bool Same(string a, string b) => Normalise(a) == Normalise(b);

    /// <summary>A normalised official name without its administrative ending, or null when it has none to lose.</summary>
    internal static string? WithoutSuffix(string normalised) =>
        Suffixes.FirstOrDefault(s => normalised.Length > s.Length && normalised.EndsWith(s, StringComparison.Ordinal)) is { } suffix
            ? normalised[..^suffix.Length]
            : null;
}
