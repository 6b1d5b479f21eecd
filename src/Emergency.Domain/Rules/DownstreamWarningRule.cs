using Emergency.Domain.Messages;
namespace Emergency.Domain.Rules;

/// <summary>
/// How long before the pollution is estimated to arrive a party downstream must be warned (下游预警): an intake's
/// operator, to switch source or treatment; a jurisdiction the river enters, to act in its turn. When less is left the
/// warning is due at once.
/// </summary>
public sealed record DownstreamWarningRule
{
    public required TimeSpan IntakeLeadTime { get; init; }

    public required TimeSpan BoundaryLeadTime { get; init; }

    /// <summary>"statute" when a regulation fixes it, "local practice" when it is a configurable default.</summary>
    public required LocalText Basis { get; init; }

    public required string Source { get; init; }

    internal void Check(Action<string, string> fail)
    {
        if (IntakeLeadTime < TimeSpan.Zero || BoundaryLeadTime < TimeSpan.Zero)
        {
            fail("deadlines.downstreamWarning", "lead times must be durations of zero or more such as \"PT12H\"");
        }

        if (string.IsNullOrWhiteSpace(Source))
        {
            fail("deadlines.downstreamWarning.source", "every deadline needs its source");
        }
    }
}
