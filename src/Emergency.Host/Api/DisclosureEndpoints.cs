using Emergency.Contracts;
using Emergency.Domain.Cases;
using Emergency.Domain.Disclosure;
using Emergency.Domain.Disputes;
using Emergency.Host.Auth;
using Emergency.Host.Texts;

namespace Emergency.Host.Api;

/// <summary>
/// The API of requests for government information (依申请公开): register, every move of the procedure on the one move
/// shape, the open list and one request as the caller's role may see it. Supervision counts them with the petitions.
/// </summary>
public static class DisclosureEndpoints
{
    public static readonly CaseKind<IDisclosureGrain, DisclosureView> Kind = new(CaseNoun.DisclosureRequest, "dis-", "/api/disclosures", v => v.Version);

    public static IEndpointRouteBuilder MapDisclosureEndpoints(this IEndpointRouteBuilder app)
    {
        var disclosures = app.MapGroup("/api/disclosures").WithTags("Disclosure requests");

        disclosures.MapMoves<IDisclosureGrain, DisclosureCommand, DisclosureView, DisclosureSummary>(Kind, v => v.Id);

        disclosures.MapGet("/", async (IGrainFactory grains, EngineClock clock, string? unit, string? overdue, string? scope) =>
            {
                if (DisputeEndpoints.ScopeProblem(ref scope) is { } problem)
                {
                    return problem;
                }

                if (OpenCaseLists.ReadOverdue(overdue, out var overdueFilter) is { } badFilter)
                {
                    return badFilter;
                }

                var open = await grains.GetGrain<IDisclosureDirectoryGrain>(scope!).List();
                var now = await Drills.DrillClock.NowOf(scope!, grains, clock);
                return Results.Ok(OpenCaseLists.Ordered(
                    open.Select(s => s.AsOf(now))
                        .Where(s => unit is null || string.Equals(s.Unit, unit, StringComparison.OrdinalIgnoreCase))
                        .Where(s => overdueFilter is null || s.Overdue == overdueFilter),
                    s => s.Overdue, s => s.NextDueAt, s => s.Id));
            })
            .RequireAuthorization(Policies.Read)
            .WithSummary("Open requests for government information, overdue first; filter by unit and overdue. Summaries carry no personal data")
            .WithDescription(Policies.Describe(Policies.Read))
            .Produces<IReadOnlyList<DisclosureSummary>>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        disclosures.MapGet("/{id}", async (string id, HttpContext http, IGrainFactory grains) =>
                !Kind.IsId(id) ? Problems.NotAnId(CaseNoun.DisclosureRequest, id)
                : await grains.GetGrain<IDisclosureGrain>(id).GetView(http.User.ToActor()) is { } view ? Results.Ok(view.WithNewestTimeline(TimelinePages.ViewSize))
                : Problems.NoSuchId(CaseNoun.DisclosureRequest, id))
            .RequireAuthorization(Policies.Read)
            .WithSummary("One request with its answer limit, windows and timeline; the applicant, the request's words and the answer letter only for petition officers")
            .WithDescription(Policies.Describe(Policies.Read))
            .Produces<DisclosureView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        disclosures.MapTimeline<DisclosureView, DisputeTimelineEntry>(CaseNoun.DisclosureRequest, Kind.IsId, (id, http, grains) => grains.GetGrain<IDisclosureGrain>(id).GetView(http.User.ToActor()), v => v.Timeline);

        return app;
    }

    /// <summary>Every disclosure request of a scope, open or closed, from the case index: what supervision counts.</summary>
    public static async Task<List<DisclosureSummary>> AllRequests(IGrainFactory grains, string scope) =>
        [.. await grains.GetGrain<IDisclosureDirectoryGrain>(scope).History()];
}
