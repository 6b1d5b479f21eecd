using Emergency.Domain.Messages;

namespace Emergency.Domain;

/// <summary>
/// The answer of the domain to a command: accepted, or refused with the reason and the moves that are
/// possible now. A refused command changes nothing.
/// </summary>
public sealed record Decision
{
    public static readonly Decision Accepted = new() { Outcome = DecisionOutcome.Accepted };

    public required DecisionOutcome Outcome { get; init; }

    /// <summary>Why, as a message the edges render in the reader's language; its code is the stable code of the reason.</summary>
    public Message? Reason { get; init; }

    public IReadOnlyList<FieldError> Errors { get; init; } = [];

    public IReadOnlyList<string> AllowedMoves { get; init; } = [];

    public bool IsAccepted => Outcome == DecisionOutcome.Accepted;

    public static Decision Invalid(IReadOnlyList<FieldError> errors) => new()
    {
        Outcome = DecisionOutcome.Invalid,
        Reason = CommonTexts.InvalidFields.With(("errors", Arg.Of(errors.Select(e => Arg.Of(CommonTexts.FieldError.With(("field", e.Field), ("problem", e.Message))))))),
        Errors = errors,
    };

    public static Decision NotAllowed(Message reason, IReadOnlyList<string> allowedMoves) => new()
    {
        Outcome = DecisionOutcome.NotAllowed,
        Reason = reason,
        AllowedMoves = allowedMoves,
    };

    /// <summary>The user may not act on this case at all: it lies outside their jurisdiction.</summary>
    public static Decision Forbidden(Message reason) => new()
    {
        Outcome = DecisionOutcome.Forbidden,
        Reason = reason,
    };
}

public enum DecisionOutcome
{
    Accepted,

    /// <summary>The command itself is malformed (maps to HTTP 400).</summary>
    Invalid,

    /// <summary>The command is well formed but the procedure does not allow it now (maps to HTTP 409).</summary>
    NotAllowed,

    /// <summary>The case lies outside the user's jurisdiction (maps to HTTP 403).</summary>
    Forbidden,
}
