using System.Globalization;
using Emergency.Contracts;
using Emergency.Domain.Drills;
using Emergency.Domain.Messages;
using Emergency.Host.Api;
using Emergency.Host.Texts;
using Emergency.Texts;

namespace Emergency.Host.Drills;

/// <summary>Problem details for drills: a refused scenario lists every error with its file, line and column.</summary>
public static class DrillProblems
{
    public static IResult InvalidScenario(IReadOnlyList<ScenarioError> errors, int status = StatusCodes.Status400BadRequest) => new ScenarioProblem(errors, status);

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
        _ => Problems.NotFound(answer.Reason ?? DrillTexts.NoSuchRun),
    };

    /// <summary>A refused scenario, its reasons rendered in the reader's language when the answer is written.</summary>
    private sealed class ScenarioProblem(IReadOnlyList<ScenarioError> errors, int status) : IResult
    {
        private const int Shown = 3;

        public Task ExecuteAsync(HttpContext httpContext)
        {
            var texts = httpContext.RequestServices.GetRequiredService<TextRenderer>();
            var language = TextRenderer.LanguageOf(CultureInfo.CurrentUICulture);
            var lines = errors.Take(Shown).Select(e => $"{e.File}:{e.Line}:{e.Column}: {texts.Render(e.Reason, language)}").ToList();
            if (errors.Count > Shown)
            {
                lines.Add(texts.Render(DrillTexts.AndMore.With(("count", errors.Count - Shown)), language));
            }

            return Results.Problem(
                statusCode: status,
                title: texts.Render(DrillTexts.InvalidScenarioTitle, language),
                detail: string.Join("; ", lines),
                type: "urn:emergency:problem:invalid-scenario",
                extensions: new Dictionary<string, object?>
                {
                    ["errors"] = errors.Select(e => new { file = e.File, line = e.Line, column = e.Column, reason = texts.Render(e.Reason, language), code = e.Reason.Code }).ToArray(),
                }).ExecuteAsync(httpContext);
        }
    }
}
