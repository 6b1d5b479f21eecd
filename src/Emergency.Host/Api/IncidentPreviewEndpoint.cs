using Emergency.Contracts;
using Emergency.Domain;
using Emergency.Domain.Cases;
using Emergency.Domain.Incidents;
using Emergency.Domain.Rules;
using Emergency.Host.Auth;
using Emergency.Host.Texts;

namespace Emergency.Host.Api;

/// <summary>
/// 接报预览: what registering an incident would give (its grade with the reasons, every deadline with its basis) before
/// the duty commander confirms it. The domain's own registration runs on the facts as given, by the rules in force at
/// discovery, and its result is answered, never stored: the preview and the registration cannot disagree.
/// </summary>
public static class IncidentPreviewEndpoint
{
    private static readonly MoveInfo RegisterMove = Moves.Info(typeof(ReportIncident));

    /// <summary>The id the previewed incident carries; no incident has it (the engine's ids are random).</summary>
    private const string PreviewId = "inc-preview";

    public static RouteGroupBuilder MapIncidentPreview(this RouteGroupBuilder incidents)
    {
        incidents.MapPost("/preview", Preview)
            .RequireAuthorization(policy => policy.RequireRole(RegisterMove.Roles.Select(r => r.ToString())))
            .WithSummary("Preview a registration (接报): the grade and the deadlines the incident would get, nothing stored")
            .WithDescription($"{CaseCommandEndpoints.DescribeRoles(RegisterMove)} The body is the registration's (POST /api/incidents); the answer is the incident as it would be registered now.")
            .Accepts<ReportIncident>("application/json")
            .Produces<IncidentView>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return incidents;
    }

    private static async Task<IResult> Preview(HttpContext http, RuleSetCatalog catalog, EngineClock clock, CancellationToken cancellationToken)
    {
        var (command, problem) = await JsonBody.ReadAsync<ReportIncident>(http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        // Live work is judged by the rules in force at discovery, as the registration itself insists.
        if (command!.JudgedUnder is not null)
        {
            return Problems.Invalid(new FieldError("judgedUnder", IncidentTexts.LiveWorkJudgedInForce));
        }

        var now = clock.Now;
        var (incident, decision) = Incident.Register(PreviewId, Scopes.Live, command, http.User.ToActor(), catalog, now);
        return incident is null
            ? Problems.BadRequest(decision.Reason ?? HostTexts.InvalidTitle, decision.Errors)
            : Results.Ok(incident.View(now));
    }
}
