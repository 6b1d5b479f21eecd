namespace Emergency.Domain.Rules;

/// <summary>
/// Grade of a sudden environmental incident (突发环境事件分级). Level I is the most serious;
/// the numeric values order the levels so that a smaller number is more serious.
/// </summary>
public enum IncidentLevel
{
    /// <summary>特别重大 — especially serious.</summary>
    I = 1,

    /// <summary>重大 — serious.</summary>
    II = 2,

    /// <summary>较大 — relatively serious.</summary>
    III = 3,

    /// <summary>一般 — general.</summary>
    IV = 4,
}

public static class IncidentLevels
{
    public static readonly IReadOnlyList<IncidentLevel> All = [IncidentLevel.I, IncidentLevel.II, IncidentLevel.III, IncidentLevel.IV];

    /// <summary>True when <paramref name="level"/> is at least as serious as <paramref name="other"/>.</summary>
    public static bool IsAtLeast(this IncidentLevel level, IncidentLevel other) => (int)level <= (int)other;
}
