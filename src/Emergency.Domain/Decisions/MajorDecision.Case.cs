using Emergency.Domain.Cases;

namespace Emergency.Domain.Decisions;

/// <summary>
/// A major decision as a case of the engine. Its moments that pass without anyone acting: the comment period running
/// its minimum (it may close from then on), and a regional approval restriction on its region coming into force or
/// being lifted. Each is marked once in the timeline, so the matter's version moves and every board sees the change.
/// </summary>
public sealed partial class MajorDecision : ICase
{
    string ICase.Id => State.Id;

    string ICase.Scope => State.Scope;

    long ICase.Version => State.Version;

    DateTimeOffset ICase.RegisteredAt => State.DraftedAt;

    /// <summary>The earliest close of an open comment period not marked yet. Restrictions arrive from outside and are no deadline.</summary>
    DateTimeOffset? ICase.NextDueAt => UnmarkedComment is { } comment ? comment.MayCloseAt : null;

    private CommentPeriod? UnmarkedComment => State.Round?.PublicComment is { IsOpen: true, MinimumRunAt: null } comment ? comment : null;

    /// <summary>The comment period's minimum run, and restrictions on the region that came or went.</summary>
    private protected override bool MarkDue(DateTimeOffset now) => MarkCommentMinimum(now) | NoteRestrictions(now);

    private bool MarkCommentMinimum(DateTimeOffset now)
    {
        if (UnmarkedComment is not { } comment || now < comment.MayCloseAt)
        {
            return false;
        }

        comment.MinimumRunAt = comment.MayCloseAt;
        Append(comment.MayCloseAt, now, Actor.System, MajorDecisionTimelineKind.CommentMinimumRun,
            DecisionTexts.CommentMinimumRun.With(("opened", comment.OpenedAt), ("minimum", comment.MinimumPeriod)));
        return true;
    }

    /// <summary>Notes each restriction on the region that came into force or stopped standing since the timeline last looked.</summary>
    private bool NoteRestrictions(DateTimeOffset now)
    {
        if (State.Stage == MajorDecisionStage.Decided)
        {
            return false;
        }

        var changed = false;
        var inForce = RestrictionsInForce(now);
        foreach (var restriction in inForce.Where(r => !State.RestrictionsNoted.Contains(r.Id)))
        {
            State.RestrictionsNoted.Add(restriction.Id);
            Append(now, now, Actor.System, MajorDecisionTimelineKind.RestrictionInForce, DecisionTexts.RestrictionNoted.With(("restriction", restriction.Describe()), ("id", restriction.Id)));
            changed = true;
        }

        foreach (var id in State.RestrictionsNoted.Where(id => inForce.All(r => r.Id != id)).ToList())
        {
            State.RestrictionsNoted.Remove(id);
            Append(now, now, Actor.System, MajorDecisionTimelineKind.RestrictionLifted, DecisionTexts.RestrictionGone.With(("id", id), ("region", State.Region)));
            changed = true;
        }

        return changed;
    }
}
