namespace Emergency.Domain.Incidents;

/// <summary>
/// A public information release (信息发布) of an incident: a document drafted by the duty room, approved by a named
/// officer (审核签发) and published, later updated, corrected or withdrawn by a release of its own that links it.
/// Persisted as JSON inside the incident's state, so that publishing and meeting the release obligation are one write.
/// Changed in place by its lifecycle; a view holds a copy (<c>with { }</c>: every field is a value).
/// </summary>
public sealed record Release
{
    /// <summary>The longest headline: CAP 1.2 §3.2.2 asks for a headline short enough for SMS (160 characters); Chinese takes 70 to a message.</summary>
    public const int HeadlineMax = 70;

    /// <summary>The longest text: a release read at a press conference or on a web page, not a report.</summary>
    public const int TextMax = 5_000;

    /// <summary>Numbered from 1 within the incident, in the order drafted; the number names it in routes and moves.</summary>
    public int Number { get; set; }

    public ReleaseKind Kind { get; set; }

    public ReleaseAudience Audience { get; set; }

    public ReleaseStatus Status { get; set; }

    /// <summary>The release it updates, corrects or withdraws; none for a first alert.</summary>
    public int? Replaces { get; set; }

    /// <summary>The release that updated, corrected or withdrew this one, once published.</summary>
    public int? ReplacedBy { get; set; }

    /// <summary>标题 — the headline in Chinese.</summary>
    public string Headline { get; set; } = "";

    /// <summary>正文 — the text in Chinese.</summary>
    public string Text { get; set; } = "";

    public string? HeadlineEn { get; set; }

    public string? TextEn { get; set; }

    /// <summary>Why a correction or withdrawal was needed (what was wrong), as written.</summary>
    public string? Reason { get; set; }

    public DateTimeOffset DraftedAt { get; set; }

    public string DraftedBy { get; set; } = "";

    /// <summary>The officer who approved it for publication (审核签发人), by name.</summary>
    public string? ApprovedBy { get; set; }

    public DateTimeOffset? ApprovedAt { get; set; }

    /// <summary>Who recorded the approval (the leader signing on the engine, or the duty commander for a paper sign-off).</summary>
    public string? ApprovalRecordedBy { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    public string? PublishedBy { get; set; }

    /// <summary>The incident's level when it was published: what its CAP severity is mapped from.</summary>
    public Rules.IncidentLevel? Level { get; set; }

    /// <summary>The incident's phase when it was published: what its CAP urgency and certainty are mapped from.</summary>
    public IncidentPhase? Phase { get; set; }

    /// <summary>
    /// The river reaches a recorded spill affected when it was published, from the spill's reach down (config/rivers
    /// ids): its CAP areas beside the region. Kept on the release, so that an alert never changes after it was sent.
    /// </summary>
    public IReadOnlyList<string> Reaches { get; set; } = [];

    public bool IsPublished => PublishedAt is not null;
}

/// <summary>What a release is to the one it follows: CAP's msgType follows from it (Alert, Update, Cancel).</summary>
public enum ReleaseKind
{
    /// <summary>首次发布 — the first word on the incident, or on a new aspect of it.</summary>
    Alert,

    /// <summary>续发 — new information superseding an earlier release.</summary>
    Update,

    /// <summary>更正 — an earlier release said something wrong; this one says what is right.</summary>
    Correction,

    /// <summary>撤回 — an earlier release no longer stands.</summary>
    Withdrawal,
}

/// <summary>For whom a release is written.</summary>
public enum ReleaseAudience
{
    /// <summary>社会公众.</summary>
    Public,

    /// <summary>新闻媒体.</summary>
    Media,

    /// <summary>下游用水单位 — water works and users downstream of a spill.</summary>
    DownstreamWaterUsers,
}

/// <summary>Where a release stands: the states of <see cref="ReleaseLifecycle"/>.</summary>
public enum ReleaseStatus
{
    Draft,
    Approved,
    Published,

    /// <summary>A later update or correction is published: this one no longer speaks for the department.</summary>
    Superseded,

    /// <summary>A withdrawal of it is published.</summary>
    Withdrawn,
}
