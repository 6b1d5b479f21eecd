using Emergency.Contracts;
using Emergency.Domain.Cases;
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

        suggestions.MapGet("/", async (IGrainFactory grains, EngineClock clock, string? unit, string? overdue, string? scope) =>
            {
                if (DisputeEndpoints.ScopeProblem(ref scope) is { } problem)
                {
                    return problem;
                }

                if (OpenCaseLists.ReadOverdue(overdue, out var overdueFilter) is { } badFilter)
                {
                    return badFilter;
                }

                var (_, open) = await DisputeEndpoints.OpenCases(grains, scope!);
                var now = await Drills.DrillClock.NowOf(scope!, grains, clock);
                return Results.Ok(OpenCaseLists.Ordered(
                    open.Select(s => s.AsOf(now))
                        .Where(s => unit is null || string.Equals(s.Unit, unit, StringComparison.OrdinalIgnoreCase) || string.Equals(s.AssignedUnit, unit, StringComparison.OrdinalIgnoreCase))
                        .Where(s => overdueFilter is null || s.Overdue == overdueFilter),
                    s => s.Overdue, s => s.NextDueAt, s => s.Id));
            })
            .RequireAuthorization(Policies.Read)
            .WithSummary("Open suggestions and proposals, overdue first; filter by unit and overdue")
            .WithDescription(Policies.Describe(Policies.Read))
            .Produces<IReadOnlyList<SuggestionSummary>>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        suggestions.MapGet("/{id}", async (string id, HttpContext http, IGrainFactory grains) =>
                !Kind.IsId(id) ? Problems.NotAnId(CaseNoun.Suggestion, id)
                : await grains.GetGrain<ISuggestionGrain>(id).GetView(http.User.ToActor()) is { } view ? Results.Ok(view.WithNewestTimeline(TimelinePages.ViewSize))
                : Problems.NoSuchId(CaseNoun.Suggestion, id))
            .RequireAuthorization(Policies.Read)
            .WithSummary("One suggestion or proposal with its limits and timeline; the deputy's contact and the letters only for petition officers")
            .WithDescription(Policies.Describe(Policies.Read))
            .Produces<SuggestionView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        suggestions.MapTimeline<SuggestionView, DisputeTimelineEntry>(CaseNoun.Suggestion, Kind.IsId, (id, http, grains) => grains.GetGrain<ISuggestionGrain>(id).GetView(http.User.ToActor()), v => v.Timeline);

        return app;
    }
}
