using Emergency.Contracts;
using Emergency.Domain.Drills;
using Emergency.Domain.Messages;
using Emergency.Host.Api;
using Emergency.Host.Texts;

namespace Emergency.Host.Drills;

/// <summary>Problem details for drills: a refused scenario lists every error with its file, line and column.</summary>
public static class DrillProblems
{
    public static IResult InvalidScenario(IReadOnlyList<ScenarioError> errors, int status = StatusCodes.Status400BadRequest) =>
        Results.Problem(
            statusCode: status,
            title: "The scenario is not valid",
            detail: string.Join("; ", errors.Take(3)) + (errors.Count > 3 ? $"; and {errors.Count - 3} more" : ""),
            type: "urn:emergency:problem:invalid-scenario",
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = errors.Select(e => new { file = e.File, line = e.Line, column = e.Column, reason = e.Reason }).ToArray(),
            });

    public static IResult NotAllowed(Message? reason) =>
        Problems.Of(StatusCodes.Status409Conflict, HostTexts.DrillNotAllowedTitle, reason, "urn:emergency:problem:not-allowed");

    public static IResult From(DrillAnswer answer, Func<DrillStatus, IResult> onDone) => answer.Outcome switch
    {
        DrillOutcome.Done => onDone(answer.Status!),
        DrillOutcome.Invalid => InvalidScenario(answer.Errors),
        DrillOutcome.NotAllowed => NotAllowed(answer.Reason),
        DrillOutcome.Refused => Problems.Of(
            StatusCodes.Status409Conflict,
            HostTexts.InjectRefusedTitle,
            answer.Reason,
            "urn:emergency:problem:inject-refused",
            new Dictionary<string, object?> { ["drill"] = answer.Status }),
        _ => Problems.NotFound(answer.Reason ?? "no drill has this run id"),
    };
}
