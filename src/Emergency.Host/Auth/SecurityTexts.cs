using Emergency.Domain.Messages;

namespace Emergency.Host.Auth;

/// <summary>What the engine says about rate limits and passwords (resources <c>Security.resx</c>).</summary>
public static class SecurityTexts
{
    public static readonly MessageCode TooManyTitle = new("security.tooMany.title");

    public static readonly MessageCode TooManySignIns = new("security.tooMany.signIn", "seconds");

    public static readonly MessageCode TooManyFromAddress = new("security.tooMany.fromAddress", "seconds");

    public static readonly MessageCode TooManyForUser = new("security.tooMany.user", "user", "permits", "window", "seconds");

    public static readonly MessageCode TooManyWithoutSignIn = new("security.tooMany.withoutSignIn", "permits", "window", "seconds");

    public static readonly MessageCode PasswordRefusedTitle = new("security.password.refusedTitle");

    public static readonly MessageCode WrongCurrentPassword = new("security.password.wrongCurrent");

    public static readonly MessageCode MachineTokenHasNoPassword = new("security.password.machineToken");

    public static readonly MessageCode SameAsCurrent = new("security.password.sameAsCurrent");

    public static readonly MessageCode DashboardNotASilo = new("security.dashboard.notASilo", "address");

    public static readonly MessageCode DashboardNoSuchSilo = new("security.dashboard.noSuchSilo", "address");

    public static readonly MessageCode DashboardCannotAnswer = new("security.dashboard.cannotAnswer", "path");
}
