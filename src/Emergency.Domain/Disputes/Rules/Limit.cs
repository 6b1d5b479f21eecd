using Emergency.Domain.Calendar;
using Emergency.Domain.Messages;

namespace Emergency.Domain.Disputes.Rules;

/// <summary>
/// One time limit (时限) of a procedure, in the unit its rule states it ("15 days", "5 working days", "3 months"),
/// counted by the rule set's <see cref="Counting"/>.
/// </summary>
public sealed record Limit
{
    public required int Length { get; init; }

    public required LimitUnit Unit { get; init; }

    /// <summary>"statute", "local rule", "local practice" or "this engine's reading".</summary>
    public required string Basis { get; init; }

    public required string Source { get; init; }

    /// <summary>How far the limit may be extended with a recorded approval; only the reply limit has one.</summary>
    public ExtensionRule? Extension { get; init; }

    /// <summary>The limit as a reader sees it: "15 days", "5 working days".</summary>
    public Message Describe() => CalendarTexts.Length(Length, Unit);

    /// <summary>For logs only.</summary>
    public override string ToString() => $"{Length} {Unit}";
}

/// <summary>An extension of a limit that needs a recorded approval (who approved, when, why).</summary>
public sealed record ExtensionRule
{
    /// <summary>The longest extension, in the unit of the limit it extends.</summary>
    public required int Length { get; init; }

    public required LimitUnit Unit { get; init; }

    /// <summary>How many extensions one case may have.</summary>
    public required int Times { get; init; }

    public required string Source { get; init; }
}
