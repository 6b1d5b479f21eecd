namespace Emergency.Domain.Decisions;

/// <summary>
/// Complaints or an early warning (舆情, 信访预警) attached to a matter. They count as views heard, with their dates,
/// and are shown to the assessors; the complaints themselves live with the petitions.
/// </summary>
public sealed record PublicOpinionLink
{
    public required int Number { get; init; }

    public required PublicOpinionKind Kind { get; init; }

    /// <summary>The ids of the complaints or the warning, as the petitions side knows them.</summary>
    public required IReadOnlyList<string> Ids { get; init; }

    public required string Summary { get; init; }

    /// <summary>How many complaints (or people) the link stands for.</summary>
    public required int Count { get; init; }

    public required DateTimeOffset From { get; init; }

    public required DateTimeOffset To { get; init; }

    public required DateTimeOffset AttachedAt { get; init; }

    public required string AttachedBy { get; init; }
}

public enum PublicOpinionKind
{
    /// <summary>信访/投诉 — complaints and petitions about the matter.</summary>
    Complaints,

    /// <summary>预警 — an early warning: many complaints about one place or enterprise in a short window.</summary>
    EarlyWarning,
}
