using Emergency.Contracts;
using Emergency.Domain;
using Emergency.Host.Api;
using Emergency.Storage.Users;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Emergency.Host.Auth;

/// <summary>A person's sign-in: a name and a password.</summary>
public sealed record SignInRequest(string Name, string Password);

/// <summary>Who signed in, and the antiforgery token every state-changing request of the session carries (header <see cref="Header"/>).</summary>
public sealed record SessionInfo(string Id, Role Role, string Antiforgery, string Header);

/// <summary>
/// Sign-in, the session and sign-out for people. Sign-in is rate limited per address (429 with Retry-After), and a
/// user is locked for a while after too many failed attempts in a row.
/// </summary>
public static partial class SignInEndpoints
{
    public const string SignInPath = "/auth/sign-in";

    public const string SessionPath = "/auth/session";

    public const string SignOutPath = "/auth/sign-out";

    /// <summary>The rate limiter policy of sign-in.</summary>
    public const string RatePolicy = "sign-in";

    private const string Refused = "the name or the password is not right";

    public static IEndpointRouteBuilder MapSignInEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(SignInPath, SignIn)
            .AllowAnonymous()
            .RequireRateLimiting(RatePolicy)
            .WithTags("Sign-in")
            .WithSummary("Signs a person in with a name and a password: sets the session cookie and answers the session's antiforgery token")
            .WithDescription("Anyone. Rate limited per address (429 with Retry-After); a user is locked for a while after too many failed attempts in a row (429 with Retry-After).")
            .Accepts<SignInRequest>("application/json")
            .Produces<SessionInfo>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        app.MapGet(SessionPath, (HttpContext http, IAntiforgery antiforgery) => Session(http, antiforgery))
            .RequireAuthorization()
            .WithTags("Sign-in")
            .WithSummary("Who is signed in, with a fresh antiforgery token for the session")
            .WithDescription("Any signed-in user or token.")
            .Produces<SessionInfo>();

        app.MapPost(SignOutPath, async (HttpContext http) =>
            {
                await http.SignOutAsync(Sessions.Scheme);
                return Results.NoContent();
            })
            .RequireAuthorization()
            .WithTags("Sign-in")
            .WithSummary("Ends the session: the session cookie is removed")
            .WithDescription("Any signed-in user; a session sends its antiforgery token.")
            .Accepts<Drills.NoBody>(isOptional: true, "application/json");

        return app;
    }

    private static async Task<IResult> SignIn(HttpContext http, UserStore users, PasswordHasher<StoredUser> hasher, SignInSettings settings,
        EngineClock clock, IAntiforgery antiforgery, ILoggerFactory loggers, CancellationToken ct)
    {
        var log = loggers.CreateLogger(UserEndpoints.AuditCategory);
        var (request, problem) = await JsonBody.ReadAsync<SignInRequest>(http.Request, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (!UserEndpoints.IsValidName(request!.Name) || request.Password.Length > SignInSettings.PasswordMaxLength)
        {
            return NotSignedIn();
        }

        var now = clock.Now;
        var user = await users.FindAsync(request.Name, ct);
        if (user is null)
        {
            // As slow as a wrong password, so that the time of the answer does not tell which names exist.
            hasher.VerifyHashedPassword(Unknown, UnknownHash, request.Password);
            LogUnknown(log);
            return NotSignedIn();
        }

        if (user.LockedUntil is { } until && until > now)
        {
            return LockedOut(http, until - now);
        }

        if (hasher.VerifyHashedPassword(user, user.PasswordHash, request.Password) == PasswordVerificationResult.Failed)
        {
            var after = await users.RecordFailureAsync(user.Name, settings.LockoutAttempts, now + settings.LockoutDuration, ct);
            if (after?.LockedUntil is { } locked && locked > now)
            {
                LogLockedOut(log, user.Name, settings.LockoutAttempts, locked);
                return LockedOut(http, locked - now);
            }

            LogFailed(log, user.Name);
            return NotSignedIn();
        }

        if (user.Disabled || !Enum.TryParse<Role>(user.Role, out var role))
        {
            LogDisabled(log, user.Name);
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "This user is disabled",
                detail: "an administrator disabled this user; ask one to enable it again", type: "urn:emergency:problem:user-disabled");
        }

        await users.ResetFailuresAsync(user.Name, ct);
        var principal = Sessions.Principal(user, role);
        await http.SignInAsync(Sessions.Scheme, principal, new AuthenticationProperties { IsPersistent = false });

        // The antiforgery token is bound to the user it is issued for: the one signing in now, not the anonymous caller.
        http.User = principal;
        LogSignedIn(log, user.Name, role);
        return Results.Ok(new SessionInfo(user.Name, role, antiforgery.GetAndStoreTokens(http).RequestToken!, Sessions.AntiforgeryHeader));
    }

    private static IResult Session(HttpContext http, IAntiforgery antiforgery)
    {
        var actor = http.User.ToActor();
        return Results.Ok(new SessionInfo(actor.Id, actor.Role, antiforgery.GetAndStoreTokens(http).RequestToken!, Sessions.AntiforgeryHeader));
    }

    private static IResult NotSignedIn() => Results.Problem(
        statusCode: StatusCodes.Status401Unauthorized, title: "Not signed in", detail: Refused, type: "urn:emergency:problem:sign-in-refused");

    internal static IResult LockedOut(HttpContext http, TimeSpan left)
    {
        var seconds = (int)Math.Ceiling(left.TotalSeconds);
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many failed sign-ins",
            detail: $"this user is locked after too many failed sign-ins in a row; try again in {Math.Ceiling(left.TotalMinutes)} min, or ask an administrator",
            type: "urn:emergency:problem:locked-out",
            extensions: new Dictionary<string, object?> { ["retryAfterSeconds"] = seconds });
    }

    private static readonly StoredUser Unknown = new("", "", "", false, 0, null, 0, DateTimeOffset.UnixEpoch, "");

    private static readonly string UnknownHash = new PasswordHasher<StoredUser>().HashPassword(Unknown, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit: {User} signed in as {Role}")]
    private static partial void LogSignedIn(ILogger logger, string user, Role role);

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit: a sign-in as {User} was refused: wrong password")]
    private static partial void LogFailed(ILogger logger, string user);

    // Not the name: a person who typed the password into the name field would find it in the log.
    [LoggerMessage(Level = LogLevel.Information, Message = "Audit: a sign-in with a name that is no user was refused")]
    private static partial void LogUnknown(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit: a sign-in as {User} was refused: the user is disabled")]
    private static partial void LogDisabled(ILogger logger, string user);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit: {User} is locked until {Until} after {Attempts} failed sign-ins in a row")]
    private static partial void LogLockedOut(ILogger logger, string user, int attempts, DateTimeOffset until);
}
