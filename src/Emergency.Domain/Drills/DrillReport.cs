using Emergency.Domain.Cases;
using Emergency.Domain.Incidents;
using Emergency.Domain.Messages;
using Emergency.Domain.Rules;

namespace Emergency.Domain.Drills;

/// <summary>
/// The after-action report of a drill. It names incidents and injects by their scenario names and gives
/// every moment on the drill's clock, never a run id, an engine id or a wall-clock time: the same file
/// run fast gives the same report, byte for byte.
/// </summary>
public sealed record DrillReport
{
    public required DrillReportScenario Scenario { get; init; }

    /// <summary>"fast" or "paced".</summary>
    public required string Mode { get; init; }

    public required DrillResult Result { get; init; }

    public required IReadOnlyList<ExpectationResult> Expectations { get; init; }

    public required IReadOnlyList<DrillIncidentReport> Incidents { get; init; }

    public required IReadOnlyList<DrillMessage> Messages { get; init; }

    /// <summary>Injects the procedure refused (say, monitoring before anyone was on scene): a lesson of the drill, not an error of the file.</summary>
    public required IReadOnlyList<RefusedInject> Refused { get; init; }

    /// <summary>How many complaints the drill registered (a surge counts each call).</summary>
    public int Complaints { get; init; }

    /// <summary>The early warnings the complaints raised, in the order they were raised.</summary>
    public IReadOnlyList<DrillWarningRecord> Warnings { get; init; } = [];

    /// <summary>The major decisions of the drill, in the order they were drafted.</summary>
    public IReadOnlyList<DrillDecisionReport> Decisions { get; init; } = [];
}

public sealed record DrillReportScenario
{
    public required string Title { get; init; }

    public string? Description { get; init; }

    public required string File { get; init; }

    public required string Sha256 { get; init; }

    public required string Region { get; init; }

    public required DateOnly RuleSetDate { get; init; }

    public required string RuleSet { get; init; }

    /// <summary>Set when the drill is a what-if: the rule set named to judge its incidents, whatever was in force at their discovery.</summary>
    public string? JudgedUnder { get; init; }

    public required DateTimeOffset Start { get; init; }

    public required DateTimeOffset End { get; init; }

    public required int Injects { get; init; }

    /// <summary>Injects sent by hand during a paced drill.</summary>
    public required int ManualInjects { get; init; }
}

public sealed record DrillResult
{
    /// <summary>Every expectation met.</summary>
    public required bool Passed { get; init; }

    public required int Met { get; init; }

    public required int Late { get; init; }

    public required int Missed { get; init; }
}

public enum ExpectationOutcome
{
    Met,

    /// <summary>Done, but after the moment expected; <see cref="ExpectationResult.By"/> says by how much.</summary>
    Late,

    Missed,
}

public sealed record ExpectationResult
{
    public required int Number { get; init; }

    public required string Kind { get; init; }

    public required string Description { get; init; }

    public string? Incident { get; init; }

    public required ExpectationOutcome Outcome { get; init; }

    /// <summary>The moment it had to be done by, when it has one.</summary>
    public DateTimeOffset? Expected { get; init; }

    /// <summary>The moment it was done, when it was.</summary>
    public DateTimeOffset? Actual { get; init; }

    /// <summary>How late, or by how much a limit was exceeded.</summary>
    public TimeSpan? By { get; init; }

    public required string Detail { get; init; }
}

public sealed record DrillIncidentReport
{
    public required string Name { get; init; }

    public required string Title { get; init; }

    public required string Region { get; init; }

    public required string RuleSet { get; init; }

    public required DateTimeOffset DiscoveredAt { get; init; }

    public required IncidentLevel Level { get; init; }

    public required IReadOnlyList<Message> GradeReasons { get; init; }

    public required IReadOnlyList<LevelAt> Levels { get; init; }

    public required IncidentPhase Phase { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    public required IReadOnlyList<ObligationOutcome> Obligations { get; init; }

    public required IReadOnlyList<DrillReportFiled> Reports { get; init; }

    /// <summary>Reports, claims and steps shown untrue during the drill (谎报/瞒报/漏报).</summary>
    public IReadOnlyList<DrillCorrection> Corrections { get; init; } = [];

    public required IReadOnlyList<DrillTimelineEntry> Timeline { get; init; }
}

/// <summary>The incident's level from a moment on.</summary>
public sealed record LevelAt(DateTimeOffset At, IncidentLevel Level);

/// <summary>One obligation's deadline against its completion, as of the end of the drill.</summary>
public sealed record ObligationOutcome
{
    public required string Id { get; init; }

    public required Message Title { get; init; }

    /// <summary>Since when the obligation stood (discovery, or the regrade that raised it).</summary>
    public required DateTimeOffset OpenedAt { get; init; }

    /// <summary>The deadline lateness is measured against: the first that passed, else the current one.</summary>
    public required DateTimeOffset Deadline { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public required ObligationStatus Status { get; init; }

    public TimeSpan? LateBy { get; init; }

    /// <summary>For an obligation still open at the end: how far past its deadline.</summary>
    public TimeSpan? OverdueBy { get; init; }

    public required Message DeadlineBasis { get; init; }

    /// <summary>Who was told, for the notice to neighbouring areas.</summary>
    public string? Notified { get; init; }

    /// <summary>Completions shown untrue: they do not count, so the obligation was open again from then.</summary>
    public IReadOnlyList<DrillFalseCompletion> ShownFalse { get; init; } = [];
}

/// <summary>A completion shown untrue by the correction numbered <paramref name="Correction"/>, known at <paramref name="KnownAt"/>.</summary>
public sealed record DrillFalseCompletion(DateTimeOffset CompletedAt, int Correction, DateTimeOffset KnownAt);

/// <summary>A report, claim or step shown untrue: what it concerned (and when that was made), what was declared, what was real, when it was known.</summary>
public sealed record DrillCorrection(int Number, CorrectionKind Kind, string Concerns, DateTimeOffset ConcernsAt, string Declared, string Actual, DateTimeOffset KnownAt);

public sealed record DrillReportFiled(int Number, ReportKind Kind, ReportMedium Medium, IncidentLevel Level, DateTimeOffset At);

public sealed record DrillTimelineEntry(DateTimeOffset At, TimelineKind Kind, string Actor, Message Text);

public sealed record DrillMessage(DateTimeOffset At, string Offset, string? To, string Text);

/// <summary>
/// An inject the procedure refused, with the incident or the decision (and its step) it was for; a decision step's
/// refusal carries its <see cref="Decisions.DecisionRefusals"/> code, which a moveRefused expectation names.
/// </summary>
public sealed record RefusedInject(DateTimeOffset At, string Offset, int Line, string Kind, string? Incident, Message Reason, string? Decision = null, string? Action = null, string? Code = null);

/// <summary>Where one major decision of the drill ended: its stage, risk, rounds of assessment and collective decisions.</summary>
public sealed record DrillDecisionReport
{
    public required string Name { get; init; }

    public required string Title { get; init; }

    public required string Region { get; init; }

    public required string Stage { get; init; }

    public string? RiskLevel { get; init; }

    /// <summary>How many assessments were made (above 1 when a change to the proposal reopened it).</summary>
    public required int Rounds { get; init; }

    public required IReadOnlyList<DrillCollectiveDecision> Decided { get; init; }

    public required IReadOnlyList<Message> BlockedBy { get; init; }

    public required IReadOnlyList<DrillDecisionTimelineEntry> Timeline { get; init; }
}

public sealed record DrillDecisionTimelineEntry(DateTimeOffset At, string Kind, string Actor, Message Text);

public sealed record DrillCollectiveDecision(DateTimeOffset At, string Outcome, string RiskLevel, int Round);
