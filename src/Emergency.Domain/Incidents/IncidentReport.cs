namespace Emergency.Domain.Incidents;

/// <summary>A report filed to the government and the higher bureau: initial (初报), follow-up (续报) or final (处理结果报告).</summary>
public sealed record IncidentReport
{
    public required int Number { get; init; }

    public required ReportKind Kind { get; init; }

    public required ReportMedium Medium { get; init; }

    /// <summary>The level the report was made at.</summary>
    public required Rules.IncidentLevel Level { get; init; }

    public required string SignedOffBy { get; init; }

    public required string Contact { get; init; }

    public required string Content { get; init; }

    public required DateTimeOffset At { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }

    public required string RecordedBy { get; init; }
}

public enum ReportKind
{
    /// <summary>初报.</summary>
    Initial,

    /// <summary>续报: whenever facts change, no fixed clock.</summary>
    FollowUp,

    /// <summary>处理结果报告: after handling.</summary>
    Final,
}

public enum ReportMedium
{
    /// <summary>A phone report must be followed by a written one.</summary>
    Phone,

    Written,
}
