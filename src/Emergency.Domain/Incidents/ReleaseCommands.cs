using Emergency.Domain.Cases;

namespace Emergency.Domain.Incidents;

/// <summary>A move on one of an incident's public information releases (信息发布).</summary>
public abstract record ReleaseCommand : IncidentCommand;

/// <summary>The words of a release: headline and text in Chinese, and in English when the department gives them.</summary>
public abstract record ReleaseWording : ReleaseCommand
{
    /// <summary>标题, in Chinese; at most <see cref="Release.HeadlineMax"/> characters.</summary>
    public required string Headline { get; init; }

    /// <summary>正文, in Chinese; at most <see cref="Release.TextMax"/> characters.</summary>
    public required string Text { get; init; }

    public string? HeadlineEn { get; init; }

    /// <summary>Needed when <see cref="HeadlineEn"/> is given, and the other way round: an English version is whole or absent.</summary>
    public string? TextEn { get; init; }
}

/// <summary>Draft a first release for the public, the media or downstream water users.</summary>
[Move("draftRelease", Role.DutyCommander, Summary = "Draft a public information release (信息发布): audience, headline and text in Chinese, English optional")]
public sealed record DraftRelease : ReleaseWording
{
    public required ReleaseAudience Audience { get; init; }
}

/// <summary>Draft an update (续发) of a published release: when published it supersedes it.</summary>
[Move("updateRelease", Role.DutyCommander, Summary = "Draft an update of published release N: when published it supersedes it (CAP Update)")]
public sealed record UpdateRelease : ReleaseWording
{
    /// <summary>The number of the published release it updates.</summary>
    public required int Release { get; init; }

    /// <summary>Defaults to the audience of the release it updates.</summary>
    public ReleaseAudience? Audience { get; init; }
}

/// <summary>Draft a correction (更正) of a published release that said something wrong.</summary>
[Move("correctRelease", Role.DutyCommander, Summary = "Draft a correction of published release N with what was wrong: when published it supersedes it (CAP Update)")]
public sealed record CorrectRelease : ReleaseWording
{
    /// <summary>The number of the published release it corrects.</summary>
    public required int Release { get; init; }

    /// <summary>What the corrected release got wrong.</summary>
    public required string Reason { get; init; }

    public ReleaseAudience? Audience { get; init; }
}

/// <summary>Draft the withdrawal (撤回) of a published release; its headline is the withdrawn release's, its text the reason.</summary>
[Move("withdrawRelease", Role.DutyCommander, Summary = "Draft the withdrawal of published release N with the reason (Chinese, English optional): when published it cancels it (CAP Cancel)")]
public sealed record WithdrawRelease : ReleaseCommand
{
    public required int Release { get; init; }

    public required string Reason { get; init; }

    public string? ReasonEn { get; init; }
}

/// <summary>
/// Approve a drafted release for publication (审核签发), naming the officer who approved it. A bureau leader approves on
/// the engine; a duty commander may record a leader's sign-off given on paper or by phone, under the leader's name.
/// </summary>
[Move("approveRelease", Role.DecisionMaker, Role.DutyCommander, Summary = "Approve drafted release N for publication, naming the approving officer (审核签发人)")]
public sealed record ApproveRelease : ReleaseCommand
{
    public required int Release { get; init; }

    /// <summary>The approving officer by name and post ("王副局长").</summary>
    public required string ApprovedBy { get; init; }
}

/// <summary>Publish an approved release: the first published release meets the obligation to release information.</summary>
[Move("publishRelease", Role.DutyCommander, Summary = "Publish approved release N; the first published release completes releaseInformation at its publication time")]
public sealed record PublishRelease : ReleaseCommand
{
    public required int Release { get; init; }
}
