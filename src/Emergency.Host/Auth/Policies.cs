using System.Security.Claims;
using Emergency.Domain;
using Microsoft.AspNetCore.Authorization;

namespace Emergency.Host.Auth;

/// <summary>
/// Which roles may call what, for the endpoints that are not moves (a move names its roles in its record, see
/// Domain.Cases.MoveAttribute). Every other endpoint names one of these.
/// </summary>
public static class Policies
{
    /// <summary>Any authenticated user, observers included.</summary>
    public const string Read = "read";

    /// <summary>Escalate an early warning into an incident: duty commanders.</summary>
    public const string EscalateWarnings = "escalateWarnings";

    /// <summary>Start, steer, inject into, read and purge drills: drill organisers.</summary>
    public const string RunDrills = "runDrills";

    /// <summary>Set and lift entries of the enforcement registry: the roles of <c>Auth:EnforcementRoles</c> (see <see cref="EnforcementRoles"/>).</summary>
    public const string Enforce = "enforce";

    /// <summary>Watch the engine itself (the Prometheus metrics, the Orleans dashboard): administrators, who see no case data.</summary>
    public const string Administer = "administer";

    /// <summary>Read the audit trail: auditors, and nobody else.</summary>
    public const string Audit = "audit";

    public static readonly IReadOnlyDictionary<string, Role[]> Roles = new Dictionary<string, Role[]>
    {
        [Read] = [Role.DutyCommander, Role.DecisionMaker, Role.Assessor, Role.PetitionOfficer, Role.DrillOrganiser, Role.Observer],
        [RunDrills] = [Role.DrillOrganiser],
        [EscalateWarnings] = [Role.DutyCommander],
        [Administer] = [Role.Administrator],
        [Audit] = [Role.Auditor],
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
