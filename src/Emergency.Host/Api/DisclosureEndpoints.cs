using Emergency.Contracts;
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

        disclosures.MapGet("/", (HttpContext http, IGrainFactory grains, EngineClock clock, string? unit, string? overdue, string? scope, string? limit, string? after) =>
                OpenCaseLists.CalendarCases(http, grains, clock, scope, overdue, unit, limit, after, s => grains.GetGrain<IDisclosureDirectoryGrain>(s), s => [s.Unit]))
            .RequireAuthorization(Policies.Read)
            .WithSummary("Open requests for government information, overdue first; filter by unit and overdue; a page of limit (default 100, at most 1,000), the next page in the Link header. Summaries carry no personal data")
            .WithDescription(Policies.Describe(Policies.Read))
            .Produces<IReadOnlyList<DisclosureSummary>>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        disclosures.MapCaseReads<DisclosureView, DisputeTimelineKind>(
            CaseNoun.DisclosureRequest, Kind.IsId, (id, http, grains) => grains.GetGrain<IDisclosureGrain>(id).GetView(http.User.ToActor()),
            "One request with its answer limit, windows and timeline; the applicant, the request's words and the answer letter only for petition officers");

        return app;
    }

    /// <summary>Every disclosure request of a scope, open or closed, from the case index: what supervision counts.</summary>
    public static Task<List<DisclosureSummary>> AllRequests(IGrainFactory grains, string scope) =>
        CaseListPages.HistoryAsync(grains.GetGrain<IDisclosureDirectoryGrain>(scope));
}
