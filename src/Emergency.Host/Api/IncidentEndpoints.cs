using System.Text.RegularExpressions;
using Emergency.Contracts;
using Emergency.Domain.Incidents;
using Emergency.Domain.Rules;
using Emergency.Host.Auth;

namespace Emergency.Host.Api;

/// <summary>The incident API: register, act on the five first-moment obligations, report, close, list.</summary>
public static partial class IncidentEndpoints
{
    public static IEndpointRouteBuilder MapIncidentEndpoints(this IEndpointRouteBuilder app)
    {
        var incidents = app.MapGroup("/api/incidents").WithTags("Incidents");

        incidents.MapPost("/", Register)
            .RequireAuthorization(Policies.CommandIncidents)
            .WithSummary("Register an incident (接报): it is graded and its five obligations get their deadlines")
            .WithDescription($"{Policies.Describe(Policies.CommandIncidents)} Send an {CommandRequests.IdempotencyHeader} header to make a retry safe.")
            .Accepts<ReportIncident>("application/json")
            .Produces<IncidentView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);

        incidents.MapGet("/", List)
            .RequireAuthorization(Policies.Read)
            .WithSummary("Open incidents, most urgent first; filter by level, region and overdue; scope=drill-<run> lists a drill's incidents on its virtual clock")
            .WithDescription(Policies.Describe(Policies.Read))
            .Produces<IReadOnlyList<IncidentSummary>>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        incidents.MapGet("/{id}", Get)
            .RequireAuthorization(Policies.Read)
            .WithSummary("One incident with its obligations, reports and timeline")
            .WithDescription(Policies.Describe(Policies.Read))
            .Produces<IncidentView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        MapCommand<UpdateFacts>(incidents, "/{id}/facts", "Record the facts that changed (a fact left out keeps its value, a fact sent as null becomes unknown); the incident is regraded and open deadlines recomputed",
            (grain, command, context) => grain.UpdateFacts(command, context));
        MapCommand<ObligationCompletion>(incidents, "/{id}/obligations/{obligation}/complete",
            "Complete reachScene, startMonitoring, organiseInvestigation, releaseInformation or notifyNeighbours (with who was notified)",
            (grain, body, context) => grain.CompleteObligation(body.ToCommand(), context));
        MapCommand<FileReport>(incidents, "/{id}/reports", "File an initial, follow-up or final report",
            (grain, command, context) => grain.FileReport(command, context));
        MapCommand<RecordCorrection>(incidents, "/{id}/corrections",
            "Record a false, concealed or omitted report (谎报/瞒报/漏报): what it concerns (registration, report N or a completed step), what was declared, what was real, when it became known; a step shown untrue is open again",
            (grain, command, context) => grain.RecordCorrection(command, context));
        MapCommand<CloseIncident>(incidents, "/{id}/close", "Close the incident: every obligation done and the final report filed",
            (grain, command, context) => grain.Close(command, context), whenEmpty: () => new CloseIncident());

        app.MapGet("/api/rulesets", (RuleSetCatalog catalog) => catalog.All)
            .RequireAuthorization(Policies.Read)
            .WithTags("Rules")
            .WithSummary("The rule sets the engine judges by, each value with its source")
            .WithDescription(Policies.Describe(Policies.Read));

        app.MapGet("/api/me", (HttpContext http) => http.User.ToActor())
            .RequireAuthorization(Policies.Read)
            .WithTags("Users")
            .WithSummary("Who the token belongs to, and the role")
            .WithDescription(Policies.Describe(Policies.Read));

        return app;
    }

    private static async Task<IResult> Register(HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var (commandId, keyProblem) = CommandRequests.ReadCommandId(http.Request);
        if (keyProblem is not null)
        {
            return keyProblem;
        }

        var (command, problem) = await JsonBody.ReadAsync<ReportIncident>(http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var actor = http.User.ToActor();
        var id = commandId is null ? NewId() : CommandRequests.IdFor("inc-", actor.Id, commandId);
        var result = await grains.GetGrain<IIncidentGrain>(id).Register(command!, Scopes.Live, CommandRequests.ContextOf(actor, commandId));
        return Problems.From(result, v => v.Version, "incident", ok =>
        {
            CommandRequests.MarkReplay(http, ok);
            return Results.Created($"/api/incidents/{id}", ok.View);
        });
    }

    private static async Task<IResult> List(IGrainFactory grains, EngineClock clock, string? level, string? region, string? overdue, string? scope)
    {
        // Drill incidents are never listed with live ones; a drill's list is asked for by its scope.
        scope ??= Scopes.Live;
        if (!Scopes.IsValid(scope))
        {
            return Problems.BadRequest($"unknown scope '{scope}'", [new("scope", "must be live or drill-<run>")]);
        }

        IncidentLevel? levelFilter = null;
        if (level is not null)
        {
            // Exactly one name: Enum.TryParse would also read "I,II" as I|II, which is III.
            levelFilter = IncidentLevels.All.Where(l => l.ToString() == level).Select(l => (IncidentLevel?)l).FirstOrDefault();
            if (levelFilter is null)
            {
                return Problems.BadRequest($"level '{level}' is not one of I, II, III, IV", [new("level", "must be I, II, III or IV")]);
            }
        }

        bool? overdueFilter = null;
        if (overdue is not null)
        {
            if (!bool.TryParse(overdue, out var parsed))
            {
                return Problems.BadRequest($"overdue '{overdue}' is not true or false", [new("overdue", "must be true or false")]);
            }

            overdueFilter = parsed;
        }

        var shards = await Task.WhenAll(CaseDirectory.AllShardKeys(scope)
            .Select(key => grains.GetGrain<IIncidentDirectoryGrain>(key).List()));
        var now = await Drills.DrillClock.NowOf(scope, grains, clock);
        var list = shards.SelectMany(s => s)
            .Select(s => s.AsOf(now))
            .Select(s => (Summary: s, s.Overdue))
            .Where(s => levelFilter is null || s.Summary.Level == levelFilter)
            .Where(s => region is null || string.Equals(s.Summary.Region, region, StringComparison.OrdinalIgnoreCase))
            .Where(s => overdueFilter is null || s.Overdue == overdueFilter)
            .OrderByDescending(s => s.Overdue)
            .ThenBy(s => s.Summary.Level)
            .ThenBy(s => s.Summary.NextDueAt ?? DateTimeOffset.MaxValue)
            .Select(s => s.Summary)
            .ToList();
        return Results.Ok(list);
    }


    private static async Task<IResult> Get(string id, IGrainFactory grains)
    {
        if (!IsIncidentId(id))
        {
            return Problems.NotFound($"'{id}' is not an incident id");
        }

        var view = await grains.GetGrain<IIncidentGrain>(id).GetView();
        return view is null ? Problems.NotFound($"no incident has the id '{id}'") : Results.Ok(view);
    }

    private static void MapCommand<TBody>(RouteGroupBuilder group, string pattern, string summary,
        Func<IIncidentGrain, TBody, CommandContext, Task<CommandResult<IncidentView>>> send, Func<TBody>? whenEmpty = null)
        where TBody : class
    {
        group.MapPost(pattern, async (HttpContext http, string id, IGrainFactory grains, CancellationToken cancellationToken) =>
            {
                if (!IsIncidentId(id))
                {
                    return Problems.NotFound($"'{id}' is not an incident id");
                }

                var (commandId, keyProblem) = CommandRequests.ReadCommandId(http.Request);
                if (keyProblem is not null)
                {
                    return keyProblem;
                }

                TBody? body;
                if (whenEmpty is not null && http.Request.ContentLength is null or 0 && !http.Request.HasJsonContentType())
                {
                    body = whenEmpty();
                }
                else
                {
                    var (read, problem) = await JsonBody.ReadAsync<TBody>(http.Request, cancellationToken);
                    if (problem is not null)
                    {
                        return problem;
                    }

                    body = read;
                }

                if (body is ObligationCompletion completion)
                {
                    var name = (string?)http.GetRouteValue("obligation") ?? "";
                    var kind = Enum.GetValues<ObligationKind>().Where(k => k.Name() == name).Select(k => (ObligationKind?)k).FirstOrDefault();
                    if (kind is null)
                    {
                        return Problems.BadRequest($"'{name}' is not an obligation",
                            [new("obligation", $"must be one of {string.Join(", ", ObligationKinds.FirstMoment.Skip(1).Append(ObligationKind.NotifyNeighbours).Select(k => k.Name()))}")]);
                    }

                    completion.Obligation = kind.Value;
                }

                var result = await send(grains.GetGrain<IIncidentGrain>(id), body!, CommandRequests.ContextOf(http.User.ToActor(), commandId));
                return Problems.From(result, v => v.Version, "incident", ok =>
                {
                    CommandRequests.MarkReplay(http, ok);
                    return Results.Ok(ok.View);
                });
            })
            .RequireAuthorization(Policies.CommandIncidents)
            .WithSummary(summary)
            .WithDescription($"{Policies.Describe(Policies.CommandIncidents)} Send an {CommandRequests.IdempotencyHeader} header to make a retry safe.")
            .Accepts<TBody>("application/json")
            .Produces<IncidentView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static string NewId() => CommandRequests.NewId("inc-");

    private static bool IsIncidentId(string id) => IncidentIdPattern().IsMatch(id);

    [GeneratedRegex("^inc-[0-9a-z]{1,40}$")]
    private static partial Regex IncidentIdPattern();
}

/// <summary>Body of the complete-obligation command; the obligation itself is named in the path.</summary>
public sealed class ObligationCompletion
{
    public DateTimeOffset? At { get; set; }

    public string? Note { get; set; }

    /// <summary>Who was told, for notifyNeighbours.</summary>
    public string? Notified { get; set; }

    /// <summary>Set from the path. Not public, so the serializer does not know it and refuses "obligation" in the body.</summary>
    internal ObligationKind Obligation { get; set; }

    public CompleteObligation ToCommand() => new() { Obligation = Obligation, At = At, Note = Note, Notified = Notified };
}
