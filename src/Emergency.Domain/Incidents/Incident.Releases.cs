using Emergency.Domain.Cases;
using Emergency.Domain.Messages;

namespace Emergency.Domain.Incidents;

/// <summary>
/// Public information releases (信息发布): documents drafted, approved by a named officer and published on the incident,
/// each with its own <see cref="ReleaseLifecycle"/>. The first published release meets the release obligation at its
/// publication, in the same change as the publication itself.
/// </summary>
public sealed partial class Incident
{
    /// <summary>The release moves, allowed while the incident is open; the release itself decides the rest.</summary>
    private static void DeclareReleases(CaseProcedure<Incident, IncidentPhase, IncidentCommand> steps)
    {
        const string Standing = "the release it names is published and not replaced";
        steps.In(IncidentPhase.Open)
            .Internal<DraftRelease>(static (i, c, a, now) => i.ApplyDraft(c, a, now))
            .InternalIf<UpdateRelease>(ReleaseAllows, static (i, c, a, now) => i.ApplyDraft(c, a, now), Standing)
            .InternalIf<CorrectRelease>(ReleaseAllows, static (i, c, a, now) => i.ApplyDraft(c, a, now), Standing)
            .InternalIf<WithdrawRelease>(ReleaseAllows, static (i, c, a, now) => i.ApplyDraft(c, a, now), Standing)
            .InternalIf<ApproveRelease>(ReleaseAllows, static (i, c, a, now) => i.ApplyApproval(c, a, now), "the release is a draft")
            .InternalIf<PublishRelease>(ReleaseAllows, static (i, c, a, now) => i.ApplyPublication(c, a, now),
                "the release is approved, and what it replaces still stands");
    }

    private static bool ReleaseAllows(Incident incident, MoveStep<IncidentCommand> move) => move.Command is ReleaseCommand release && incident.WhyNotRelease(release) is null;

    /// <summary>The checks of a release move's fields; a number that names no release is a field error, not a refusal.</summary>
    private Validator CheckRelease(ReleaseCommand command)
    {
        var check = new Validator();
        if (command is ReleaseWording words)
        {
            check.Required("headline", words.Headline, Release.HeadlineMax)
                .Required("text", words.Text, Release.TextMax)
                .Optional("headlineEn", words.HeadlineEn, Release.HeadlineMax * 3)
                .Optional("textEn", words.TextEn, Release.TextMax);
            if (Blank(words.HeadlineEn) != Blank(words.TextEn))
            {
                check.Add(Blank(words.HeadlineEn) ? "headlineEn" : "textEn", ReleaseTexts.EnglishWhole);
            }
        }

        switch (command)
        {
            case DraftRelease draft:
                check.Defined("audience", draft.Audience);
                break;
            case UpdateRelease update:
                CheckNumber(check, update.Release);
                CheckAudience(check, update.Audience);
                break;
            case CorrectRelease correction:
                CheckNumber(check, correction.Release);
                CheckAudience(check, correction.Audience);
                check.Required("reason", correction.Reason, Release.TextMax);
                break;
            case WithdrawRelease withdrawal:
                CheckNumber(check, withdrawal.Release);
                check.Required("reason", withdrawal.Reason, Release.TextMax)
                    .Optional("reasonEn", withdrawal.ReasonEn, Release.TextMax);
                break;
            case ApproveRelease approval:
                CheckNumber(check, approval.Release);
                check.Required("approvedBy", approval.ApprovedBy);
                break;
            case PublishRelease publication:
                CheckNumber(check, publication.Release);
                break;
        }

        return check;
    }

    private void CheckNumber(Validator check, int number)
    {
        if (ReleaseNumbered(number) is null)
        {
            check.Add("release", State.Releases.Count == 0
                ? ReleaseTexts.NoReleases.With(("number", number))
                : ReleaseTexts.NoSuchRelease.With(("number", number), ("count", State.Releases.Count)));
        }
    }

    private static void CheckAudience(Validator check, ReleaseAudience? audience)
    {
        if (audience is { } given)
        {
            check.Defined("audience", given);
        }
    }

    /// <summary>Why the release a move names does not allow it, or null when it does.</summary>
    private Message? WhyNotRelease(ReleaseCommand command)
    {
        if (command is DraftRelease)
        {
            return null;
        }

        var number = NumberOf(command);
        if (ReleaseNumbered(number) is not { } release)
        {
            return State.Releases.Count == 0
                ? ReleaseTexts.NoReleases.With(("number", number))
                : ReleaseTexts.NoSuchRelease.With(("number", number), ("count", State.Releases.Count));
        }

        return command switch
        {
            ApproveRelease when ReleaseLifecycle.Allows(release, ReleaseLifecycle.Step.Approve) => null,
            ApproveRelease when release.Status == ReleaseStatus.Approved => ReleaseTexts.AlreadyApproved.With(("number", number), ("approvedBy", release.ApprovedBy ?? "")),
            ApproveRelease or PublishRelease when release.PublishedAt is { } at => ReleaseTexts.AlreadyPublished.With(("number", number), ("at", at)),
            PublishRelease when !ReleaseLifecycle.Allows(release, ReleaseLifecycle.Step.Publish) => ReleaseTexts.NotApproved.With(("number", number)),
            PublishRelease when release.Replaces is { } replaces && ReleaseNumbered(replaces) is { } target && !Stands(target) =>
                ReleaseTexts.TargetReplaced.With(("number", number), ("replaces", replaces), ("status", Arg.Of(target.Status)), ("by", target.ReplacedBy ?? 0)),
            PublishRelease => null,
            _ when release.Kind == ReleaseKind.Withdrawal && release.IsPublished => ReleaseTexts.WithdrawalIsFinal.With(("number", number)),
            _ when !release.IsPublished => ReleaseTexts.NotPublished.With(("number", number), ("status", Arg.Of(release.Status))),
            _ when !Stands(release) => ReleaseTexts.Replaced.With(("number", number), ("status", Arg.Of(release.Status)), ("by", release.ReplacedBy ?? 0)),
            _ => null,
        };
    }

    /// <summary>Whether a published release still speaks for the department: neither superseded nor withdrawn.</summary>
    private static bool Stands(Release release) =>
        ReleaseLifecycle.Allows(release, ReleaseLifecycle.Step.Supersede) || release.Kind == ReleaseKind.Withdrawal && release.Status == ReleaseStatus.Published;

    private void ApplyDraft(ReleaseCommand command, Actor actor, DateTimeOffset now)
    {
        var (kind, replaces, audience) = command switch
        {
            DraftRelease draft => (ReleaseKind.Alert, (int?)null, (ReleaseAudience?)draft.Audience),
            UpdateRelease update => (ReleaseKind.Update, update.Release, update.Audience),
            CorrectRelease correction => (ReleaseKind.Correction, correction.Release, correction.Audience),
            _ => (ReleaseKind.Withdrawal, NumberOf(command), null),
        };
        var target = replaces is { } n ? ReleaseNumbered(n) : null;
        var release = new Release
        {
            Number = State.Releases.Count + 1,
            Kind = kind,
            Audience = audience ?? target!.Audience,
            Status = ReleaseStatus.Draft,
            Replaces = replaces,
            DraftedAt = now,
            DraftedBy = actor.ToString(),
        };
        if (command is ReleaseWording words)
        {
            release.Headline = words.Headline.Trim();
            release.Text = words.Text.Trim();
            release.HeadlineEn = Trimmed(words.HeadlineEn);
            release.TextEn = Trimmed(words.TextEn);
            release.Reason = command is CorrectRelease correction ? correction.Reason.Trim() : null;
        }
        else if (command is WithdrawRelease withdrawal)
        {
            // A withdrawal is said under the headline of what it withdraws; its text is the reason.
            release.Headline = target!.Headline;
            release.HeadlineEn = Trimmed(withdrawal.ReasonEn) is null ? null : target.HeadlineEn;
            release.Text = withdrawal.Reason.Trim();
            release.TextEn = release.HeadlineEn is null ? null : Trimmed(withdrawal.ReasonEn);
            release.Reason = release.Text;
        }

        State.Releases.Add(release);
        var drafted = replaces is { } of
            ? ReleaseTexts.DraftedOf.With(("number", release.Number), ("kind", Arg.Of(kind)), ("audience", Arg.Of(release.Audience)), ("headline", release.Headline), ("replaces", of))
            : ReleaseTexts.Drafted.With(("number", release.Number), ("kind", Arg.Of(kind)), ("audience", Arg.Of(release.Audience)), ("headline", release.Headline));
        Append(now, now, actor, TimelineKind.ReleaseDrafted, drafted);
    }

    private void ApplyApproval(ApproveRelease command, Actor actor, DateTimeOffset now)
    {
        var release = ReleaseNumbered(command.Release)!;
        new ReleaseLifecycle(release).Fire(ReleaseLifecycle.Step.Approve);
        release.ApprovedBy = command.ApprovedBy.Trim();
        release.ApprovedAt = now;
        release.ApprovalRecordedBy = actor.ToString();
        Append(now, now, actor, TimelineKind.ReleaseApproved, ReleaseTexts.Approved.With(("number", release.Number), ("approvedBy", release.ApprovedBy)));
    }

    private void ApplyPublication(PublishRelease command, Actor actor, DateTimeOffset now)
    {
        var release = ReleaseNumbered(command.Release)!;
        new ReleaseLifecycle(release).Fire(ReleaseLifecycle.Step.Publish);
        release.PublishedAt = now;
        release.PublishedBy = actor.ToString();
        release.Level = State.Grade?.Level ?? State.InitialLevel;
        release.Phase = State.Phase;
        release.Reaches = AffectedReaches();
        Message text;
        if (release.Replaces is { } replaces && ReleaseNumbered(replaces) is { } target)
        {
            new ReleaseLifecycle(target).Fire(release.Kind == ReleaseKind.Withdrawal ? ReleaseLifecycle.Step.Withdraw : ReleaseLifecycle.Step.Supersede);
            target.ReplacedBy = release.Number;
            text = ReleaseTexts.PublishedReplacing.With(
                ("number", release.Number), ("kind", Arg.Of(release.Kind)), ("headline", release.Headline), ("approvedBy", release.ApprovedBy ?? ""),
                ("replaces", replaces), ("status", Arg.Of(target.Status)));
        }
        else
        {
            text = ReleaseTexts.Published.With(("number", release.Number), ("kind", Arg.Of(release.Kind)), ("headline", release.Headline), ("approvedBy", release.ApprovedBy ?? ""));
        }

        Append(now, now, actor, TimelineKind.ReleasePublished, text);

        // A withdrawal tells the public nothing about the incident: it does not release information.
        if (release.Kind == ReleaseKind.Withdrawal)
        {
            return;
        }

        foreach (var obligation in State.Obligations.Where(o => o.Kind == ObligationKind.ReleaseInformation && !o.IsCompleted).ToList())
        {
            Complete(obligation, now, now, actor, ReleaseTexts.ByRelease.With(("number", release.Number)));
        }
    }

    /// <summary>One probe per release for the moves that name one ("publishRelease(2)"); drafting is one move.</summary>
    private IEnumerable<(IncidentCommand Command, string Word)> ReleaseProbes(ReleaseCommand probe, string word) => probe is DraftRelease
        ? [(probe, word)]
        : State.Releases.Select(r => ((IncidentCommand)(probe switch
        {
            UpdateRelease update => update with { Release = r.Number },
            CorrectRelease correction => correction with { Release = r.Number },
            WithdrawRelease withdrawal => withdrawal with { Release = r.Number },
            ApproveRelease approval => approval with { Release = r.Number },
            PublishRelease publication => publication with { Release = r.Number },
            _ => probe,
        }), $"{word}({r.Number})"));

    private static Message DescribeRelease(ReleaseCommand command) => command switch
    {
        UpdateRelease update => ReleaseTexts.MoveUpdate.With(("number", update.Release)),
        CorrectRelease correction => ReleaseTexts.MoveCorrect.With(("number", correction.Release)),
        WithdrawRelease withdrawal => ReleaseTexts.MoveWithdraw.With(("number", withdrawal.Release)),
        ApproveRelease approval => ReleaseTexts.MoveApprove.With(("number", approval.Release)),
        PublishRelease publication => ReleaseTexts.MovePublish.With(("number", publication.Release)),
        _ => ReleaseTexts.MoveDraft,
    };

    /// <summary>Why an obligation is not completed by hand: a report or a published release completes it.</summary>
    private static int NumberOf(ReleaseCommand command) => command switch
    {
        UpdateRelease update => update.Release,
        CorrectRelease correction => correction.Release,
        WithdrawRelease withdrawal => withdrawal.Release,
        ApproveRelease approval => approval.Release,
        PublishRelease publication => publication.Release,
        _ => 0,
    };

    private Release? ReleaseNumbered(int number) => State.Releases.FirstOrDefault(r => r.Number == number);

    private static bool Blank(string? text) => string.IsNullOrWhiteSpace(text);

    private static string? Trimmed(string? text) => Blank(text) ? null : text!.Trim();

    /// <summary>The reaches from the recorded spill's down to the end of the river data, in the order the water passes them; none without a spill.</summary>
    private List<string> AffectedReaches() =>
        State.Downstream is { } downstream && _rivers.FindReach(downstream.Spill.Reach) is { } found
            ? [.. found.System.Downstream(found.Reach).Select(r => r.Id)]
            : [];
}
