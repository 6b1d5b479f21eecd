using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Emergency.Api.Tests.Infrastructure;
using Emergency.Domain;
using Emergency.Host.Auth;
using Emergency.Testing;

namespace Emergency.Api.Tests;

/// <summary>
/// The role × endpoint matrix, generated from the engine's own OpenAPI document: every operation it lists, called by a
/// token of every role and with none. The roles an operation admits are its <c>x-roles</c>, which the engine writes
/// from the endpoint's authorization policies, so a new endpoint is in the matrix the moment it is in the document.
/// </summary>
public sealed class RoleMatrixTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    [Fact]
    public async Task No_role_the_document_does_not_admit_succeeds_on_any_operation_and_no_call_gets_a_5xx()
    {
        var document = (await engine.Anonymous.Get("/openapi/v1.json")).Body.AsObject();
        var bodies = new BadBodies(document);
        var tokens = MachineTokens.Load(Path.Combine(RepoPaths.Config, "tokens.json"), SignInSettings.DevelopmentTokenKey);
        var callers = MachineTokens.DevelopmentTokens.Select(t => (Role: Wire(tokens.Find(t)!.Role), Api: engine.As(t))).ToList();
        // Every role has a token; the duty commander has four (the whole deployment, and bound to a county, a city, a province).
        Assert.Equal(Enum.GetValues<Role>().Where(r => r != Role.System).Select(Wire).Order(), callers.Select(c => c.Role).Distinct().Order());

        var failures = new List<string>();
        var (operations, refusals, calls) = (0, 0, 0);

        // Deletes last: a purged drill would leave its other operations nothing to refuse.
        foreach (var (path, method, operation) in Operations(document).OrderBy(o => o.Method == "delete").ThenBy(o => o.Path, StringComparer.Ordinal))
        {
            operations++;
            var what = $"{method.ToUpperInvariant()} {path}";
            if (operation["x-roles"] is not JsonArray admitted)
            {
                failures.Add($"{what}: the document names no roles (x-roles)");
                continue;
            }

            var roles = admitted.Select(r => r!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
            var anonymous = operation["x-anonymous"]?.GetValue<bool>() == true;
            var target = string.Join('/', path.Split('/').Select(s => s.StartsWith('{') ? "x" : s));
            var schema = operation["requestBody"]?["content"]?.AsObject().Select(c => c.Value?["schema"]).FirstOrDefault(s => s is not null);
            var body = method is "get" or "delete" ? null : bodies.For(schema).FirstOrDefault() ?? BadBodies.Generic[0];

            var nobody = await BadInputTests.Send(engine.Anonymous, method, target, body);
            calls++;
            Check(nobody, "no sign-in", anonymous ? null : HttpStatusCode.Unauthorized);
            if (anonymous)
            {
                // Open to anyone (sign-in, health, the document): once is enough, and sign-in attempts are rate limited.
                continue;
            }

            foreach (var (role, api) in callers)
            {
                var reply = await BadInputTests.Send(api, method, target, body);
                calls++;
                if (roles.Contains(role))
                {
                    if (reply.Status == HttpStatusCode.Unauthorized)
                    {
                        failures.Add($"{what} as {role}: admitted, yet {reply}");
                    }

                    Check(reply, role, null);
                }
                else
                {
                    refusals++;
                    Check(reply, role, HttpStatusCode.Forbidden);
                }
            }

            void Check(Reply reply, string who, HttpStatusCode? expected)
            {
                if ((int)reply.Status >= 500 || (expected is { } status && reply.Status != status) || (expected is not null && (int)reply.Status is >= 200 and < 300))
                {
                    failures.Add($"{what} as {who} with {body?.ToString() ?? "no body"}: expected {(expected is { } e ? (int)e : "no 5xx")}, got {reply}");
                }
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{operations} operations, {calls:N0} calls, {refusals:N0} of them by a role not admitted");
        Assert.True(operations >= 80, $"only {operations} operations in the OpenAPI document");
        Assert.True(refusals >= 300, $"only {refusals} calls by a role not admitted");
        Assert.True(failures.Count == 0, $"{failures.Count} cells of the matrix are wrong:{Environment.NewLine}{string.Join(Environment.NewLine, failures.Take(40))}");
    }

    [Fact]
    public async Task The_document_names_the_roles_of_an_operation_from_its_policy()
    {
        var paths = (await engine.Anonymous.Get("/openapi/v1.json")).Body["paths"]!;
        string[] Roles(string path, string method) => [.. paths[path]![method]!["x-roles"]!.AsArray().Select(r => r!.GetValue<string>()).Order()];

        Assert.Equal(["auditor"], Roles("/api/audit", "get"));
        Assert.Equal(["administrator"], Roles("/api/users", "post"));
        Assert.Equal(["petitionOfficer"], Roles("/api/disputes", "post"));
        Assert.Equal(Enum.GetValues<Role>().Where(r => r != Role.System).Select(Wire).Order(), Roles("/api/me", "get"));
        Assert.True(paths["/auth/sign-in"]!["post"]!["x-anonymous"]!.GetValue<bool>());
        Assert.Null(paths["/api/incidents"]!["get"]!["x-anonymous"]);
    }

    private static string Wire(Role role) => JsonNamingPolicy.CamelCase.ConvertName(role.ToString());

    private static IEnumerable<(string Path, string Method, JsonNode Operation)> Operations(JsonObject document) =>
        document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject()
            .Where(o => o.Key is "get" or "post" or "put" or "delete" or "patch")
            .Select(o => (p.Key, o.Key, o.Value!)));
}
