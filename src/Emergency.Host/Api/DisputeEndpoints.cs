using Emergency.Contracts;
using Emergency.Domain.Disputes;
using Emergency.Domain.Disputes.Rules;
using Emergency.Domain.Disputes.Supervision;
using Emergency.Domain.Messages;
using Emergency.Host.Auth;
using Emergency.Host.Texts;

namespace Emergency.Host.Api;

/// <summary>
/// The petition and complaint API (信访, 12369): register from any channel, every move of the procedure, one case as
/// the caller's role may see it, the public view, the open list, and efficiency supervision.
/// </summary>
public static class DisputeEndpoints
{
    public static readonly CaseKind<IDisputeGrain, DisputeView> Kind = new(CaseNoun.Petition, "pet-", "/api/disputes", v => v.Version);

    public static IEndpointRouteBuilder MapDisputeEndpoints(this IEndpointRouteBuilder app)
    {
        var disputes = app.MapGroup("/api/disputes").WithTags("Disputes");

        disputes.MapMoves<IDisputeGrain, DisputeCommand, DisputeView, DisputeSummary>(Kind, v => v.Id);

        disputes.MapGet("/", List)
            .RequireAuthorization(Policies.Read)
            .WithSummary("Open petitions and complaints, overdue first, then by next limit; filter by channel, phase, unit, region, enterprise, overdue; a page of limit (default 100, at most 1,000), the next page in the Link header")
            .WithDescription($"{Policies.Describe(Policies.Read)} Summaries carry no personal data.")
            .Produces<IReadOnlyList<DisputeSummary>>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        disputes.MapCaseReads<DisputeView, DisputeTimelineKind>(
            CaseNoun.Petition, Kind.IsId, (id, http, grains) => grains.GetGrain<IDisputeGrain>(id).GetView(http.User.ToActor()),
            "One petition or complaint with its limits, windows and timeline; the complainant and the content only for petition officers");

        disputes.MapGet("/{id}/public", async (string id, IGrainFactory grains) =>
                !Kind.IsId(id) ? Problems.NotAnId(CaseNoun.Petition, id)
                : await grains.GetGrain<IDisputeGrain>(id).GetPublicView() is { } view ? Results.Ok(view)
                : Problems.NoSuchId(CaseNoun.Petition, id))
            .RequireAuthorization(Policies.Read)
            .WithSummary("Where a case stands and whether it was answered on time (查询办理情况): no person, no content, no officer")
            .WithDescription(Policies.Describe(Policies.Read))
            .Produces<DisputePublicView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        var supervision = app.MapGroup("/api/supervision").WithTags("Supervision");
        supervision.MapGet("/", Supervision)
            .RequireAuthorization(Policies.Read)
            .WithSummary("Efficiency supervision (效能监察), closed cases included: on-time acceptance and completion per unit and period, disclosure answers on time, the \"three 100 %\" of suggestions; period=month|quarter|year")
            .WithDescription(Policies.Describe(Policies.Read))
            .Produces<SupervisionReport>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        supervision.MapGet("/overdue", async (IGrainFactory grains, EngineClock clock, string? unit, string? scope) =>
            {
                if (ScopeProblem(ref scope) is { } problem)
                {
                    return problem;
                }

                // Only the cases overdue now can have a limit past its deadline: read those alone, from the index.
                var now = await Drills.DrillClock.NowOf(scope!, grains, clock);
                var disputesOverdue = CaseListPages.OverdueAsync(grains.GetGrain<IDisputeDirectoryGrain>(scope!), now);
                var suggestionsOverdue = CaseListPages.OverdueAsync(grains.GetGrain<ISuggestionDirectoryGrain>(scope!), now);
                var disclosuresOverdue = CaseListPages.OverdueAsync(grains.GetGrain<IDisclosureDirectoryGrain>(scope!), now);
                var list = EfficiencySupervision.Overdue(await disputesOverdue, await suggestionsOverdue, now, await disclosuresOverdue)
                    .Where(o => unit is null || string.Equals(o.Unit, unit, StringComparison.OrdinalIgnoreCase));
                return Results.Ok(list.ToList());
            })
            .RequireAuthorization(Policies.Read)
            .WithSummary("Every open limit of a petition, suggestion or disclosure request past its deadline, the longest overdue first; filter by unit")
            .WithDescription(Policies.Describe(Policies.Read))
            .Produces<IReadOnlyList<OverdueItem>>();
        return app;
    }

    /// <summary>Every petition and suggestion of a scope, open or closed, from the case index: what supervision counts.</summary>
    public static async Task<(List<DisputeSummary> Disputes, List<SuggestionSummary> Suggestions)> AllCases(IGrainFactory grains, string scope)
    {
        var disputes = CaseListPages.HistoryAsync(grains.GetGrain<IDisputeDirectoryGrain>(scope));
        var suggestions = CaseListPages.HistoryAsync(grains.GetGrain<ISuggestionDirectoryGrain>(scope));
        return (await disputes, await suggestions);
    }

    /// <summary>Live unless a drill is asked for; a problem when the scope is unknown.</summary>
    public static IResult? ScopeProblem(ref string? scope)
    {
        scope ??= Scopes.Live;
        return Scopes.IsValid(scope) ? null : Problems.NotOneOf("scope", scope, Scopes.Allowed);
    }

    private static async Task<IResult> List(
        HttpContext http, IGrainFactory grains, EngineClock clock, string? channel, string? phase, string? unit, string? region, string? enterprise, string? overdue,
        string? scope, string? limit, string? after)
    {
        if (ScopeProblem(ref scope) is { } problem)
        {
            return problem;
        }

        var errors = new List<Domain.FieldError>();
        var channelFilter = Parse<PetitionChannel>("channel", channel, errors);
        var phaseFilter = Parse<DisputePhase>("phase", phase, errors);
        var overdueFilter = OpenCaseLists.ReadOverdue(overdue, errors);
        var (count, position) = CaseListPages.Read(limit, after, errors);
        if (errors.Count > 0)
        {
            return Problems.Invalid([.. errors]);
        }

        var company = enterprise is null ? null : Domain.Disputes.EarlyWarning.ComplaintClusterDetector.Normalise(enterprise);
        Func<DisputeSummary, bool>? keep = channelFilter is null && phaseFilter is null && unit is null && region is null && company is null ? null : s =>
            (channelFilter is null || s.Channel == channelFilter)
            && (phaseFilter is null || s.Phase == phaseFilter)
            && (unit is null || string.Equals(s.Unit, unit, StringComparison.OrdinalIgnoreCase) || string.Equals(s.AssignedUnit, unit, StringComparison.OrdinalIgnoreCase))
            && (region is null || string.Equals(s.Subject.Region, region, StringComparison.OrdinalIgnoreCase))
            && (company is null || s.Subject.Enterprise is { } e && string.Equals(Domain.Disputes.EarlyWarning.ComplaintClusterDetector.Normalise(e), company, StringComparison.Ordinal));
        var now = await Drills.DrillClock.NowOf(scope!, grains, clock);
        var page = await CaseListPages.ReadAsync(http, grains.GetGrain<IDisputeDirectoryGrain>(scope!), new CaseListQuery { Limit = count, After = position, Overdue = overdueFilter, Now = now }, keep);
        return Results.Ok(page.ConvertAll(s => s.AsOf(now)));
    }

    private static async Task<IResult> Supervision(IGrainFactory grains, EngineClock clock, PetitionRuleCatalog rules, string? period, string? unit, string? scope)
    {
        if (ScopeProblem(ref scope) is { } problem)
        {
            return problem;
        }

        var errors = new List<Domain.FieldError>();
        var periodValue = Parse<SupervisionPeriod>("period", period, errors) ?? SupervisionPeriod.Month;
        if (errors.Count > 0)
        {
            return Problems.Invalid([.. errors]);
        }

        // The rates count every case, closed ones included: a period's figures stay as its cases close.
        var (disputes, suggestions) = await AllCases(grains, scope!);
        var disclosures = await DisclosureEndpoints.AllRequests(grains, scope!);
        var openDisputes = disputes.Where(d => !d.IsClosed).ToList();
        var openSuggestions = suggestions.Where(s => !s.IsClosed).ToList();
        var openDisclosures = disclosures.Where(r => !r.IsClosed).ToList();
        var now = await Drills.DrillClock.NowOf(scope!, grains, clock);
        var offset = rules.Calendar.UtcOffset;
        bool Mine(string u) => unit is null || string.Equals(u, unit, StringComparison.OrdinalIgnoreCase);
        return Results.Ok(new SupervisionReport(
            scope!,
            now,
            periodValue,
            [.. EfficiencySupervision.Rates(disputes, suggestions, periodValue, now, offset, disclosures).Where(r => Mine(r.Unit))],
            [.. EfficiencySupervision.ThreeHundredPercent(suggestions, periodValue, now, offset).Where(r => Mine(r.Unit))],
            openDisputes.Count,
            openSuggestions.Count,
            EfficiencySupervision.Overdue(openDisputes, openSuggestions, now, openDisclosures).Count(o => Mine(o.Unit)),
            openDisclosures.Count));
    }

    /// <summary>Exactly one wire name of the enum (camelCase), or an error for the field.</summary>
    private static TEnum? Parse<TEnum>(string field, string? text, List<Domain.FieldError> errors)
        where TEnum : struct, Enum
    {
        if (text is null)
        {
            return null;
        }

        var names = Enum.GetValues<TEnum>().ToDictionary(v => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(v.ToString()), StringComparer.OrdinalIgnoreCase);
        if (names.TryGetValue(text, out var value))
        {
            return value;
        }

        errors.Add(new(field, CommonTexts.NotOneOfThese(text, names.Keys)));
        return null;
    }
}

/// <summary>
/// Efficiency supervision of one scope as of a moment: on-time acceptance and completion per unit and period (petitions
/// and suggestions together, closed cases included; disclosure answers beside them), the suggestions' "three 100 %" (closed ones included), how many
/// cases are open, and how many open limits are overdue.
/// </summary>
public sealed record SupervisionReport(
    string Scope,
    DateTimeOffset AsOf,
    SupervisionPeriod Period,
    IReadOnlyList<UnitPeriodRates> Rates,
    IReadOnlyList<ThreeHundredPercent> ThreeHundredPercent,
    int OpenPetitions,
    int OpenSuggestions,
    int OverdueCount,
    int OpenDisclosureRequests);
