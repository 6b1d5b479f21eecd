using Emergency.Domain.Decisions;
using Emergency.Domain.Rules;

namespace Emergency.Domain.Drills;

/// <summary>
/// What a scenario expects of the response, and how it is scored: met, late (with by how much) or missed.
/// The kinds are few on purpose; each is documented in scenarios/README.md.
/// </summary>
public abstract record Expectation
{
    /// <summary>A name for the report; a description is made up when the file gives none.</summary>
    public string? Name { get; init; }

    public required Position Where { get; init; }

    /// <summary>The incident it is about, by scenario name; null for all incidents.</summary>
    public string? Incident { get; init; }

    /// <summary>The kind as written in scenario files.</summary>
    public abstract string Kind { get; }

    /// <summary>The latest moment (offset from the start) the drill must run to score it, if any.</summary>
    public virtual TimeSpan? Horizon => null;

    public abstract string Describe();
}

/// <summary><c>graded: {incident, level, by?}</c>: the incident is graded at <see cref="Level"/> by the offset (default: by the end).</summary>
public sealed record GradedExpectation : Expectation
{
    public const string KindName = "graded";

    public override string Kind => KindName;

    public required IncidentLevel Level { get; init; }

    public TimeSpan? By { get; init; }

    public override TimeSpan? Horizon => By;

    public override string Describe() => $"{Incident} graded {Level}{(By is { } by ? $" by {Offsets.Format(by)}" : "")}";
}

/// <summary><c>obligationOnTime: {incident, obligation}</c>: the obligation is done by its deadline (the first that passed counts).</summary>
public sealed record ObligationOnTimeExpectation : Expectation
{
    public const string KindName = "obligationOnTime";

    public override string Kind => KindName;

    /// <summary>The obligation's id in the engine: report, reachScene, …, levelChangeReport-1.</summary>
    public required string Obligation { get; init; }

    public override string Describe() => $"{Incident}: {Obligation} within its deadline";
}

/// <summary><c>closedBy: {incident, by}</c>: the incident is closed by the offset.</summary>
public sealed record ClosedByExpectation : Expectation
{
    public const string KindName = "closedBy";

    public override string Kind => KindName;

    public required TimeSpan By { get; init; }

    public override TimeSpan? Horizon => By;

    public override string Describe() => $"{Incident} closed by {Offsets.Format(By)}";
}

/// <summary><c>maxOverdue: {incident?, limit}</c>: no obligation (of the incident, or of any) is overdue by more than the limit.</summary>
public sealed record MaxOverdueExpectation : Expectation
{
    public const string KindName = "maxOverdue";

    public override string Kind => KindName;

    public required TimeSpan Limit { get; init; }

    public override string Describe() => $"{(Incident is null ? "no obligation of any incident" : $"no obligation of {Incident}")} overdue by more than {Durations.Describe(Limit)}";
}

/// <summary><c>warningRaised: {enterprise or place, by}</c>: the early warning about the subject is raised by the offset.</summary>
public sealed record WarningRaisedExpectation : Expectation
{
    public const string KindName = "warningRaised";

    public override string Kind => KindName;

    public string? Enterprise { get; init; }

    public string? Place { get; init; }

    public required TimeSpan By { get; init; }

    public override TimeSpan? Horizon => By;

    public override string Describe() => $"early warning about {Enterprise ?? Place} raised by {Offsets.Format(By)}";
}

/// <summary><c>decisionOutcome: {decision, outcome, by?}</c>: the collective decision on the matter is <see cref="Outcome"/> by the offset (default: the end).</summary>
public sealed record DecisionOutcomeExpectation : Expectation
{
    public const string KindName = "decisionOutcome";

    public override string Kind => KindName;

    public required string Decision { get; init; }

    public required CollectiveDecisionOutcome Outcome { get; init; }

    public TimeSpan? By { get; init; }

    public override TimeSpan? Horizon => By;

    public override string Describe() => $"{Decision}: decided {Outcome.Title()}{(By is { } by ? $" by {Offsets.Format(by)}" : "")}";
}

/// <summary>
/// <c>moveRefused: {decision, action, refusal}</c>: the procedure refused a step the scenario tried for the reason
/// <see cref="Refusal"/> names (approving a high risk, closing the comment period early): the guard held. Missed when
/// the step went through, was never tried, or was refused for another reason (the report says which).
/// </summary>
public sealed record MoveRefusedExpectation : Expectation
{
    public const string KindName = "moveRefused";

    public override string Kind => KindName;

    public required string Decision { get; init; }

    /// <summary>The move's name, as in the API's routes ("rateRisk").</summary>
    public required string Action { get; init; }

    /// <summary>The code of the refusal expected, one of <see cref="DecisionRefusals.All"/>.</summary>
    public required string Refusal { get; init; }

    public override string Describe() => $"{Decision}: {Action} refused by the procedure ({Refusal})";
}
