using System.Text.Json;
using System.Text.RegularExpressions;
using Emergency.Contracts;
using Emergency.Domain;
using Emergency.Domain.Messages;
using Emergency.Host.Api;
using Emergency.Host.Texts;
using Emergency.Storage.Users;
using Microsoft.AspNetCore.Identity;

namespace Emergency.Host.Auth;

/// <summary>A person to add: a name to sign in with, a role and a first password.</summary>
/// <remarks><see cref="Jurisdiction"/>: the region (a code, a name or an alias of the catalog) whose incidents the person acts on; none for the whole deployment.</remarks>
public sealed record NewUser(string Name, Role Role, string Password, string? Jurisdiction = null);

/// <summary>A user as an administrator sees it: never the password's hash.</summary>
public sealed record UserView(string Name, Role Role, bool Disabled, DateTimeOffset? LockedUntil, DateTimeOffset Created, string CreatedBy, string? Jurisdiction = null);

/// <summary>
/// Administrators add, list, disable and enable the people who sign in. Each change is written to the audit log
/// (category <see cref="AuditCategory"/>) with the administrator who made it.
/// </summary>
public static partial class UserEndpoints
{
    public const string AuditCategory = "Emergency.Audit";

    public const int NameMaxLength = 64;

    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users").RequireAuthorization(Policies.Administer).WithTags("Users");
        users.MapGet("", async (UserStore store, CancellationToken ct) => Results.Ok((await store.ListAsync(ct)).Select(View)))
            .WithSummary("The people who sign in with a name and a password")
            .WithDescription(Policies.Describe(Policies.Administer))
            .Produces<UserView[]>();

        users.MapPost("", Add)
            .WithSummary("Adds a person who signs in with a name and a password")
            .WithDescription(Policies.Describe(Policies.Administer))
            .Accepts<NewUser>("application/json")
            .Produces<UserView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);

        users.MapPost("/{name}/disable", (string name, UserStore store, HttpContext http, ILoggerFactory loggers, CancellationToken ct) => SetDisabled(name, true, store, http, loggers, ct))
            .WithSummary("Disables a user: no sign-in, and an open session stops at its next request")
            .WithDescription(Policies.Describe(Policies.Administer))
            .Accepts<Drills.NoBody>(isOptional: true, "application/json")
            .Produces<UserView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        users.MapPost("/{name}/enable", (string name, UserStore store, HttpContext http, ILoggerFactory loggers, CancellationToken ct) => SetDisabled(name, false, store, http, loggers, ct))
            .WithSummary("Enables a disabled user again (and lifts a lockout)")
            .WithDescription(Policies.Describe(Policies.Administer))
            .Accepts<Drills.NoBody>(isOptional: true, "application/json")
            .Produces<UserView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        MapPasswordEndpoints(app, users);
        MapJurisdictionEndpoint(users);
        return app;
    }

    private static async Task<IResult> Add(HttpContext http, UserStore store, MachineTokens tokens, PasswordHasher<StoredUser> hasher, SignInSettings settings,
        EngineClock clock, ILoggerFactory loggers, Domain.Regions.RegionCatalog regions, CancellationToken ct)
    {
        var (request, problem) = await JsonBody.ReadAsync<NewUser>(http.Request, ct);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new List<FieldError>();
        if (!IsValidName(request!.Name))
        {
            errors.Add(new("name", HostTexts.UserNameShape.With(("max", NameMaxLength))));
        }

        if (request.Role is Role.System || !Enum.IsDefined(request.Role))
        {
            errors.Add(new("role", CommonTexts.NotOneOfThese(request.Role.ToString(), Enum.GetValues<Role>().Where(r => r != Role.System).Select(r => JsonNamingPolicy.CamelCase.ConvertName(r.ToString())))));
        }

        if (request.Password.Length < settings.PasswordMinLength || request.Password.Length > SignInSettings.PasswordMaxLength)
        {
            errors.Add(new("password", HostTexts.PasswordLength.With(("min", settings.PasswordMinLength), ("max", SignInSettings.PasswordMaxLength))));
        }

        var (jurisdiction, outside) = request.Jurisdiction is null ? (null, null) : Domain.Regions.Jurisdictions.Read(regions, request.Jurisdiction);
        if (outside is not null)
        {
            errors.Add(new("jurisdiction", outside));
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid([.. errors]);
        }

        // Timelines name people by their name: a person may not take the name of a machine token's user.
        if (tokens.Users.Contains(request.Name, StringComparer.OrdinalIgnoreCase) || await store.FindAsync(request.Name, ct) is not null)
        {
            return Exists(request.Name);
        }

        var user = new StoredUser(request.Name, request.Role.ToString(), "", false, 0, null, 1, clock.Now, http.User.ToActor().Id) { Jurisdiction = jurisdiction };
        user = user with { PasswordHash = hasher.HashPassword(user, request.Password) };
        if (!await store.AddAsync(user, ct))
        {
            return Exists(request.Name);
        }

        var log = loggers.CreateLogger(AuditCategory);
        LogAdded(log, user.Name, request.Role, user.CreatedBy);
        return Results.Created($"/api/users/{Uri.EscapeDataString(user.Name)}", View(user));
    }

    private static async Task<IResult> SetDisabled(string name, bool disabled, UserStore store, HttpContext http, ILoggerFactory loggers, CancellationToken ct)
    {
        var user = IsValidName(name) ? await store.SetDisabledAsync(name, disabled, ct) : null;
        if (user is null)
        {
            return Problems.NotFound(HostTexts.NoSuchUser);
        }

        var log = loggers.CreateLogger(AuditCategory);
        var admin = http.User.ToActor().Id;
        if (disabled)
        {
            LogDisabled(log, user.Name, admin);
        }
        else
        {
            LogEnabled(log, user.Name, admin);
        }

        return Results.Ok(View(user));
    }

    private static IResult Exists(string name) => Results.Problem(
        statusCode: StatusCodes.Status409Conflict, title: "The name is taken", detail: $"a user or a machine token named '{name}' exists already", type: "urn:emergency:problem:user-exists");

    private static UserView View(StoredUser user) =>
        new(user.Name, Enum.Parse<Role>(user.Role), user.Disabled, user.LockedUntil, user.Created, user.CreatedBy, user.Jurisdiction);

    /// <summary>
    /// Whether a user of this name may exist. A name that may not is answered without asking the database: no name
    /// holding a NUL (which PostgreSQL text cannot hold) or a control character ever reaches it.
    /// </summary>
    public static bool IsValidName(string name) => ValidName().IsMatch(name);

    [GeneratedRegex(@"^[\p{L}\p{N}._-]{1,64}\z")]
    private static partial Regex ValidName();

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit: user {User} ({Role}) added by {Administrator}")]
    private static partial void LogAdded(ILogger logger, string user, Role role, string administrator);

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit: user {User} disabled by {Administrator}")]
    private static partial void LogDisabled(ILogger logger, string user, string administrator);

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit: user {User} enabled by {Administrator}")]
    private static partial void LogEnabled(ILogger logger, string user, string administrator);
}
