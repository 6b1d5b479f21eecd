using System.Text.RegularExpressions;
using Emergency.Contracts;
using Emergency.Domain;
using Emergency.Domain.Enforcement;
using Emergency.Host.Auth;
using Emergency.Host.Texts;

namespace Emergency.Host.Api;

/// <summary>
/// The enforcement registry API: listed supervision with a rectification deadline (挂牌督办), the blacklist (黑名单) and
/// regional approval restrictions (区域限批), each set and lifted with its timeline. A restriction set here blocks the
/// approval of every major decision in its region before the answer comes back; lifting it frees them.
/// </summary>
public static partial class EnforcementEndpoints
{
    public static IEndpointRouteBuilder MapEnforcementEndpoints(this IEndpointRouteBuilder app, IReadOnlyList<Role> enforcers)
    {
        var enforcement = app.MapGroup("/api/enforcement").WithTags("Enforcement");
        var who = EnforcementRoles.Describe(enforcers);

        enforcement.MapGet("/", async (IGrainFactory grains) => Results.Ok(await Registry(grains).GetView()))
            .RequireAuthorization(Policies.Read)
            .WithSummary("The enforcement registry: supervisions with their deadlines, the blacklist, the restrictions in force")
            .WithDescription(Policies.Describe(Policies.Read))
            .Produces<EnforcementRegistryView>();

        MapEntry<ListSupervision>(enforcement, "/supervisions", "sup-", who, "List an enterprise or a region for supervision with a rectification deadline (挂牌督办)",
            (grain, id, command, context) => grain.ListSupervision(id, command, context));
        MapChange<LiftSupervision>(enforcement, "/supervisions/{id}/lift", "sup-", who, "Lift a listed supervision: the rectification was accepted",
            (grain, id, command, context) => grain.LiftSupervision(id, command, context));
        MapEntry<AddToBlacklist>(enforcement, "/blacklist", "bl-", who, "Put an enterprise on the blacklist (黑名单)",
            (grain, id, command, context) => grain.AddToBlacklist(id, command, context));
        MapChange<RemoveFromBlacklist>(enforcement, "/blacklist/{id}/remove", "bl-", who, "Remove an enterprise from the blacklist",
            (grain, id, command, context) => grain.RemoveFromBlacklist(id, command, context));
        MapEntry<SetRegionalRestriction>(enforcement, "/restrictions", "rr-", who,
            "Set a regional approval restriction (区域限批): no major decision in the region can be approved while it stands",
            (grain, id, command, context) => grain.SetRestriction(id, command, context));
        MapChange<LiftRegionalRestriction>(enforcement, "/restrictions/{id}/lift", "rr-", who, "Lift a regional approval restriction: the matters it blocked are freed",
            (grain, id, command, context) => grain.LiftRestriction(id, command, context));
        return app;
    }

    /// <summary>A new entry: its id comes from the Idempotency-Key (so a retry finds it) or is new.</summary>
    private static void MapEntry<TBody>(RouteGroupBuilder group, string pattern, string prefix, string who, string summary,
        Func<IEnforcementRegistryGrain, string, TBody, CommandContext, Task<CommandResult<EnforcementRegistryView>>> send)
        where TBody : class =>
        group.MapPost(pattern, async (HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
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
                var id = commandId is null ? CommandRequests.NewId(prefix) : CommandRequests.IdFor(prefix, actor.Id, commandId);
                var result = await send(Registry(grains), id, command!, CommandRequests.ContextOf(actor, commandId));
                return Problems.From(result, v => v.Version, CaseNoun.EnforcementRegistry, ok =>
                {
                    CommandRequests.MarkReplay(http, ok);
                    return Results.Created($"/api/enforcement{pattern}/{id}", new EnforcementAnswer(id, ok.View!));
                });
            })
            .RequireAuthorization(Policies.Enforce)
            .WithSummary(summary)
            .WithDescription($"{who} Send an {CommandRequests.IdempotencyHeader} header to make a retry safe.")
            .Accepts<TBody>("application/json")
            .Produces<EnforcementAnswer>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);

    /// <summary>A change to an entry named in the path.</summary>
    private static void MapChange<TBody>(RouteGroupBuilder group, string pattern, string prefix, string who, string summary,
        Func<IEnforcementRegistryGrain, string, TBody, CommandContext, Task<CommandResult<EnforcementRegistryView>>> send)
        where TBody : class =>
        group.MapPost(pattern, async (HttpContext http, string id, IGrainFactory grains, CancellationToken cancellationToken) =>
            {
                if (!id.StartsWith(prefix, StringComparison.Ordinal) || !EntryIdPattern().IsMatch(id))
                {
                    return Problems.NotAnId(CaseNoun.EnforcementEntry, id);
                }

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

                var result = await send(Registry(grains), id, command!, CommandRequests.ContextOf(http.User.ToActor(), commandId));
                return Problems.From(result, v => v.Version, CaseNoun.EnforcementRegistry, ok =>
                {
                    CommandRequests.MarkReplay(http, ok);
                    return Results.Ok(new EnforcementAnswer(id, ok.View!));
                });
            })
            .RequireAuthorization(Policies.Enforce)
            .WithSummary(summary)
            .WithDescription($"{who} Send an {CommandRequests.IdempotencyHeader} header to make a retry safe.")
            .Accepts<TBody>("application/json")
            .Produces<EnforcementAnswer>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static IEnforcementRegistryGrain Registry(IGrainFactory grains) => grains.GetGrain<IEnforcementRegistryGrain>(EnforcementRegistries.KeyOf(Scopes.Live));

    [GeneratedRegex("^(sup|bl|rr)-[0-9a-z]{1,40}$")]
    private static partial Regex EntryIdPattern();
}

/// <summary>The answer to an enforcement command: the entry's id and the registry as it stands afterwards.</summary>
public sealed record EnforcementAnswer(string Id, EnforcementRegistryView Registry);
