using System.Collections.Frozen;
using Emergency.Domain.Cases;
using Emergency.Domain.Messages;

namespace Emergency.Domain.Disputes;

/// <summary>
/// One duty of a petition, suggestion or disclosure request with its time limit (<see cref="CaseObligation{TKind}"/>),
/// counted on the working calendar. An obligation that leaves the department with its case (a wrong assignment sent
/// back) is withdrawn, never completed.
/// </summary>
public sealed class DisputeObligation : CaseObligation<DisputeObligationKind>
{
    /// <summary>The event the limit counts from (receipt, transfer, acceptance, request...).</summary>
    public required DateTimeOffset OpenedAt { get; init; }

    /// <summary>The unit answerable for the obligation (the receiving unit, or the unit it was assigned to).</summary>
    public required string Unit { get; set; }

    public string? Note { get; set; }

    /// <summary>When the obligation stopped being the department's (the case was sent back as wrongly assigned).</summary>
    public DateTimeOffset? WithdrawnAt { get; set; }

    public Message? WithdrawnBecause { get; set; }

    public bool IsWithdrawn => WithdrawnAt is not null;

    public bool IsOpen => !IsCompleted && !IsWithdrawn;

    private protected override bool Dropped => IsWithdrawn;
}

public enum DisputeObligationKind
{
    /// <summary>转送 — the petition office passes the case on.</summary>
    Transfer,

    /// <summary>受理告知 — decide acceptance and tell the petitioner.</summary>
    Acceptance,

    /// <summary>办理 — the assigned unit handles the case by the deadline fixed at assignment (四定: 定时限).</summary>
    Handling,

    /// <summary>办结答复 — reply, within the legal limit.</summary>
    Reply,

    /// <summary>复查意见 — answer a review request.</summary>
    ReviewAnswer,

    /// <summary>复核意见 — answer a second review request.</summary>
    SecondReviewAnswer,

    /// <summary>重新答复 — reply again to a dissatisfied deputy.</summary>
    NewReply,

    /// <summary>依申请公开答复 — answer a request for government information.</summary>
    DisclosureAnswer,
}

public static class DisputeObligationKinds
{
    /// <summary>The obligation's name in the reader's language ("办结答复", "reply (办结答复)").</summary>
    public static Message Title(this DisputeObligationKind kind) => Titles is { } titles && titles.TryGetValue(kind, out var title) ? title : TitleOf(kind);

    /// <summary>One title per kind, made once: every view and summary names every obligation, and a message never changes once made.</summary>
    private static readonly FrozenDictionary<DisputeObligationKind, Message> Titles =
        Enum.GetValues<DisputeObligationKind>().ToFrozenDictionary(kind => kind, TitleOf);

    private static Message TitleOf(DisputeObligationKind kind) => DisputeTexts.Obligation.With(("kind", Arg.Of(kind)));

    /// <summary>The name used in the API, the board and the scenario files.</summary>
    public static string Name(this DisputeObligationKind kind) => kind switch
    {
        DisputeObligationKind.Transfer => "transfer",
        DisputeObligationKind.Acceptance => "acceptance",
        DisputeObligationKind.Handling => "handling",
        DisputeObligationKind.Reply => "reply",
        DisputeObligationKind.ReviewAnswer => "reviewAnswer",
        DisputeObligationKind.SecondReviewAnswer => "secondReviewAnswer",
        DisputeObligationKind.NewReply => "newReply",
        DisputeObligationKind.DisclosureAnswer => "disclosureAnswer",
        _ => kind.ToString(),
    };
}
