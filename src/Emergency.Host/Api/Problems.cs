using Emergency.Contracts;
using Emergency.Domain;

namespace Emergency.Host.Api;

/// <summary>RFC 7807 problem details in words a duty officer understands.</summary>
public static class Problems
{
    public static IResult BadRequest(string detail, IReadOnlyList<FieldError> errors) =>
        Results.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: "The request is not valid",
            detail: detail,
            type: "urn:emergency:problem:invalid",
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            });

    public static IResult NotFound(string what) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: what, type: "urn:emergency:problem:not-found");

    public static IResult NotAllowed(Decision decision, long? version) =>
        Results.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: "The procedure does not allow this now",
            detail: decision.Reason,
            type: "urn:emergency:problem:not-allowed",
            extensions: new Dictionary<string, object?> { ["allowedMoves"] = decision.AllowedMoves, ["version"] = version });

    public static IResult CommandIdReused(Decision decision) =>
        Results.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: "The command id was already used",
            detail: decision.Reason,
            type: "urn:emergency:problem:command-id-reused");

    public static IResult PayloadTooLarge(long? length) =>
        Results.Problem(
            statusCode: StatusCodes.Status413PayloadTooLarge,
            title: "The request is too large",
            detail: $"the body{(length is { } l ? $" has {l} bytes; it" : "")} may have at most {JsonBody.MaxBytes} bytes",
            type: "urn:emergency:problem:too-large");

    public static IResult Unavailable(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The engine cannot take commands now", detail: detail, type: "urn:emergency:problem:unavailable");

    /// <summary>Maps a grain's answer to HTTP: the case on success, a problem otherwise.</summary>
    /// <param name="result">The grain's answer.</param>
    /// <param name="versionOf">The case's version, reported with a refusal so a client can tell whether it was acting on stale data.</param>
    /// <param name="noun">What kind of case, for "not found".</param>
    /// <param name="onSuccess">The answer on success.</param>
    public static IResult From<TView>(CommandResult<TView> result, Func<TView, long> versionOf, string noun, Func<CommandResult<TView>, IResult> onSuccess)
        where TView : class => result.Status switch
    {
        CommandStatus.Accepted or CommandStatus.Replayed => onSuccess(result),
        CommandStatus.Invalid => BadRequest(result.Decision!.Reason ?? "invalid", result.Decision.Errors),
        CommandStatus.NotAllowed => NotAllowed(result.Decision!, result.View is { } view ? versionOf(view) : null),
        CommandStatus.CommandIdReused => CommandIdReused(result.Decision!),
        _ => NotFound($"no {noun} has this id"),
    };
}
