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

        suggestions.MapGet("/", (IGrainFactory grains, EngineClock clock, string? unit, string? overdue, string? scope) =>
                OpenCaseLists.CalendarCases(grains, clock, scope, overdue, unit, s => grains.GetGrain<ISuggestionDirectoryGrain>(s), s => [s.Unit, s.AssignedUnit]))
            .RequireAuthorization(Policies.Read)
            .WithSummary("Open suggestions and proposals, overdue first; filter by unit and overdue")
            .WithDescription(Policies.Describe(Policies.Read))
            .Produces<IReadOnlyList<SuggestionSummary>>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        suggestions.MapCaseReads<SuggestionView, DisputeTimelineKind>(
            CaseNoun.Suggestion, Kind.IsId, (id, http, grains) => grains.GetGrain<ISuggestionGrain>(id).GetView(http.User.ToActor()),
            "One suggestion or proposal with its limits and timeline; the deputy's contact and the letters only for petition officers");

        return app;
    }
}
