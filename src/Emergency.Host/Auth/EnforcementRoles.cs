using Emergency.Domain;
using Emergency.Host.Hosting;

namespace Emergency.Host.Auth;

/// <summary>
/// Who may set and lift listed supervisions, blacklistings and regional approval restrictions. The regulations name
/// the authority (a ministry, a provincial department) that issues them, not a role in the department, so a
/// deployment says which of its roles records them: <c>Auth:EnforcementRoles</c>, comma-separated; decision makers by default.
/// </summary>
public static class EnforcementRoles
{
    public const string Key = "Auth:EnforcementRoles";

    public static readonly IReadOnlyList<Role> Default = [Role.DecisionMaker];

    public static IReadOnlyList<Role> Read(IConfiguration configuration)
    {
        var text = configuration[Key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return Default;
        }

        var roles = new List<Role>();
        foreach (var name in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Enum.TryParse<Role>(name, ignoreCase: true, out var role) || !Enum.IsDefined(role) || role == Role.System || int.TryParse(name, out _))
            {
                throw new EngineConfigurationException(Key, $"'{name}' is not a role (roles: {string.Join(", ", Enum.GetNames<Role>().Where(n => n != nameof(Role.System)).Select(Camel))})");
            }

            roles.Add(role);
        }

        return roles.Count == 0 ? Default : roles;
    }

    public static string Describe(IReadOnlyList<Role> roles) => $"Roles: {string.Join(", ", roles)} (setting {Key}).";

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
