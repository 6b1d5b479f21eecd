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

    public static readonly IReadOnlyDictionary<string, Role[]> Roles = new Dictionary<string, Role[]>
    {
        [Read] = [Role.DutyCommander, Role.DecisionMaker, Role.Assessor, Role.PetitionOfficer, Role.DrillOrganiser, Role.Observer],
        [CommandIncidents] = [Role.DutyCommander],
        [RunDrills] = [Role.DrillOrganiser],
        [HandleDisputes] = [Role.PetitionOfficer],
        [EscalateWarnings] = [Role.DutyCommander],
    };

    public static AuthorizationBuilder AddEmergencyPolicies(this AuthorizationBuilder builder)
    {
        foreach (var (name, roles) in Roles)
        {
            builder.AddPolicy(name, policy => policy.RequireRole(roles.Select(r => r.ToString())));
        }

        return builder;
    }

    public static string Describe(string policy) => $"Roles: {string.Join(", ", Roles[policy].Select(r => r.ToString()))}.";

    public static Actor ToActor(this ClaimsPrincipal user) =>
        new(user.Identity?.Name ?? throw new InvalidOperationException("unauthenticated"),
            Enum.Parse<Role>(user.FindFirstValue(ClaimTypes.Role)!));
}
