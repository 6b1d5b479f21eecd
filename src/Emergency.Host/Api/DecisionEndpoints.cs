using System.Text.Json;
using System.Text.RegularExpressions;
using Emergency.Contracts;
using Emergency.Domain.Decisions;
using Emergency.Domain.Regions;
using Emergency.Host.Auth;
using Emergency.Host.Texts;

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

        decisions.MapMoves<IMajorDecisionGrain, MajorDecisionCommand, MajorDecisionView, MajorDecisionSummary>(Kind, v => v.Id);

        decisions.MapGet("/", List)
            .RequireAuthorization(Policies.Read)
            .WithSummary("Open major decisions with their stage, risk level and what blocks them; filter by region (a city takes in its counties) and stage")
            .WithDescription(Policies.Describe(Policies.Read))
            .Produces<IReadOnlyList<MajorDecisionSummary>>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        decisions.MapCaseReads<MajorDecisionView, MajorDecisionTimelineKind>(
            CaseNoun.MajorDecision, IsDecisionId, (id, _, grains) => grains.GetGrain<IMajorDecisionGrain>(id).GetView(),
            "One major decision: its assessment, views heard, analysis, reviews, decisions, blockers and timeline");

        return app;
    }

    private static async Task<IResult> List(IGrainFactory grains, RegionCatalog regions, string? region, string? stage, string? scope)
    {
        scope ??= Scopes.Live;
        if (!Scopes.IsValid(scope))
        {
            return Problems.NotOneOf("scope", scope, Scopes.Allowed);
        }

        MajorDecisionStage? stageFilter = null;
        if (stage is not null)
        {
            stageFilter = Enum.GetValues<MajorDecisionStage>().Where(s => NameOf(s) == stage).Select(s => (MajorDecisionStage?)s).FirstOrDefault();
            if (stageFilter is null)
            {
                return Problems.NotOneOf("stage", stage, Enum.GetValues<MajorDecisionStage>().Select(NameOf));
            }
        }

        var open = await grains.GetGrain<IMajorDecisionDirectoryGrain>(scope).List();
        return Results.Ok(Sorted(open)
            .Where(s => stageFilter is null || s.Stage == stageFilter)
            .Where(s => region is null || regions.Covers(region, s.Region))
            .ToList());
    }

    /// <summary>Open matters in the order of the board: the furthest along first, then by title.</summary>
    public static IEnumerable<MajorDecisionSummary> Sorted(IEnumerable<MajorDecisionSummary> summaries) =>
        summaries.OrderByDescending(s => s.Stage).ThenBy(s => s.Title, StringComparer.Ordinal).ThenBy(s => s.Id, StringComparer.Ordinal);

    /// <summary>Who major decisions are: their ids, resources and the problems that name them.</summary>
    public static readonly CaseKind<IMajorDecisionGrain, MajorDecisionView> Kind = new(CaseNoun.MajorDecision, Prefix, "/api/decisions", v => v.Version);

    private const string Prefix = "dec-";

    private static string NameOf(MajorDecisionStage stage) => JsonNamingPolicy.CamelCase.ConvertName(stage.ToString());

    private static bool IsDecisionId(string id) => DecisionIdPattern().IsMatch(id);

    [GeneratedRegex("^dec-[0-9a-z]{1,40}$")]
    private static partial Regex DecisionIdPattern();
}
