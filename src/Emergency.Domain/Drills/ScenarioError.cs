using Emergency.Domain.Messages;

namespace Emergency.Domain.Drills;

/// <summary>One reason a scenario file is refused, at a place in the file (line and column count from 1).</summary>
public sealed record ScenarioError(string File, int Line, int Column, Message Reason)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Reason}";
}

/// <summary>A scenario file that cannot run: every problem found, each with its place in the file.</summary>
public sealed class ScenarioException(IReadOnlyList<ScenarioError> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<ScenarioError> Errors { get; } = errors;

    public ScenarioException(ScenarioError error)
        : this([error])
    {
    }
}

/// <summary>A place in a scenario file.</summary>
public readonly record struct Position(int Line, int Column)
{
    public override string ToString() => $"line {Line}";
}
