using System.Text.RegularExpressions;
using Emergency.Contracts;
using Emergency.Domain.Disputes.EarlyWarning;
using Emergency.Host.Auth;
using Emergency.Host.Texts;

namespace Emergency.Host.Api;

/// <summary>Early warnings (预警): the list, one by id (for a decision's risk review to check), and escalation into an incident.</summary>
public static partial class WarningEndpoints
{
    public static IEndpointRouteBuilder MapWarningEndpoints(this IEndpointRouteBuilder app)
    {
        var warnings = app.MapGroup("/api/warnings").WithTags("Early warning");

        warnings.MapGet("/", async (IGrainFactory grains, string? escalated, string? scope) =>
            {
                if (DisputeEndpoints.ScopeProblem(ref scope) is { } problem)
                {
                    return problem;
                }

                bool? escalatedFilter = null;
                if (escalated is not null)
                {
                    if (!bool.TryParse(escalated, out var parsed))
                    {
                        return Problems.NotOneOf("escalated", escalated, ["true", "false"]);
                    }

                    escalatedFilter = parsed;
                }

                var list = await grains.GetGrain<IWarningDirectoryGrain>(scope!).List();
                return Results.Ok(list.Where(w => escalatedFilter is null || (w.Escalation is not null) == escalatedFilter).ToList());
            })
            .RequireAuthorization(Policies.Read)
            .WithSummary("Early warnings, newest first: N complaints about one enterprise or place within the window, with the complaints as evidence")
            .WithDescription(Policies.Describe(Policies.Read))
            .Produces<IReadOnlyList<EarlyWarningRecord>>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        warnings.MapGet("/{id}", async (string id, IGrainFactory grains) =>
                !IsWarningId(id) ? Problems.NotAnId(CaseNoun.Warning, id)
                : await grains.GetGrain<IWarningGrain>(id).Get() is { } warning ? Results.Ok(warning)
                : Problems.NoSuchId(CaseNoun.Warning, id))
            .RequireAuthorization(Policies.Read)
            .WithSummary("One early warning with its evidence and escalation")
            .WithDescription(Policies.Describe(Policies.Read))
            .Produces<EarlyWarningRecord>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        warnings.MapPost("/{id}/escalate", async (string id, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
            {
                if (!IsWarningId(id))
                {
                    return Problems.NotAnId(CaseNoun.Warning, id);
                }

                var (commandId, keyProblem) = CommandRequests.ReadCommandId(http.Request);
                if (keyProblem is not null)
                {
                    return keyProblem;
                }

                var (command, problem) = http.Request.ContentLength is null or 0 && !http.Request.HasJsonContentType()
                    ? (new EscalateWarning(), null)
                    : await JsonBody.ReadAsync<EscalateWarning>(http.Request, cancellationToken);
                if (problem is not null)
                {
                    return problem;
                }

                var result = await grains.GetGrain<IWarningGrain>(id).Escalate(command!, CommandRequests.ContextOf(http.User.ToActor(), commandId));
                return Problems.From(result, w => w.Version, CaseNoun.Warning, ok =>
                {
                    CommandRequests.MarkReplay(http, ok);
                    return Results.Ok(ok.View);
                });
            })
            .RequireAuthorization(Policies.EscalateWarnings)
            .WithSummary("Escalate a warning into an incident (预警升级): the incident names the complaints, and each complaint's timeline names the incident")
            .WithDescription($"{Policies.Describe(Policies.EscalateWarnings)} Optional body: title, region, discoveredAt, facts, note. Send an {CommandRequests.IdempotencyHeader} header to make a retry safe.")
            .Accepts<EscalateWarning>("application/json")
            .Produces<EarlyWarningRecord>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static bool IsWarningId(string id) => WarningIdPattern().IsMatch(id);

    [GeneratedRegex("^wrn-[0-9a-f]{20}$")]
    private static partial Regex WarningIdPattern();
}
