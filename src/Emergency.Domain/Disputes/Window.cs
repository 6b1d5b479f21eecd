using System.Collections.Frozen;
using Emergency.Domain.Messages;

namespace Emergency.Domain.Disputes;

/// <summary>
/// A time in which someone may act, as opposed to a duty: the petitioner may ask for a review (复查) or a second
/// review (复核), a unit may send back a wrong assignment. A request after the window closed is refused; a window
/// nobody used lapses at its end and says so in the timeline.
/// </summary>
public sealed class Window
{
    public required string Id { get; init; }

    public required WindowKind Kind { get; init; }

    /// <summary>The event the window counts from (the reply, the review answer, the transfer, the assignment).</summary>
    public required DateTimeOffset OpensAt { get; init; }

    /// <summary>Acting at this moment is still in time; after it, not.</summary>
    public required DateTimeOffset ClosesAt { get; init; }

    public required Message Basis { get; init; }

    public DateTimeOffset? UsedAt { get; set; }

    public DateTimeOffset? RecordedAt { get; set; }

    public string? UsedBy { get; set; }

    /// <summary>Set when the window closed unused; stays even if a request dated inside it is recorded later.</summary>
    public DateTimeOffset? LapsedAt { get; set; }

    /// <summary>When the window stopped mattering because the procedure moved on (a unit that accepted the case cannot send it back).</summary>
    public DateTimeOffset? WaivedAt { get; set; }

    public Message? WaivedBecause { get; set; }

    public bool IsUsed => UsedAt is not null;

    public bool IsWaived => WaivedAt is not null;

    /// <summary>Open at <paramref name="moment"/>: not used, not waived and not past its end.</summary>
    public bool IsOpenAt(DateTimeOffset moment) => !IsUsed && !IsWaived && moment <= ClosesAt;

    public WindowStatus StatusAt(DateTimeOffset now) => this switch
    {
        { IsUsed: true } => WindowStatus.Used,
        { IsWaived: true } => WindowStatus.Waived,
        _ when now > ClosesAt => WindowStatus.Lapsed,
        _ => WindowStatus.Open,
    };
}

public enum WindowStatus
{
    Open,
    Used,
    Lapsed,
    Waived,
}

public enum WindowKind
{
    /// <summary>异议 / 退回 — send back a case or an item assigned to the wrong organ or unit.</summary>
    WrongAssignment,

    /// <summary>请求复查 — ask the next higher organ to review the reply.</summary>
    Review,

    /// <summary>请求复核 — ask for a second review of the review opinion.</summary>
    SecondReview,

    /// <summary>补正告知 — ask the applicant to correct an unclear disclosure request.</summary>
    CorrectionNotice,

    /// <summary>补正期限 — the applicant's time to correct the request.</summary>
    ApplicantCorrection,

    /// <summary>第三方意见 — a consulted third party's time to give its opinion.</summary>
    ThirdPartyOpinion,
}

public static class WindowKinds
{
    /// <summary>The window's name in the reader's language ("请求复查", "requesting a review (复查)").</summary>
    public static Message Title(this WindowKind kind) => Titles is { } titles && titles.TryGetValue(kind, out var title) ? title : TitleOf(kind);

    /// <summary>One title per kind, made once: every view names every window, and a message never changes once made.</summary>
    private static readonly FrozenDictionary<WindowKind, Message> Titles = Enum.GetValues<WindowKind>().ToFrozenDictionary(kind => kind, TitleOf);

    private static Message TitleOf(WindowKind kind) => DisputeTexts.Window.With(("kind", Arg.Of(kind)));

    public static string Name(this WindowKind kind) => kind switch
    {
        WindowKind.WrongAssignment => "wrongAssignment",
        WindowKind.Review => "review",
        WindowKind.SecondReview => "secondReview",
        WindowKind.CorrectionNotice => "correctionNotice",
        WindowKind.ApplicantCorrection => "applicantCorrection",
        WindowKind.ThirdPartyOpinion => "thirdPartyOpinion",
        _ => kind.ToString(),
    };
}
