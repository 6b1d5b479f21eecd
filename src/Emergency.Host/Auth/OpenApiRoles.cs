using System.Text.Json;
using System.Text.Json.Nodes;
using Emergency.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Emergency.Host.Auth;

/// <summary>
/// Every operation of the OpenAPI document names, in <c>x-roles</c>, the roles its authorization admits, read from the
/// endpoint's own policies (not from its description), and <c>x-anonymous: true</c> when it needs no sign-in. Clients
/// can tell what a role may do, and the role × endpoint test is generated from the document.
/// </summary>
public static class OpenApiRoles
{
    public const string RolesExtension = "x-roles";

    public const string AnonymousExtension = "x-anonymous";

    /// <summary>The roles that sign in: every role but the engine's own.</summary>
    private static readonly Role[] People = [.. Enum.GetValues<Role>().Where(r => r != Role.System)];

    public static IServiceCollection AddOpenApiRoles(this IServiceCollection services) =>
        services.Configure<OpenApiOptions>("v1", options => options.AddOperationTransformer(async (operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var provider = context.ApplicationServices.GetRequiredService<IAuthorizationPolicyProvider>();
            var anonymous = metadata.OfType<IAllowAnonymous>().Any();
            var policy = anonymous ? null : await AuthorizationPolicy.CombineAsync(provider, metadata.OfType<IAuthorizeData>(), metadata.OfType<AuthorizationPolicy>());
            var roles = policy is null ? People : Admitted(policy);
            operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            operation.Extensions[RolesExtension] = new JsonNodeExtension(new JsonArray([.. roles.Select(r => JsonValue.Create(JsonNamingPolicy.CamelCase.ConvertName(r.ToString())))]));
            if (policy is null)
            {
                operation.Extensions[AnonymousExtension] = new JsonNodeExtension(JsonValue.Create(true));
            }
        }));

    /// <summary>The roles every role requirement of <paramref name="policy"/> admits (each must be met).</summary>
    private static Role[] Admitted(AuthorizationPolicy policy) =>
        [.. policy.Requirements.OfType<RolesAuthorizationRequirement>()
            .Aggregate((IEnumerable<Role>)People, (admitted, requirement) => admitted.Where(r => requirement.AllowedRoles.Contains(r.ToString(), StringComparer.Ordinal)))];
}
