using Emergency.Contracts;
using Emergency.Domain.Cases;
using Emergency.Host.Auth;
using Emergency.Host.Texts;

namespace Emergency.Host.Api;

/// <summary>
/// The shape every command endpoint of a case shares (petitions, suggestions, major decisions): the id checked, the idempotency
/// key read, the body read strictly (or an empty body taken where the command has nothing required), the grain
/// asked, and its answer mapped to 200 or a problem.
/// </summary>
public static class CaseCommandEndpoints
{
    /// <summary>
    /// Maps every move of a kind from its command records (see <see cref="Moves"/>): the move that creates a case is
    /// posted to the kind's collection, every other to <c>{id}/{move}</c>. Each endpoint takes its move's record as
    /// its body, lets only the move's roles in, and is described in the API reference by the record and the roles.
    /// </summary>
    public static RouteGroupBuilder MapMoves<TGrain, TCommand, TView, TSummary>(this RouteGroupBuilder group, CaseKind<TGrain, TView> kind, Func<TView, string> idOf)
        where TGrain : class, ICaseGrain<TCommand, TView, TSummary>
        where TCommand : CaseCommand
        where TView : class
        where TSummary : class, ICaseSummary
    {
        foreach (var move in Moves.Of<TCommand>())
        {
            var endpoint = move.Creates
                ? group.MapPost("/", (HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
                    Create<TGrain, TCommand, TView, TSummary>(http, grains, kind, move, idOf, cancellationToken))
                    .Produces<TView>(StatusCodes.Status201Created)
                : group.MapPost($"/{{id}}/{move.Name}", (HttpContext http, string id, IGrainFactory grains, CancellationToken cancellationToken) =>
                    Make<TGrain, TCommand, TView, TSummary>(http, id, grains, kind, move, cancellationToken))
                    .Produces<TView>()
                    .ProducesProblem(StatusCodes.Status404NotFound);
            endpoint
                .RequireAuthorization(policy => policy.RequireRole(move.Roles.Select(r => r.ToString())))
                .WithName($"{System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(kind.Noun.ToString())}.{move.Name}")
                .WithSummary(move.Summary)
                .WithDescription($"{DescribeRoles(move)} Send an {CommandRequests.IdempotencyHeader} header to make a retry safe.")
                .WithMetadata(move)
                .Accepts(move.Type, "application/json")
                .ProducesProblem(StatusCodes.Status400BadRequest)
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status409Conflict);
        }

        return group;
    }

    /// <summary>Who may make a move, as the API reference says it for every endpoint.</summary>
    public static string DescribeRoles(MoveInfo move) => $"Roles: {string.Join(", ", move.Roles)}.";

    private static async Task<IResult> Make<TGrain, TCommand, TView, TSummary>(
        HttpContext http, string id, IGrainFactory grains, CaseKind<TGrain, TView> kind, MoveInfo move, CancellationToken cancellationToken)
        where TGrain : class, ICaseGrain<TCommand, TView, TSummary>
        where TCommand : CaseCommand
        where TView : class
        where TSummary : class, ICaseSummary
    {
        if (!kind.IsId(id))
        {
            return Problems.NotAnId(kind.Noun, id);
        }

        var (commandId, keyProblem) = CommandRequests.ReadCommandId(http.Request);
        if (keyProblem is not null)
        {
            return keyProblem;
        }

        var (command, problem) = await ReadMove<TCommand>(http, move, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var result = await KeyedReferences<TGrain>.Get(grains, id).Execute(command!, CommandRequests.ContextOf(http.User.ToActor(), commandId).WithJurisdictionOf(http.User));
        return Problems.From(result, kind.VersionOf, kind.Noun, ok =>
        {
            CommandRequests.MarkReplay(http, ok);
            return Results.Ok(ok.View);
        });
    }

    private static async Task<IResult> Create<TGrain, TCommand, TView, TSummary>(
        HttpContext http, IGrainFactory grains, CaseKind<TGrain, TView> kind, MoveInfo move, Func<TView, string> idOf, CancellationToken cancellationToken)
        where TGrain : class, ICaseGrain<TCommand, TView, TSummary>
        where TCommand : CaseCommand
        where TView : class
        where TSummary : class, ICaseSummary
    {
        var (commandId, keyProblem) = CommandRequests.ReadCommandId(http.Request);
        if (keyProblem is not null)
        {
            return keyProblem;
        }

        var (command, problem) = await ReadMove<TCommand>(http, move, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var actor = http.User.ToActor();
        var id = commandId is null ? CommandRequests.NewId(http, kind.Prefix) : CommandRequests.NewId(http, kind.Prefix, actor.Id, commandId);
        CommandResult<TView> result;
        try
        {
            result = await KeyedReferences<TGrain>.Get(grains, id).Execute(command!, CommandRequests.ContextOf(actor, commandId).WithJurisdictionOf(http.User));
        }
        finally
        {
            CommandRequests.Drawn(http, id);
        }

        return Problems.From(result, kind.VersionOf, kind.Noun, ok =>
        {
            CommandRequests.MarkReplay(http, ok);
            return Results.Created($"{kind.Path}/{idOf(ok.View!)}", ok.View);
        });
    }

    /// <summary>The move's record from the body; an empty body is the record with nothing set where the move has no required field.</summary>
    private static async Task<(TCommand? Command, IResult? Problem)> ReadMove<TCommand>(HttpContext http, MoveInfo move, CancellationToken cancellationToken)
        where TCommand : CaseCommand
    {
        if (move.BodyOptional && http.Request.ContentLength is null or 0 && !http.Request.HasJsonContentType())
        {
            return ((TCommand)Activator.CreateInstance(move.Type)!, null);
        }

        var (body, problem) = await JsonBody.ReadAsync(http.Request, move.Type, cancellationToken);
        return ((TCommand?)body, problem);
    }
}

/// <summary>What the endpoints of one kind of case need to know about it.</summary>
/// <param name="Noun">"petition", "suggestion", in problems.</param>
/// <param name="Prefix">Of its ids ("pet-").</param>
/// <param name="Path">Of its resources ("/api/disputes").</param>
/// <param name="VersionOf">The version of a view, reported with a refusal.</param>
public sealed record CaseKind<TGrain, TView>(CaseNoun Noun, string Prefix, string Path, Func<TView, long> VersionOf)
    where TGrain : IGrainWithStringKey
    where TView : class
{
    /// <summary>Ids the engine makes: the prefix and up to 40 lower-case letters or digits.</summary>
    public bool IsId(string id) =>
        id.StartsWith(Prefix, StringComparison.Ordinal) && id.Length > Prefix.Length && id.Length <= Prefix.Length + 40
        && id.Skip(Prefix.Length).All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterLower(c));
}
