using System.Text.Json.Serialization;
using Emergency.Domain.Messages;

namespace Emergency.Domain.Decisions;

/// <summary>
/// One assessment of the proposal as it stood. A change to the proposal after views were heard closes the round
/// and opens the next, so the history keeps what was heard, found and concluded on each version.
/// </summary>
public sealed class AssessmentRound
{
    public int Number { get; set; }

    public DateTimeOffset OpenedAt { get; set; }

    /// <summary>"first assessment", or the change to the proposal that reopened it.</summary>
    public Message OpenedBecause { get; set; } = Message.Literal("");

    /// <summary>评估主体 — the unit that carries out the assessment.</summary>
    public string AssessedBy { get; set; } = "";

    /// <summary>评估方案 — the plan: scope, people to hear, schedule.</summary>
    public string Plan { get; set; } = "";

    public List<ViewMethod> PlannedMethods { get; set; } = [];

    public CommentPeriod? PublicComment { get; set; }

    /// <summary>Questionnaires, visits and hearings, each with its dates and counts.</summary>
    public List<ViewRecord> Views { get; set; } = [];

    public DateTimeOffset? ViewsHeardAt { get; set; }

    public List<DimensionFinding> Findings { get; set; } = [];

    /// <summary>Every rating, oldest first: a medium rating is followed by measures and a re-rating.</summary>
    public List<RiskRating> Ratings { get; set; } = [];

    public List<MitigationMeasure> Mitigation { get; set; } = [];

    public List<AssessmentReport> Reports { get; set; } = [];

    public List<PreliminaryReview> Reviews { get; set; } = [];

    public DateTimeOffset? ClosedAt { get; set; }

    public Message? ClosedBecause { get; set; }

    /// <summary>The latest rating (derived, not stored).</summary>
    [JsonIgnore]
    public RiskRating? Rating => Ratings.Count == 0 ? null : Ratings[^1];

    /// <summary>The latest report (derived, not stored).</summary>
    [JsonIgnore]
    public AssessmentReport? Report => Reports.Count == 0 ? null : Reports[^1];

    /// <summary>The latest review of the latest report by one office.</summary>
    public PreliminaryReview? ReviewBy(ReviewOffice office) =>
        Report is { } report ? Reviews.LastOrDefault(r => r.Office == office && r.ReportNumber == report.Number) : null;

    /// <summary>Both offices agreed to the latest report (derived, not stored).</summary>
    [JsonIgnore]
    public bool BothOfficesAgreed =>
        ReviewBy(ReviewOffice.StabilityOffice)?.Verdict == ReviewVerdict.Agreed && ReviewBy(ReviewOffice.LegalOffice)?.Verdict == ReviewVerdict.Agreed;

    /// <summary>A copy that shares nothing mutable with this round, for a view: the round goes on changing in the state.</summary>
    public AssessmentRound Snapshot()
    {
        var copy = (AssessmentRound)MemberwiseClone();
        copy.PlannedMethods = [.. PlannedMethods];
        copy.PublicComment = PublicComment?.Snapshot();
        copy.Views = [.. Views];
        copy.Findings = [.. Findings];
        copy.Ratings = [.. Ratings.Select(r => r with { Reasons = [.. r.Reasons] })];
        copy.Mitigation = [.. Mitigation];
        copy.Reports = [.. Reports];
        copy.Reviews = [.. Reviews];
        return copy;
    }
}

/// <summary>The public comment period (公开征求意见) of one round.</summary>
public sealed class CommentPeriod
{
    /// <summary>When the proposal was published for comment, as stated by the person who recorded it.</summary>
    public DateTimeOffset OpenedAt { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public string OpenedBy { get; set; } = "";

    /// <summary>Where the proposal was published (the department's website, a newspaper, a notice board).</summary>
    public string Channel { get; set; } = "";

    /// <summary>The minimum of the rule set in force; closing at <see cref="MayCloseAt"/> is in time.</summary>
    public TimeSpan MinimumPeriod { get; set; }

    public DateTimeOffset MayCloseAt { get; set; }

    /// <summary>Set once the engine has marked, at <see cref="MayCloseAt"/>, that the minimum has run.</summary>
    public DateTimeOffset? MinimumRunAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public string? ClosedBy { get; set; }

    public int? CommentsReceived { get; set; }

    public string? Summary { get; set; }

    /// <summary>Set when a change to the proposal ended the period: comments on the old proposal do not count for the new one.</summary>
    public DateTimeOffset? SupersededAt { get; set; }

    /// <summary>Neither closed nor superseded (derived, not stored).</summary>
    [JsonIgnore]
    public bool IsOpen => ClosedAt is null && SupersededAt is null;

    /// <summary>A copy, for a view: the period goes on changing in the state.</summary>
    public CommentPeriod Snapshot() => (CommentPeriod)MemberwiseClone();
}

/// <summary>Views heard by questionnaire, visits or a hearing.</summary>
public sealed record ViewRecord
{
    public required int Number { get; init; }

    public required ViewMethod Method { get; init; }

    public required DateTimeOffset From { get; init; }

    public required DateTimeOffset To { get; init; }

    /// <summary>Questionnaires returned, people visited, or hearing participants.</summary>
    public required int People { get; init; }

    /// <summary>How many of them objected, when counted.</summary>
    public int? Opposed { get; init; }

    public required string Summary { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }

    public required string RecordedBy { get; init; }
}

/// <summary>What the assessors found on one dimension.</summary>
public sealed record DimensionFinding
{
    public required AnalysisDimension Dimension { get; init; }

    public required string Findings { get; init; }

    public required DateTimeOffset At { get; init; }

    public required string By { get; init; }
}

public sealed record RiskRating
{
    public required int Number { get; init; }

    public required RiskLevel Level { get; init; }

    public required IReadOnlyList<string> Reasons { get; init; }

    /// <summary>How many mitigation measures were on record when the risk was rated.</summary>
    public required int MeasuresOnRecord { get; init; }

    public required DateTimeOffset At { get; init; }

    public required string By { get; init; }
}

/// <summary>A measure to prevent or defuse the risk (风险防范化解措施), and who carries it out.</summary>
public sealed record MitigationMeasure
{
    public required int Number { get; init; }

    public required string Measure { get; init; }

    public required string ResponsibleUnit { get; init; }

    /// <summary>The number of the rating the measure answers (the latest one when it was recorded).</summary>
    public required int AfterRating { get; init; }

    public required DateTimeOffset At { get; init; }

    public required string By { get; init; }
}

/// <summary>The assessment report (评估报告): conclusion at the current level, the measures on record and the emergency plan.</summary>
public sealed record AssessmentReport
{
    public required int Number { get; init; }

    public required RiskLevel RiskLevel { get; init; }

    /// <summary>The rating the report concludes on.</summary>
    public required int RatingNumber { get; init; }

    public required string Summary { get; init; }

    /// <summary>应急预案 — what is done if the risk materialises.</summary>
    public required string EmergencyPlan { get; init; }

    public required int MeasuresOnRecord { get; init; }

    public required DateTimeOffset At { get; init; }

    public required string By { get; init; }
}

/// <summary>A preliminary review (初审) of one report by one office.</summary>
public sealed record PreliminaryReview
{
    public required ReviewOffice Office { get; init; }

    public required ReviewVerdict Verdict { get; init; }

    public required string Comments { get; init; }

    public required int ReportNumber { get; init; }

    public required DateTimeOffset At { get; init; }

    public required string By { get; init; }
}

/// <summary>The two offices whose preliminary review the report needs before the collective decision.</summary>
public enum ReviewOffice
{
    /// <summary>维稳办 — the office for maintaining stability.</summary>
    StabilityOffice,

    /// <summary>法制机构 — the legal office (its review covers legality, 合法性审查).</summary>
    LegalOffice,
}

public enum ReviewVerdict
{
    /// <summary>The report may go to the collective decision.</summary>
    Agreed,

    /// <summary>退回 — back to the assessors: the risk is rated again or the report rewritten.</summary>
    Returned,
}

public static class ReviewOffices
{
    public static readonly IReadOnlyList<ReviewOffice> All = Enum.GetValues<ReviewOffice>();

    public static string Title(this ReviewOffice office) => office switch
    {
        ReviewOffice.StabilityOffice => "the stability office (维稳办)",
        ReviewOffice.LegalOffice => "the legal office (法制机构)",
        _ => office.ToString(),
    };

    /// <summary>The name used in the API and the board.</summary>
    public static string Name(this ReviewOffice office) => office switch
    {
        ReviewOffice.StabilityOffice => "stabilityOffice",
        ReviewOffice.LegalOffice => "legalOffice",
        _ => office.ToString(),
    };
}
