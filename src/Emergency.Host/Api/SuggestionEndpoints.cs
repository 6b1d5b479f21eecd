using Emergency.Contracts;
using Emergency.Domain.Disputes;
using Emergency.Host.Auth;
using Emergency.Host.Texts;

namespace Emergency.Host.Api;

/// <summary>The API of deputies' suggestions and members' proposals (建议提案): register, assign, reply, satisfaction, close.</summary>
public static class SuggestionEndpoints
{
    public static readonly CaseKind<ISuggestionGrain, SuggestionView> Kind = new(CaseNoun.Suggestion, "sug-", "/api/suggestions", v => v.Version);

    public static IEndpointRouteBuilder MapSuggestionEndpoints(this IEndpointRouteBuilder app)
    {
        var suggestions = app.MapGroup("/api/suggestions").WithTags("Suggestions");

        suggestions.MapMoves<ISuggestionGrain, SuggestionCommand, SuggestionView, SuggestionSummary>(Kind, v => v.Id);

        suggestions.MapGet("/", (HttpContext http, IGrainFactory grains, EngineClock clock, string? unit, string? overdue, string? scope, string? limit, string? after) =>
                OpenCaseLists.CalendarCases(http, grains, clock, scope, overdue, unit, limit, after, s => grains.GetGrain<ISuggestionDirectoryGrain>(s), s => [s.Unit, s.AssignedUnit]))
            .RequireAuthorization(Policies.Read)
            .WithSummary("Open suggestions and proposals, overdue first; filter by unit and overdue; a page of limit (default 100, at most 1,000), the next page in the Link header")
            .WithDescription(Policies.Describe(Policies.Read))
            .Produces<IReadOnlyList<SuggestionSummary>>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        suggestions.MapCaseReads<SuggestionView, DisputeTimelineKind>(
            CaseNoun.Suggestion, Kind.IsId, (id, http, grains) => grains.GetGrain<ISuggestionGrain>(id).GetView(http.User.ToActor()),
            "One suggestion or proposal with its limits and timeline; the deputy's contact and the letters only for petition officers");

        return app;
    }
}
