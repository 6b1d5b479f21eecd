using System.Text.Json;
using System.Text.RegularExpressions;
using Emergency.Contracts;
using Emergency.Domain.Decisions;
using Emergency.Domain.Regions;
using Emergency.Host.Auth;

namespace Emergency.Host.Api;

/// <summary>
/// The major decision API: decision makers draft, submit, change and decide; assessors carry out the social stability
/// risk assessment; everyone reads. Each command is posted to the move it makes, named as in <c>allowedMoves</c>.
/// </summary>
public static partial class DecisionEndpoints
{
    public static IEndpointRouteBuilder MapDecisionEndpoints(this IEndpointRouteBuilder app)
    {
        var decisions = app.MapGroup("/api/decisions").WithTags("Major decisions");

        decisions.MapPost("/", Draft)
            .RequireAuthorization(Policies.DecideMatters)
            .WithSummary("Draft a major decision (重大决策): what is proposed, where, and what kind of matter")
            .WithDescription($"{Policies.Describe(Policies.DecideMatters)} Send an {CommandRequests.IdempotencyHeader} header to make a retry safe.")
            .Accepts<DraftMajorDecision>("application/json")
            .Produces<MajorDecisionView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);

        decisions.MapGet("/", List)
            .RequireAuthorization(Policies.Read)
            .WithSummary("Open major decisions with their stage, risk level and what blocks them; filter by region (a city takes in its counties) and stage")
            .WithDescription(Policies.Describe(Policies.Read))
            .Produces<IReadOnlyList<MajorDecisionSummary>>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        decisions.MapGet("/{id}", Get)
            .RequireAuthorization(Policies.Read)
            .WithSummary("One major decision: its assessment, views heard, analysis, reviews, decisions, blockers and timeline")
            .WithDescription(Policies.Describe(Policies.Read))
            .Produces<MajorDecisionView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        MapCommand<SubmitMajorDecision>(decisions, "submit", Policies.DecideMatters, "Submit the draft; the rule set in force now will judge it",
            (grain, command, context) => grain.Submit(command, context), whenEmpty: () => new SubmitMajorDecision());
        MapCommand<ChangeProposal>(decisions, "changeProposal", Policies.DecideMatters, "Change the proposal; once views were heard, the assessment is reopened",
            (grain, command, context) => grain.ChangeProposal(command, context));
        MapCommand<TakeCollectiveDecision>(decisions, "takeCollectiveDecision", Policies.DecideMatters,
            "Record the collective decision (集体讨论决定): implement, implementAfterMitigation, postpone or doNotImplement",
            (grain, command, context) => grain.TakeCollectiveDecision(command, context));
        MapCommand<PlanAssessment>(decisions, "planAssessment", Policies.AssessRisk, "Plan the assessment (评估方案), or revise the plan before any view is heard",
            (grain, command, context) => grain.PlanAssessment(command, context));
        MapCommand<OpenPublicComment>(decisions, "openPublicComment", Policies.AssessRisk, "Publish the proposal for public comment",
            (grain, command, context) => grain.OpenPublicComment(command, context));
        MapCommand<ClosePublicComment>(decisions, "closePublicComment", Policies.AssessRisk, "Close the comment period, once its minimum has run",
            (grain, command, context) => grain.ClosePublicComment(command, context));
        MapCommand<RecordViews>(decisions, "recordViews", Policies.AssessRisk, "Record views heard by questionnaire, visit or hearing, with dates and counts",
            (grain, command, context) => grain.RecordViews(command, context));
        MapCommand<AttachPublicOpinion>(decisions, "attachPublicOpinion", Policies.AttachPublicOpinion,
            "Attach complaints or an early warning (by their ids) as views heard",
            (grain, command, context) => grain.AttachPublicOpinion(command, context));
        MapCommand<FinishHearingViews>(decisions, "finishHearingViews", Policies.AssessRisk, "End the hearing of views",
            (grain, command, context) => grain.FinishHearingViews(command, context), whenEmpty: () => new FinishHearingViews());
        MapCommand<RecordFinding>(decisions, "recordFinding", Policies.AssessRisk, "Record the findings on legality, reasonableness, feasibility or controllability",
            (grain, command, context) => grain.RecordFinding(command, context));
        MapCommand<RateRisk>(decisions, "rateRisk", Policies.AssessRisk, "Rate the risk low, medium or high with the reasons, or rate it again",
            (grain, command, context) => grain.RateRisk(command, context));
        MapCommand<RecordMitigation>(decisions, "recordMitigation", Policies.AssessRisk, "Record a mitigation measure and who carries it out",
            (grain, command, context) => grain.RecordMitigation(command, context));
        MapCommand<WriteReport>(decisions, "writeReport", Policies.AssessRisk, "Write the assessment report with its emergency plan",
            (grain, command, context) => grain.WriteReport(command, context));
        MapCommand<RecordReview>(decisions, "recordReview", Policies.AssessRisk,
            "Record the preliminary review (初审) of the stability office or the legal office: agreed or returned",
            (grain, command, context) => grain.RecordReview(command, context));
        return app;
    }

    private static async Task<IResult> Draft(HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var (commandId, keyProblem) = CommandRequests.ReadCommandId(http.Request);
        if (keyProblem is not null)
        {
            return keyProblem;
        }

        var (command, problem) = await JsonBody.ReadAsync<DraftMajorDecision>(http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var actor = http.User.ToActor();
        var id = commandId is null ? CommandRequests.NewId(Prefix) : CommandRequests.IdFor(Prefix, actor.Id, commandId);
        var result = await grains.GetGrain<IMajorDecisionGrain>(id).Draft(command!, Scopes.Live, CommandRequests.ContextOf(actor, commandId));
        return Problems.From(result, v => v.Version, "major decision", ok =>
        {
            CommandRequests.MarkReplay(http, ok);
            return Results.Created($"/api/decisions/{id}", ok.View);
        });
    }

    private static async Task<IResult> List(IGrainFactory grains, RegionCatalog regions, string? region, string? stage, string? scope)
    {
        scope ??= Scopes.Live;
        if (!Scopes.IsValid(scope))
        {
            return Problems.BadRequest($"unknown scope '{scope}'", [new("scope", "must be live or drill-<run>")]);
        }

        MajorDecisionStage? stageFilter = null;
        if (stage is not null)
        {
            stageFilter = Enum.GetValues<MajorDecisionStage>().Where(s => NameOf(s) == stage).Select(s => (MajorDecisionStage?)s).FirstOrDefault();
            if (stageFilter is null)
            {
                return Problems.BadRequest($"stage '{stage}' is not a stage of a major decision",
                    [new("stage", $"must be one of {string.Join(", ", Enum.GetValues<MajorDecisionStage>().Select(NameOf))}")]);
            }
        }

        var shards = await Task.WhenAll(CaseDirectory.AllShardKeys(scope).Select(key => grains.GetGrain<IMajorDecisionDirectoryGrain>(key).List()));
        return Results.Ok(Sorted(shards.SelectMany(s => s))
            .Where(s => stageFilter is null || s.Stage == stageFilter)
            .Where(s => region is null || regions.Covers(region, s.Region))
            .ToList());
    }

    /// <summary>Open matters in the order of the board: the furthest along first, then by title.</summary>
    public static IEnumerable<MajorDecisionSummary> Sorted(IEnumerable<MajorDecisionSummary> summaries) =>
        summaries.OrderByDescending(s => s.Stage).ThenBy(s => s.Title, StringComparer.Ordinal).ThenBy(s => s.Id, StringComparer.Ordinal);

    private static async Task<IResult> Get(string id, IGrainFactory grains)
    {
        if (!IsDecisionId(id))
        {
            return Problems.NotFound($"'{id}' is not a major decision id");
        }

        var view = await grains.GetGrain<IMajorDecisionGrain>(id).GetView();
        return view is null ? Problems.NotFound($"no major decision has the id '{id}'") : Results.Ok(view);
    }

    /// <summary>Who major decisions are: their ids, resources and the problems that name them.</summary>
    public static readonly CaseKind<IMajorDecisionGrain, MajorDecisionView> Kind = new("major decision", Prefix, "/api/decisions", Policies.DecideMatters, v => v.Version);

    private static void MapCommand<TBody>(RouteGroupBuilder group, string move, string policy, string summary,
        Func<IMajorDecisionGrain, TBody, CommandContext, Task<CommandResult<MajorDecisionView>>> send, Func<TBody>? whenEmpty = null)
        where TBody : class =>
        group.MapCaseCommand($"/{{id}}/{move}", summary, Kind, send, whenEmpty, policy);

    private const string Prefix = "dec-";

    private static string NameOf(MajorDecisionStage stage) => JsonNamingPolicy.CamelCase.ConvertName(stage.ToString());

    private static bool IsDecisionId(string id) => DecisionIdPattern().IsMatch(id);

    [GeneratedRegex("^dec-[0-9a-z]{1,40}$")]
    private static partial Regex DecisionIdPattern();
}
