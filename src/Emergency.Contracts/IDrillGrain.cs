using System.Collections.Immutable;
using Emergency.Domain;
using Emergency.Domain.Drills;
using Orleans.Concurrency;
using Emergency.Domain.Messages;

namespace Emergency.Contracts;

/// <summary>
/// One drill run, keyed by its run id. It owns the drill's virtual clock and its ordered queue of injects,
/// and applies them by (virtual time, sequence) through the same incident grains as live work, in the
/// scope "drill-{run}".
/// </summary>
public interface IDrillGrain : IGrainWithStringKey
{
    /// <summary>Validates the scenario and starts the run; a bad file is refused with every problem, before anything runs.</summary>
    Task<DrillAnswer> Start(DrillStart start);

    /// <summary>Where the run stands, or null when no drill has this run id.</summary>
    Task<DrillStatus?> GetStatus();

    /// <summary>Paced runs only: stops the virtual clock.</summary>
    Task<DrillAnswer> Pause();

    /// <summary>Paced runs only: lets the virtual clock run again from where it stopped.</summary>
    Task<DrillAnswer> Resume();

    /// <summary>Paced runs only: moves the virtual clock forward to an offset from the start, applying everything due on the way.</summary>
    Task<DrillAnswer> JumpTo(TimeSpan offset);

    /// <summary>Paced runs only: an inject sent by hand (same shape as in a scenario file), now or at a later offset.</summary>
    Task<DrillAnswer> Inject(string text, Actor actor);

    /// <summary>The report as JSON once the run has finished, else null.</summary>
    Task<string?> GetReport();

    /// <summary>Stops the run and deletes its incidents and itself; returns how many incidents were purged.</summary>
    Task<int> Purge();

    /// <summary>Moves the run on: the next batch of a fast run, or a tick of a paced run's clock.</summary>
    [OneWay]
    Task Pump();
}

public enum DrillMode
{
    /// <summary>As fast as possible: deterministic, the report byte for byte the same run after run.</summary>
    Fast,

    /// <summary>On a clock running at a multiple of real time, with pause, resume, jump-to and injects by hand.</summary>
    Paced,
}

public enum DrillPhase
{
    Running,
    Paused,
    Finished,
    Failed,
}

[GenerateSerializer]
public sealed record DrillStart
{
    /// <summary>The scenario file's text.</summary>
    [Id(0)]
    public required string Text { get; init; }

    /// <summary>The file's name, for the places in error messages and the report.</summary>
    [Id(1)]
    public required string File { get; init; }

    [Id(2)]
    public required DrillMode Mode { get; init; }

    /// <summary>Virtual seconds per real second in a paced run (60: an hour of the drill per minute).</summary>
    [Id(3)]
    public double Speed { get; init; } = 1;

    [Id(4)]
    public required Actor StartedBy { get; init; }
}

/// <summary>The answer to a command of the drill: done, or why not, with the run's status.</summary>
[GenerateSerializer]
public sealed record DrillAnswer
{
    [Id(0)]
    public required DrillOutcome Outcome { get; init; }

    /// <summary>Why, as the engine says it: rendered in the reader's language at the edge.</summary>
    [Id(1)]
    public Message? Reason { get; init; }

    /// <summary>Problems of a scenario file or a manual inject, each with its place.</summary>
    [Id(2)]
    public IReadOnlyList<ScenarioError> Errors { get; init; } = [];

    [Id(3)]
    public DrillStatus? Status { get; init; }

    public static DrillAnswer Ok(DrillStatus status, Message? reason = null) => new() { Outcome = DrillOutcome.Done, Status = status, Reason = reason };

    public static DrillAnswer Invalid(IReadOnlyList<ScenarioError> errors) =>
        new() { Outcome = DrillOutcome.Invalid, Errors = errors, Reason = DrillTexts.InvalidScenario.With(("count", errors.Count)) };

    public static DrillAnswer NotAllowed(Message reason, DrillStatus? status) => new() { Outcome = DrillOutcome.NotAllowed, Reason = reason, Status = status };

    public static DrillAnswer NotFound { get; } = new() { Outcome = DrillOutcome.NotFound, Reason = DrillTexts.NoSuchRun };
}

public enum DrillOutcome
{
    Done,

    /// <summary>The scenario or inject is malformed (HTTP 400, with file, line and column).</summary>
    Invalid,

    /// <summary>Well formed, but not possible now: a fast run cannot be paused, a finished one takes no injects (HTTP 409).</summary>
    NotAllowed,

    NotFound,

    /// <summary>The inject was applied, and the engine refused it (the procedure's answer is in the reason).</summary>
    Refused,
}

/// <summary>Where a drill run stands: its virtual clock, how far it got, and the latest messages to the players.</summary>
[GenerateSerializer]
public sealed record DrillStatus
{
    [Id(0)]
    public required string Run { get; init; }

    [Id(1)]
    public required string Scope { get; init; }

    [Id(2)]
    public required string Title { get; init; }

    [Id(3)]
    public required DrillMode Mode { get; init; }

    [Id(4)]
    public required double Speed { get; init; }

    [Id(5)]
    public required DrillPhase Phase { get; init; }

    [Id(6)]
    public required DateTimeOffset Start { get; init; }

    [Id(7)]
    public required DateTimeOffset End { get; init; }

    /// <summary>Now on the drill's clock.</summary>
    [Id(8)]
    public required DateTimeOffset VirtualNow { get; init; }

    /// <summary>Now on the drill's clock as an offset from the start ("+5d3h20m").</summary>
    [Id(9)]
    public required string Offset { get; init; }

    /// <summary>How far the drill's clock has come from start to end, 0–100.</summary>
    [Id(10)]
    public required int Percent { get; init; }

    [Id(11)]
    public required int InjectsApplied { get; init; }

    [Id(12)]
    public required int InjectsTotal { get; init; }

    [Id(13)]
    public required int Refused { get; init; }

    /// <summary>The latest messages to the players, newest last.</summary>
    [Id(14)]
    public required IReadOnlyList<DrillMessage> Messages { get; init; }

    /// <summary>Once finished: how the expectations came out.</summary>
    [Id(15)]
    public DrillResult? Result { get; init; }

    /// <summary>Why the run stopped, when it failed.</summary>
    [Id(16)]
    public string? Failure { get; init; }

    /// <summary>The drill's incidents, by their scenario name: the incident id each has (a board names them in a manual inject).</summary>
    [Id(17)]
    public IReadOnlyDictionary<string, string> Incidents { get; init; } = ImmutableDictionary<string, string>.Empty;
}
