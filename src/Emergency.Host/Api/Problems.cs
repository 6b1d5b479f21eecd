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

    /// <summary>Maps a grain's answer to HTTP: the incident on success, a problem otherwise.</summary>
    public static IResult From(CommandResult result, Func<CommandResult, IResult> onSuccess) => result.Status switch
    {
        CommandStatus.Accepted or CommandStatus.Replayed => onSuccess(result),
        CommandStatus.Invalid => BadRequest(result.Decision!.Reason ?? "invalid", result.Decision.Errors),
        CommandStatus.NotAllowed => NotAllowed(result.Decision!, result.Incident?.Version),
        CommandStatus.CommandIdReused => CommandIdReused(result.Decision!),
        _ => NotFound("no incident has this id"),
    };
}
