using System.Text.Json.Serialization;
using Emergency.Domain.Cases;
using Emergency.Domain.Enforcement;
using Emergency.Domain.Messages;

namespace Emergency.Domain.Decisions;

/// <summary>A major decision as its decision makers and assessors see it at one moment.</summary>
public sealed record MajorDecisionView : TimelineView<MajorDecisionView, MajorDecisionTimelineKind>
{
    public required string Id { get; init; }

    public required string Scope { get; init; }

    public required string Title { get; init; }

    public required string Region { get; init; }

    public required MajorDecisionKind Kind { get; init; }

    public required string Proposal { get; init; }

    public string? Description { get; init; }

    public required MajorDecisionStage Stage { get; init; }

    public required DateTimeOffset DraftedAt { get; init; }

    public required string DraftedBy { get; init; }

    public DateTimeOffset? SubmittedAt { get; init; }

    public string? SubmittedBy { get; init; }

    public string? RuleSetId { get; init; }

    /// <summary>The latest rating of the current assessment, if any.</summary>
    public RiskLevel? RiskLevel { get; init; }

    public CommentPeriodView? PublicComment { get; init; }

    /// <summary>
    /// Everything counted as views heard on the current proposal, with public opinion (complaints, early warnings)
    /// whatever its date: what the assessors must weigh.
    /// </summary>
    public required IReadOnlyList<ViewHeard> ViewsHeard { get; init; }

    /// <summary>Each dimension the rule set asks for, with its question and the findings so far.</summary>
    public required IReadOnlyList<DimensionView> Analysis { get; init; }

    public AssessmentRound? Assessment { get; init; }

    /// <summary>Assessments closed by a change to the proposal, oldest first.</summary>
    public required IReadOnlyList<AssessmentRound> PastAssessments { get; init; }

    public required IReadOnlyList<PublicOpinionLink> PublicOpinion { get; init; }

    public required IReadOnlyList<ProposalChange> ProposalChanges { get; init; }

    public required IReadOnlyList<CollectiveDecision> CollectiveDecisions { get; init; }

    public required IReadOnlyList<RegionalRestriction> RestrictionsInForce { get; init; }

    /// <summary>What keeps the matter from moving on now.</summary>
    public required IReadOnlyList<MajorDecisionBlocker> BlockedBy { get; init; }

    public required IReadOnlyList<string> AllowedMoves { get; init; }

    public required long Version { get; init; }

    /// <summary>The moment the view was computed for.</summary>
    public required DateTimeOffset AsOf { get; init; }
}

/// <summary>Something that keeps a matter from moving on, and of which kind, so the board can tell them apart.</summary>
public sealed record MajorDecisionBlocker(BlockerKind Kind, Message Text);

public enum BlockerKind
{
    /// <summary>The next step of the procedure has not been taken: someone must act.</summary>
    Procedure,

    /// <summary>The public comment period has not run its minimum yet: nobody can shorten it.</summary>
    CommentPeriod,

    /// <summary>The risk level forbids approval (high, or medium for an investment project) or asks for mitigation first.</summary>
    Risk,

    /// <summary>A regional approval restriction (区域限批) on the region blocks approval while it stands.</summary>
    RegionalRestriction,
}

/// <summary>The public comment period counted against "now".</summary>
public sealed record CommentPeriodView
{
    public required DateTimeOffset OpenedAt { get; init; }

    public required string Channel { get; init; }

    public required TimeSpan MinimumPeriod { get; init; }

    public required DateTimeOffset MayCloseAt { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    public int? CommentsReceived { get; init; }

    public required bool IsOpen { get; init; }

    /// <summary>For an open period before its minimum has run: the time left, as of the view.</summary>
    public TimeSpan? Remaining { get; init; }
}

/// <summary>One way views were heard: a comment period, a questionnaire, visits, a hearing, or attached public opinion.</summary>
public sealed record ViewHeard
{
    /// <summary>Set for the views heard by the assessment itself.</summary>
    public ViewMethod? Method { get; init; }

    /// <summary>Set for complaints and early warnings attached to the matter.</summary>
    public PublicOpinionKind? PublicOpinion { get; init; }

    public required Message Title { get; init; }

    public required DateTimeOffset From { get; init; }

    /// <summary>Null while a comment period is open.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Comments received, people heard, or complaints.</summary>
    public int? Count { get; init; }

    public int? Opposed { get; init; }

    public string? Summary { get; init; }
}

public sealed record DimensionView
{
    public required AnalysisDimension Dimension { get; init; }

    public required Message Title { get; init; }

    public required Message Question { get; init; }

    public required string Source { get; init; }

    public string? Findings { get; init; }

    public DateTimeOffset? At { get; init; }

    public string? By { get; init; }
}

/// <summary>One line of the board's decisions lane: where each review stands and what blocks it.</summary>
public sealed record MajorDecisionSummary : ICaseSummary
{
    public required string Id { get; init; }

    public required string Scope { get; init; }

    public required string Title { get; init; }

    public required string Region { get; init; }

    public required MajorDecisionKind Kind { get; init; }

    public required MajorDecisionStage Stage { get; init; }

    public RiskLevel? RiskLevel { get; init; }

    /// <summary>The number of the current assessment (above 1 once a change to the proposal reopened it).</summary>
    public required int Round { get; init; }

    /// <summary>For an open comment period: when it may close.</summary>
    public DateTimeOffset? CommentMayCloseAt { get; init; }

    /// <summary>The latest collective decision, if any (postpone included).</summary>
    public CollectiveDecisionOutcome? Outcome { get; init; }

    public required IReadOnlyList<MajorDecisionBlocker> BlockedBy { get; init; }

    public required long Version { get; init; }

    public required DateTimeOffset AsOf { get; init; }

    /// <summary>A decided matter leaves the list of open ones (derived, not sent).</summary>
    [JsonIgnore]
    public bool IsClosed => Stage == MajorDecisionStage.Decided;
}

/// <summary>
/// Views and summaries are detached snapshots: they share no mutable object with the state (lists are copied, the
/// rounds and the restrictions too), so a grain can hand them out by reference and go on changing its state.
/// </summary>
public static class MajorDecisionViews
{
    public static MajorDecisionView View(this MajorDecision decision, DateTimeOffset now)
    {
        var s = decision.State;
        var round = s.Round;
        var rules = decision.Rules;
        return new MajorDecisionView
        {
            Id = s.Id,
            Scope = s.Scope,
            Title = s.Title,
            Region = s.Region,
            Kind = s.Kind,
            Proposal = s.Proposal,
            Description = s.Description,
            Stage = s.Stage,
            DraftedAt = s.DraftedAt,
            DraftedBy = s.DraftedBy,
            SubmittedAt = s.SubmittedAt,
            SubmittedBy = s.SubmittedBy,
            RuleSetId = rules?.Id,
            RiskLevel = round?.Rating?.Level,
            PublicComment = round?.PublicComment is { } comment ? Of(comment, now) : null,
            ViewsHeard = ViewsHeard(s),
            Analysis = rules is null ? [] : [.. rules.Dimensions.Select(d => Of(d.Key, d.Value, round, rules))],
            Assessment = round?.Snapshot(),
            PastAssessments = [.. s.Rounds.Take(Math.Max(0, s.Rounds.Count - 1)).Select(r => r.Snapshot())],
            PublicOpinion = [.. s.PublicOpinion.Select(p => p with { Ids = [.. p.Ids] })],
            ProposalChanges = [.. s.ProposalChanges],
            CollectiveDecisions = [.. s.CollectiveDecisions],
            RestrictionsInForce = [.. decision.RestrictionsInForce(now).Select(r => r.Snapshot())],
            BlockedBy = decision.Blockers(now),
            Timeline = [.. s.Timeline],
            AllowedMoves = decision.AllowedMoves(now),
            Version = s.Version,
            AsOf = now,
        };
    }

    public static MajorDecisionSummary Summary(this MajorDecision decision, DateTimeOffset now)
    {
        var s = decision.State;
        return new MajorDecisionSummary
        {
            Id = s.Id,
            Scope = s.Scope,
            Title = s.Title,
            Region = s.Region,
            Kind = s.Kind,
            Stage = s.Stage,
            RiskLevel = s.Round?.Rating?.Level,
            Round = s.Round?.Number ?? 0,
            CommentMayCloseAt = s.Round?.PublicComment is { IsOpen: true } open ? open.MayCloseAt : null,
            Outcome = s.CollectiveDecisions.Count == 0 ? null : s.CollectiveDecisions[^1].Outcome,
            BlockedBy = decision.Blockers(now),
            Version = s.Version,
            AsOf = now,
        };
    }

    private static CommentPeriodView Of(CommentPeriod comment, DateTimeOffset now) => new()
    {
        OpenedAt = comment.OpenedAt,
        Channel = comment.Channel,
        MinimumPeriod = comment.MinimumPeriod,
        MayCloseAt = comment.MayCloseAt,
        ClosedAt = comment.ClosedAt,
        CommentsReceived = comment.CommentsReceived,
        IsOpen = comment.IsOpen,
        Remaining = comment.IsOpen && now < comment.MayCloseAt ? comment.MayCloseAt - now : null,
    };

    private static DimensionView Of(AnalysisDimension dimension, DimensionRule rule, AssessmentRound? round, MajorDecisionRuleSet rules)
    {
        var finding = round?.Findings.FirstOrDefault(f => rules.DimensionFor(f.Dimension) == dimension);
        return new DimensionView
        {
            Dimension = dimension,
            Title = DecisionTexts.Named.With(("term", Arg.Of(dimension))),
            Question = Message.Literal(rule.Question),
            Source = rule.Source,
            Findings = finding?.Findings,
            At = finding?.At,
            By = finding?.By,
        };
    }

    private static IReadOnlyList<ViewHeard> ViewsHeard(MajorDecisionState s)
    {
        var heard = new List<ViewHeard>();
        if (s.Round?.PublicComment is { } comment)
        {
            heard.Add(new ViewHeard
            {
                Method = ViewMethod.PublicComment,
                Title = DecisionTexts.CommentOn.With(("channel", comment.Channel)),
                From = comment.OpenedAt,
                To = comment.ClosedAt,
                Count = comment.CommentsReceived,
                Summary = comment.Summary,
            });
        }

        heard.AddRange((s.Round?.Views ?? []).Select(v => new ViewHeard
        {
            Method = v.Method,
            Title = DecisionTexts.Named.With(("term", Arg.Of(v.Method))),
            From = v.From,
            To = v.To,
            Count = v.People,
            Opposed = v.Opposed,
            Summary = v.Summary,
        }));
        heard.AddRange(s.PublicOpinion.Select(p => new ViewHeard
        {
            PublicOpinion = p.Kind,
            Title = (p.Kind == PublicOpinionKind.Complaints ? DecisionTexts.ComplaintsTitle : DecisionTexts.WarningTitle).With(("ids", Arg.Of(p.Ids.Select(Arg.Of)))),
            From = p.From,
            To = p.To,
            Count = p.Count,
            Summary = p.Summary,
        }));
        return [.. heard.OrderBy(h => h.From)];
    }
}
