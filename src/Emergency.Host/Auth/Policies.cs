using System.Security.Claims;
using Emergency.Domain;
using Microsoft.AspNetCore.Authorization;

namespace Emergency.Host.Auth;

/// <summary>Which roles may call what. Every endpoint names one of these.</summary>
public static class Policies
{
    /// <summary>Any authenticated user, observers included.</summary>
    public const string Read = "read";

    /// <summary>Coordinate incidents: duty commanders.</summary>
    public const string CommandIncidents = "commandIncidents";

    /// <summary>Register and handle petitions, complaints and suggestions: petition officers.</summary>
    public const string HandleDisputes = "handleDisputes";

    /// <summary>Escalate an early warning into an incident: duty commanders.</summary>
    public const string EscalateWarnings = "escalateWarnings";

    /// <summary>Start, steer, inject into, read and purge drills: drill organisers.</summary>
    public const string RunDrills = "runDrills";

    /// <summary>Draft, submit and change major decisions and take the collective decision: decision makers.</summary>
    public const string DecideMatters = "decideMatters";

    /// <summary>Carry out the social stability risk assessment (hear views, analyse, rate, report, record reviews): assessors.</summary>
    public const string AssessRisk = "assessRisk";

    /// <summary>Attach complaints and early warnings to a major decision as views heard: decision makers and assessors.</summary>
    public const string AttachPublicOpinion = "attachPublicOpinion";

    /// <summary>Set and lift entries of the enforcement registry: the roles of <c>Auth:EnforcementRoles</c> (see <see cref="EnforcementRoles"/>).</summary>
    public const string Enforce = "enforce";

    /// <summary>Watch the engine itself (the Prometheus metrics, the Orleans dashboard): administrators, who see no case data.</summary>
    public const string Administer = "administer";

    public static readonly IReadOnlyDictionary<string, Role[]> Roles = new Dictionary<string, Role[]>
    {
        [Read] = [Role.DutyCommander, Role.DecisionMaker, Role.Assessor, Role.PetitionOfficer, Role.DrillOrganiser, Role.Observer],
        [CommandIncidents] = [Role.DutyCommander],
        [RunDrills] = [Role.DrillOrganiser],
        [DecideMatters] = [Role.DecisionMaker],
        [AssessRisk] = [Role.Assessor],
        [AttachPublicOpinion] = [Role.DecisionMaker, Role.Assessor],
        [HandleDisputes] = [Role.PetitionOfficer],
        [EscalateWarnings] = [Role.DutyCommander],
        [Administer] = [Role.Administrator],
    };

    public static AuthorizationBuilder AddEmergencyPolicies(this AuthorizationBuilder builder, IReadOnlyList<Role>? enforcers = null)
    {
        foreach (var (name, roles) in Roles)
        {
            builder.AddPolicy(name, policy => policy.RequireRole(roles.Select(r => r.ToString())));
        }

        builder.AddPolicy(Enforce, policy => policy.RequireRole((enforcers ?? EnforcementRoles.Default).Select(r => r.ToString())));

        return builder;
    }

    public static string Describe(string policy) => $"Roles: {string.Join(", ", Roles[policy].Select(r => r.ToString()))}.";

    public static Actor ToActor(this ClaimsPrincipal user) =>
        new(user.Identity?.Name ?? throw new InvalidOperationException("unauthenticated"),
            Enum.Parse<Role>(user.FindFirstValue(ClaimTypes.Role)!));
}
