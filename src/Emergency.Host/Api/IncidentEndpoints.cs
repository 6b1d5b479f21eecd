using Emergency.Contracts;
using Emergency.Domain.Cases;
using Emergency.Domain.Incidents;
using Emergency.Domain.Regions;
using Emergency.Domain.Rules;
using Emergency.Host.Auth;
using Emergency.Host.Texts;

namespace Emergency.Host.Api;

/// <summary>The incident API: register, act on the five first-moment obligations, report, close, list.</summary>
public static class IncidentEndpoints
{
    public static readonly CaseKind<IIncidentGrain, IncidentView> Kind = new(CaseNoun.Incident, "inc-", "/api/incidents", v => v.Version);

    private static readonly MoveInfo CompleteMove = Moves.Info(typeof(CompleteObligation));

    public static IEndpointRouteBuilder MapIncidentEndpoints(this IEndpointRouteBuilder app)
    {
        var incidents = app.MapGroup("/api/incidents").WithTags("Incidents").RequireIncidentJurisdiction();

        incidents.MapGet("/", List)
            .RequireAuthorization(Policies.Read)
            .WithSummary("Open incidents, most urgent first (overdue, then by level, then by next deadline); filter by level, region and overdue; scope=drill-<run> lists a drill's incidents on its virtual clock; a page of limit (default 100, at most 1,000), the next page in the Link header")
            .WithDescription(Policies.Describe(Policies.Read))
            .Produces<IReadOnlyList<IncidentSummary>>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        incidents.MapCaseReads<IncidentView, TimelineKind>(
            CaseNoun.Incident, Kind.IsId, (id, _, grains) => grains.GetGrain<IIncidentGrain>(id).GetView(), "One incident with its obligations, reports and timeline");
        incidents.MapIncidentPreview();
        incidents.MapMoves<IIncidentGrain, IncidentCommand, IncidentView, IncidentSummary>(Kind, v => v.Id);

        // The route that names the obligation in its path, older than the moves as records: the same move as
        // completeObligation, its record built from the path and the body.
        incidents.MapPost("/{id}/obligations/{obligation}/complete", CompleteNamedObligation)
            .RequireAuthorization(policy => policy.RequireRole(CompleteMove.Roles.Select(r => r.ToString())))
            .WithSummary(CompleteMove.Summary)
            .WithDescription($"{CaseCommandEndpoints.DescribeRoles(CompleteMove)} The same move as POST {{id}}/completeObligation, with the obligation named in the path. Send an {CommandRequests.IdempotencyHeader} header to make a retry safe.")
            .Accepts<ObligationCompletion>("application/json")
            .Produces<IncidentView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        app.MapGet("/api/rulesets", (RuleSetCatalog catalog) => catalog.All)
            .RequireAuthorization(Policies.Read)
            .WithTags("Rules")
            .WithSummary("The rule sets the engine judges by, each value with its source")
            .WithDescription(Policies.Describe(Policies.Read));

        // Every role, administrators and auditors too: the board asks it first, whoever signed in.
        app.MapGet("/api/me", (HttpContext http) =>
            {
                var actor = http.User.ToActor();
                return new Me(actor.Id, actor.Role, http.User.Jurisdiction());
            })
            .RequireAuthorization()
            .WithTags("Users")
            .WithSummary("Who the token or the session belongs to, the role, and the jurisdiction (a region code; none for the whole deployment)")
            .WithDescription("Any signed-in user or token.");

        return app;
    }

    private static async Task<IResult> List(
        HttpContext http, IGrainFactory grains, EngineClock clock, RegionCatalog regions, string? level, string? region, string? overdue, string? scope, string? limit, string? after)
    {
        // Drill incidents are never listed with live ones; a drill's list is asked for by its scope.
        scope ??= Scopes.Live;
        if (!Scopes.IsValid(scope))
        {
            return Problems.NotOneOf("scope", scope, Scopes.Allowed);
        }

        IncidentLevel? levelFilter = null;
        if (level is not null)
        {
            // Exactly one name: Enum.TryParse would also read "I,II" as I|II, which is III.
            levelFilter = IncidentLevels.All.Where(l => l.ToString() == level).Select(l => (IncidentLevel?)l).FirstOrDefault();
            if (levelFilter is null)
            {
                return Problems.NotOneOf("level", level, ["I", "II", "III", "IV"]);
            }
        }

        bool? overdueFilter = null;
        if (overdue is not null)
        {
            if (!bool.TryParse(overdue, out var parsed))
            {
                return Problems.NotOneOf("overdue", overdue, ["true", "false"]);
            }

            overdueFilter = parsed;
        }

        var pageErrors = new List<Domain.FieldError>();
        var (count, position) = CaseListPages.Read(limit, after, pageErrors);
        if (pageErrors.Count > 0)
        {
            return Problems.Invalid([.. pageErrors]);
        }

        // Overdue first, then by level (each level a lane of the index), then by the next deadline.
        var now = await Drills.DrillClock.NowOf(scope, grains, clock);
        var jurisdiction = http.User.Jurisdiction();
        var query = new CaseListQuery
        {
            Limit = count,
            After = position,
            Overdue = overdueFilter,
            Now = now,
            Lanes = levelFilter is { } only ? [only.ToString()] : LevelLanes,
        };
        var page = await CaseListPages.ReadAsync(http, grains.GetGrain<IIncidentDirectoryGrain>(scope), query, s =>
            (region is null || string.Equals(s.Region, region, StringComparison.OrdinalIgnoreCase)) && regions.WithinJurisdiction(jurisdiction, s.Region));
        return Results.Ok(page.ConvertAll(s => s.AsOf(now)));
    }

    /// <summary>The levels as the lanes of the incidents' list, the most serious first.</summary>
    internal static readonly IReadOnlyList<string> LevelLanes = [.. IncidentLevels.All.Order().Select(l => l.ToString())];


    private static async Task<IResult> CompleteNamedObligation(HttpContext http, string id, string obligation, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (!Kind.IsId(id))
        {
            return Problems.NotAnId(CaseNoun.Incident, id);
        }

        var (commandId, keyProblem) = CommandRequests.ReadCommandId(http.Request);
        if (keyProblem is not null)
        {
            return keyProblem;
        }

        var (body, problem) = await JsonBody.ReadAsync<ObligationCompletion>(http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var kind = Enum.GetValues<ObligationKind>().Where(k => k.Name() == obligation).Select(k => (ObligationKind?)k).FirstOrDefault();
        if (kind is null)
        {
            return Problems.NotOneOf("obligation", obligation, ObligationKinds.FirstMoment.Skip(1).Append(ObligationKind.NotifyNeighbours).Select(k => k.Name()));
        }

        var command = new CompleteObligation { Obligation = kind.Value, At = body!.At, Note = body.Note, Notified = body.Notified };
        var result = await grains.GetGrain<IIncidentGrain>(id).Execute(command, CommandRequests.ContextOf(http.User.ToActor(), commandId).WithJurisdictionOf(http.User));
        return Problems.From(result, Kind.VersionOf, Kind.Noun, ok =>
        {
            CommandRequests.MarkReplay(http, ok);
            return Results.Ok(ok.View);
        });
    }
}

/// <summary>Who the caller is: the name and role as timelines record them, and the region code they act within (none: the whole deployment).</summary>
public sealed record Me(string Id, Emergency.Domain.Role Role, string? Jurisdiction);

/// <summary>Body of <c>obligations/{obligation}/complete</c>; the obligation itself is named in the path, never in the body.</summary>
public sealed class ObligationCompletion
{
    public DateTimeOffset? At { get; set; }

    public string? Note { get; set; }

    /// <summary>Who was told, for notifyNeighbours.</summary>
    public string? Notified { get; set; }
}
