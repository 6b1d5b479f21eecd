using Emergency.Domain.Messages;

namespace Emergency.Domain.Decisions;

/// <summary>Why the procedure of a major decision refuses a move now, in the words of the procedure.</summary>
public sealed partial class MajorDecision
{
    private Message? WhyNotOpenComment() => State.Round?.PublicComment is { } comment
        ? DecisionTexts.CommentAlreadyOpened.With(
            ("at", comment.OpenedAt), ("channel", comment.Channel), ("closed", comment.ClosedAt is { } closed ? DecisionTexts.AndClosed.With(("at", closed)) : Nothing))
        : null;

    private Message? WhyNotCloseComment(DateTimeOffset at)
    {
        var comment = State.Round?.PublicComment;
        if (comment is null)
        {
            return DecisionTexts.CommentNotOpened;
        }

        if (comment.ClosedAt is { } closed)
        {
            return DecisionTexts.CommentAlreadyClosed.With(("at", closed));
        }

        if (at < comment.MayCloseAt)
        {
            return DecisionTexts.CommentPeriodTooShort.With(
                ("opened", comment.OpenedAt), ("minimum", comment.MinimumPeriod), ("source", Rules!.PublicComment.Source), ("mayClose", comment.MayCloseAt));
        }

        return null;
    }

    private Message? WhyNotFinishHearing(DateTimeOffset now)
    {
        var round = State.Round!;
        var rules = Rules!;
        if (round.PublicComment is { IsOpen: true } comment)
        {
            return DecisionTexts.CommentStillOpen.With(("why", now < comment.MayCloseAt
                ? DecisionTexts.CommentOpenUntil.With(("until", comment.MayCloseAt))
                : DecisionTexts.CloseCommentFirst.With(("since", comment.MayCloseAt))));
        }

        var missing = rules.RequiredMethods
            .Where(m => m == ViewMethod.PublicComment ? round.PublicComment is null : round.Views.All(v => v.Method != m))
            .ToList();
        return missing.Count > 0
            ? DecisionTexts.ViewsMissing.With(("methods", Terms(missing)), ("ruleSet", rules.Id), ("sources", Texts(missing.Select(m => rules.ViewMethods[m].Source))))
            : null;
    }

    private Message? WhyNotFinding(AnalysisDimension dimension) =>
        State.Round?.Findings.FirstOrDefault(f => Rules?.DimensionFor(f.Dimension) == dimension) is { } done
            ? DecisionTexts.DimensionAlreadyAnalysed.With(("dimension", Arg.Of(dimension)), ("at", done.At), ("by", done.By))
            : null;

    private Message RateAfterAnalysis() => State.Stage != MajorDecisionStage.ViewsHeard
        ? DecisionTexts.RateAfterAnalysis
        : DecisionTexts.RateAfterAnalysisLeft.With(("left", Terms(Rules!.Dimensions.Keys.Where(d => WhyNotFinding(d) is null))));

    private Message? WhyNotRate()
    {
        var rating = State.Round?.Rating;
        if (rating is null)
        {
            return null;
        }

        if (rating.Level == RiskLevel.High)
        {
            return DecisionTexts.HighRiskStands.With(("level", Arg.Of(RiskLevel.High)));
        }

        if (rating.Level == RiskLevel.Medium && Rules!.RiskLevels[RiskLevel.Medium].MitigateAndReRate && !State.Round!.Mitigation.Any(m => m.AfterRating == rating.Number))
        {
            return DecisionTexts.MitigationBeforeReRating.With(("level", Arg.Of(RiskLevel.Medium)));
        }

        return null;
    }

    private Message? WhyNotReport()
    {
        var round = State.Round!;
        var rating = round.Rating!;
        var rule = Rules!.RiskLevels[rating.Level];
        if (rule.MitigateAndReRate && !ReRatedAfterMitigation(round, rating))
        {
            var next = round.Mitigation.Any(m => m.AfterRating == rating.Number) ? DecisionTexts.ReRateWithMeasures : DecisionTexts.RecordMeasuresAndReRate;
            return DecisionTexts.MitigationNeeded.With(("why", next.With(("level", Arg.Of(rating.Level)))));
        }

        return round.Mitigation.Count == 0 ? DecisionTexts.MitigationNeeded.With(("why", DecisionTexts.ReportNeedsMeasures.With())) : null;
    }

    /// <summary>True when <paramref name="rating"/> came after an earlier medium rating and measures recorded in answer to it.</summary>
    private static bool ReRatedAfterMitigation(AssessmentRound round, RiskRating rating) =>
        round.Ratings.Any(m => m.Number < rating.Number && m.Level == RiskLevel.Medium
            && round.Mitigation.Any(x => x.AfterRating >= m.Number && x.AfterRating < rating.Number));

    private Message? WhyNotReview(ReviewOffice office) =>
        State.Round?.ReviewBy(office) is { } done
            ? DecisionTexts.AlreadyReviewed.With(("office", Arg.Of(office)), ("report", done.ReportNumber), ("at", done.At), ("verdict", Arg.Of(done.Verdict)))
            : null;

    private Message? WhyNotDecide(CollectiveDecisionOutcome outcome, DateTimeOffset now)
    {
        var level = State.Round!.Rating!.Level;
        var rules = Rules!;
        var rule = rules.RiskLevels[level];
        if (State.Stage == MajorDecisionStage.Postponed && outcome == CollectiveDecisionOutcome.Postpone)
        {
            return DecisionTexts.AlreadyPostponed.With(("since", State.CollectiveDecisions[^1].At));
        }

        // Checked before the rule set's list: whatever a rule file says, a high risk is never implemented.
        if (level == RiskLevel.High && outcome.Approves())
        {
            return DecisionTexts.HighRiskNotImplemented.With(("level", Arg.Of(level)), ("meaning", rule.Meaning));
        }

        if (!rule.Outcomes.Contains(outcome))
        {
            return DecisionTexts.OutcomeNotAllowedAtLevel.With(("level", Arg.Of(level)), ("outcomes", Terms(rule.Outcomes)), ("source", rule.Source));
        }

        if (outcome.Approves() && State.Kind == MajorDecisionKind.InvestmentProject && !rules.InvestmentProjects.ApprovableAt.Contains(level))
        {
            return DecisionTexts.InvestmentNotApprovable.With(("level", Arg.Of(level)), ("source", rules.InvestmentProjects.Source));
        }

        if (outcome.Approves() && RestrictionsInForce(now) is { Count: > 0 } restrictions)
        {
            return DecisionTexts.RestrictionInForce.With(("restrictions", Arg.Of(restrictions.Select(r => Arg.Of(r.Describe())))));
        }

        return null;
    }

    private Message NoRuleSetAt(DateTimeOffset now) => DecisionTexts.NoRuleSet.With(("at", now), ("earliest", _catalog.All[0].EffectiveFrom));
}
