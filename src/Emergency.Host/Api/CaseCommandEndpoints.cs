using Emergency.Contracts;
using Emergency.Host.Auth;

namespace Emergency.Host.Api;

/// <summary>
/// The shape every command endpoint of a case shares (petitions, suggestions, major decisions): the id checked, the idempotency
/// key read, the body read strictly (or an empty body taken where the command has nothing required), the grain
/// asked, and its answer mapped to 200 or a problem.
/// </summary>
public static class CaseCommandEndpoints
{
    public static RouteHandlerBuilder MapCaseCommand<TGrain, TView, TBody>(
        this RouteGroupBuilder group,
        string pattern,
        string summary,
        CaseKind<TGrain, TView> kind,
        Func<TGrain, TBody, CommandContext, Task<CommandResult<TView>>> send,
        Func<TBody>? whenEmpty = null,
        string? policy = null)
        where TGrain : IGrainWithStringKey
        where TView : class
        where TBody : class =>
        group.MapPost(pattern, async (HttpContext http, string id, IGrainFactory grains, CancellationToken cancellationToken) =>
            {
                if (!kind.IsId(id))
                {
                    return Problems.NotFound($"'{id}' is not a {kind.Noun} id");
                }

                var (commandId, keyProblem) = CommandRequests.ReadCommandId(http.Request);
                if (keyProblem is not null)
                {
                    return keyProblem;
                }

                var (body, problem) = await ReadBody(http, whenEmpty, cancellationToken);
                if (problem is not null)
                {
                    return problem;
                }

                var result = await send(grains.GetGrain<TGrain>(id), body!, CommandRequests.ContextOf(http.User.ToActor(), commandId));
                return Problems.From(result, kind.VersionOf, kind.Noun, ok =>
                {
                    CommandRequests.MarkReplay(http, ok);
                    return Results.Ok(ok.View);
                });
            })
            .RequireAuthorization(policy ?? kind.Policy)
            .WithSummary(summary)
            .WithDescription($"{Policies.Describe(policy ?? kind.Policy)} Send an {CommandRequests.IdempotencyHeader} header to make a retry safe.")
            .Accepts<TBody>("application/json")
            .Produces<TView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    /// <summary>Registers a case under a new id, or under the id its sender's idempotency key names (a retry finds the first).</summary>
    public static RouteHandlerBuilder MapCaseRegistration<TGrain, TView, TBody>(
        this RouteGroupBuilder group,
        string summary,
        CaseKind<TGrain, TView> kind,
        Func<TGrain, TBody, CommandContext, Task<CommandResult<TView>>> register,
        Func<TView, string> idOf)
        where TGrain : IGrainWithStringKey
        where TView : class
        where TBody : class =>
        group.MapPost("/", async (HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
            {
                var (commandId, keyProblem) = CommandRequests.ReadCommandId(http.Request);
                if (keyProblem is not null)
                {
                    return keyProblem;
                }

                var (command, problem) = await JsonBody.ReadAsync<TBody>(http.Request, cancellationToken);
                if (problem is not null)
                {
                    return problem;
                }

                var actor = http.User.ToActor();
                var id = commandId is null ? CommandRequests.NewId(kind.Prefix) : CommandRequests.IdFor(kind.Prefix, actor.Id, commandId);
                var result = await register(grains.GetGrain<TGrain>(id), command!, CommandRequests.ContextOf(actor, commandId));
                return Problems.From(result, kind.VersionOf, kind.Noun, ok =>
                {
                    CommandRequests.MarkReplay(http, ok);
                    return Results.Created($"{kind.Path}/{idOf(ok.View!)}", ok.View);
                });
            })
            .RequireAuthorization(kind.Policy)
            .WithSummary(summary)
            .WithDescription($"{Policies.Describe(kind.Policy)} Send an {CommandRequests.IdempotencyHeader} header to make a retry safe.")
            .Accepts<TBody>("application/json")
            .Produces<TView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<(TBody? Body, IResult? Problem)> ReadBody<TBody>(HttpContext http, Func<TBody>? whenEmpty, CancellationToken cancellationToken)
        where TBody : class =>
        whenEmpty is not null && http.Request.ContentLength is null or 0 && !http.Request.HasJsonContentType()
            ? (whenEmpty(), null)
            : await JsonBody.ReadAsync<TBody>(http.Request, cancellationToken);
}

/// <summary>What the endpoints of one kind of case need to know about it.</summary>
/// <param name="Noun">"petition", "suggestion", in problems.</param>
/// <param name="Prefix">Of its ids ("pet-").</param>
/// <param name="Path">Of its resources ("/api/disputes").</param>
/// <param name="Policy">Who may act on it (a command may name another policy).</param>
/// <param name="VersionOf">The version of a view, reported with a refusal.</param>
public sealed record CaseKind<TGrain, TView>(string Noun, string Prefix, string Path, string Policy, Func<TView, long> VersionOf)
    where TGrain : IGrainWithStringKey
    where TView : class
{
    /// <summary>Ids the engine makes: the prefix and up to 40 lower-case letters or digits.</summary>
    public bool IsId(string id) =>
        id.StartsWith(Prefix, StringComparison.Ordinal) && id.Length > Prefix.Length && id.Length <= Prefix.Length + 40
        && id.Skip(Prefix.Length).All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterLower(c));
}
