using Emergency.Contracts;
using System.Globalization;
using Emergency.Domain;
using Emergency.Domain.Messages;
using Emergency.Host.Texts;
using Emergency.Texts;

namespace Emergency.Host.Api;

/// <summary>
/// RFC 7807 problem details in words a duty officer understands: the title and detail are messages, rendered when
/// the answer is written, in the request's language; a refusal also carries its code, for machines.
/// </summary>
public static class Problems
{
    public static IResult BadRequest(Message detail, IReadOnlyList<FieldError> errors) =>
        new RenderedProblem(StatusCodes.Status400BadRequest, HostTexts.InvalidTitle, detail, "urn:emergency:problem:invalid", detail.Code)
        {
            Errors = errors,
        };

    /// <summary>A parameter of the query that is none of the values it may take.</summary>
    public static IResult NotOneOf(string parameter, string? given, IEnumerable<string> allowed) => Invalid(
        new FieldError(parameter, CommonTexts.NotOneOfThese(given ?? "", allowed)));

    /// <summary>Refuses a request over the problems of its fields, every one named.</summary>
    public static IResult Invalid(params FieldError[] errors) => BadRequest(Decision.Invalid(errors).Reason!, errors);

    /// <summary>An id that is not of the kind asked for: its form alone says so.</summary>
    public static IResult NotAnId(CaseNoun kind, string id) => NotFound(HostTexts.NotAnId.With(("kind", Arg.Of(kind)), ("id", id)));

    /// <summary>An id of the right form that nothing has.</summary>
    public static IResult NoSuchId(CaseNoun kind, string id) => NotFound(HostTexts.NoSuchId.With(("kind", Arg.Of(kind)), ("id", id)));

    public static IResult NotFound(Message what) =>
        new RenderedProblem(StatusCodes.Status404NotFound, HostTexts.NotFoundTitle, what, "urn:emergency:problem:not-found", null);

    public static IResult NotAllowed(Decision decision, long? version) =>
        new RenderedProblem(StatusCodes.Status409Conflict, HostTexts.NotAllowedTitle, decision.Reason, "urn:emergency:problem:not-allowed", decision.Reason?.Code)
        {
            Extensions = { ["allowedMoves"] = decision.AllowedMoves, ["version"] = version },
        };

    /// <summary>A case outside the user's jurisdiction (docs/jurisdictions.md): nothing of it is shown.</summary>
    public static IResult Forbidden(Message why) =>
        new RenderedProblem(StatusCodes.Status403Forbidden, Domain.Regions.JurisdictionTexts.OutsideTitle, why, "urn:emergency:problem:outside-jurisdiction", why.Code);

    public static IResult CommandIdReused(Decision decision) =>
        new RenderedProblem(StatusCodes.Status409Conflict, HostTexts.CommandIdReusedTitle, decision.Reason, "urn:emergency:problem:command-id-reused", decision.Reason?.Code);

    public static IResult PayloadTooLarge(long? length) =>
        new RenderedProblem(
            StatusCodes.Status413PayloadTooLarge,
            HostTexts.TooLargeTitle,
            length is { } bytes ? HostTexts.TooLargeBody.With(("length", bytes), ("max", JsonBody.MaxBytes)) : HostTexts.TooLargeBodyUnknown.With(("max", JsonBody.MaxBytes)),
            "urn:emergency:problem:too-large",
            null);

    /// <summary>Any problem, its title and detail rendered in the reader's language when it is written.</summary>
    public static IResult Of(int status, Message title, Message? detail, string type, IReadOnlyDictionary<string, object?>? extensions = null)
    {
        var problem = new RenderedProblem(status, title, detail, type, detail?.Code);
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[key] = value;
        }

        return problem;
    }

    public static IResult Unavailable(Message detail) =>
        new RenderedProblem(StatusCodes.Status503ServiceUnavailable, HostTexts.UnavailableTitle, detail, "urn:emergency:problem:unavailable", null);

    /// <summary>A problem whose words are chosen when it is written: the request's language is known only then.</summary>
    private sealed class RenderedProblem(int status, Message title, Message? detail, string type, string? code) : IResult
    {
        public IReadOnlyList<FieldError> Errors { get; init; } = [];

        public Dictionary<string, object?> Extensions { get; } = [];

        public Task ExecuteAsync(HttpContext httpContext)
        {
            var texts = httpContext.RequestServices.GetRequiredService<TextRenderer>();
            var language = TextRenderer.LanguageOf(CultureInfo.CurrentUICulture);
            var extensions = new Dictionary<string, object?>(Extensions);
            if (code is not null && code != Message.LiteralCode)
            {
                extensions["code"] = code;
            }

            if (Errors.Count > 0)
            {
                extensions["errors"] = Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => texts.Render(e.Message, language)).ToArray());
            }

            return Results.Problem(
                statusCode: status,
                title: texts.Render(title, language),
                detail: detail is null ? null : texts.Render(detail, language),
                type: type,
                extensions: extensions).ExecuteAsync(httpContext);
        }
    }

    /// <summary>Maps a grain's answer to HTTP: the case on success, a problem otherwise.</summary>
    /// <param name="result">The grain's answer.</param>
    /// <param name="versionOf">The case's version, reported with a refusal so a client can tell whether it was acting on stale data.</param>
    /// <param name="noun">What kind of thing, for "not found".</param>
    /// <param name="onSuccess">The answer on success.</param>
    public static IResult From<TView>(CommandResult<TView> result, Func<TView, long> versionOf, CaseNoun noun, Func<CommandResult<TView>, IResult> onSuccess)
        where TView : class => result.Status switch
    {
        CommandStatus.Accepted or CommandStatus.Replayed => onSuccess(result),
        CommandStatus.Invalid => BadRequest(result.Decision!.Reason ?? HostTexts.InvalidTitle, result.Decision.Errors),
        CommandStatus.NotAllowed => NotAllowed(result.Decision!, result.View is { } view ? versionOf(view) : null),
        CommandStatus.CommandIdReused => CommandIdReused(result.Decision!),
        CommandStatus.Forbidden => Forbidden(result.Decision!.Reason!),
        _ => NotFound(HostTexts.NoSuchCase.With(("kind", Arg.Of(noun)))),
    };
}
