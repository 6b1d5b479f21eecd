using System.Data.Common;
using Emergency.Contracts;
using Emergency.Domain;
using Emergency.Host.Api;
using Emergency.Host.Texts;
using Emergency.Storage.Audit;
using Emergency.Storage.Users;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Emergency.Host.Auth;

/// <summary>A person changes their own password: the current one, then the new one.</summary>
public sealed record PasswordChange(string CurrentPassword, string NewPassword);

/// <summary>An administrator gives a user a new password.</summary>
public sealed record PasswordReset(string Password);

/// <summary>
/// Passwords: a person changes their own with the current one (their other sessions end, this one goes on), and an
/// administrator resets a user's beside adding and disabling users (every session of that user ends). Each change is
/// recorded in the audit trail and the log; a wrong current password counts toward the lockout as at sign-in.
/// </summary>
public static partial class UserEndpoints
{
    public const string OwnPasswordPath = "/api/me/password";

    private static void MapPasswordEndpoints(IEndpointRouteBuilder app, RouteGroupBuilder users)
    {
        app.MapPost(OwnPasswordPath, ChangeOwn)
            .RequireAuthorization()
            .WithTags("Users")
            .WithSummary("Changes the signed-in person's password: the current one is required; the person's other sessions end")
            .WithDescription("Any person signed in with a session (a machine token has no password: 403). A wrong current password counts toward the lockout.")
            .Accepts<PasswordChange>("application/json")
            .Produces<SessionInfo>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        users.MapPost("/{name}/password", Reset)
            .WithSummary("Gives a user a new password: every session of the user ends, and a lockout is lifted")
            .WithDescription(Policies.Describe(Policies.Administer))
            .Accepts<PasswordReset>("application/json")
            .Produces<UserView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ChangeOwn(HttpContext http, UserStore store, PasswordHasher<StoredUser> hasher, SignInSettings settings,
        EngineClock clock, AuditStore audit, IAntiforgery antiforgery, ILoggerFactory loggers, CancellationToken ct)
    {
        if (!http.User.IsSession())
        {
            return Problems.Of(StatusCodes.Status403Forbidden, SecurityTexts.PasswordRefusedTitle, SecurityTexts.MachineTokenHasNoPassword, "urn:emergency:problem:no-password");
        }

        var (request, problem) = await JsonBody.ReadAsync<PasswordChange>(http.Request, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (PasswordError("newPassword", request!.NewPassword, settings) is { } error)
        {
            return Problems.Invalid(error);
        }

        var now = clock.Now;
        var name = http.User.ToActor().Id;
        if (await store.FindAsync(name, ct) is not { } user)
        {
            return Problems.NotFound(HostTexts.NoSuchUser);
        }

        if (user.LockedUntil is { } until && until > now)
        {
            return SignInEndpoints.LockedOut(http, until - now);
        }

        var log = loggers.CreateLogger(AuditCategory);
        if (request.CurrentPassword.Length > SignInSettings.PasswordMaxLength
            || hasher.VerifyHashedPassword(user, user.PasswordHash, request.CurrentPassword) == PasswordVerificationResult.Failed)
        {
            var after = await store.RecordFailureAsync(name, settings.LockoutAttempts, now + settings.LockoutDuration, ct);
            LogWrongCurrent(log, name);
            return after?.LockedUntil is { } locked && locked > now
                ? SignInEndpoints.LockedOut(http, locked - now)
                : Problems.Of(StatusCodes.Status403Forbidden, SecurityTexts.PasswordRefusedTitle, SecurityTexts.WrongCurrentPassword, "urn:emergency:problem:wrong-password");
        }

        if (request.NewPassword == request.CurrentPassword)
        {
            return Problems.Invalid(new FieldError("newPassword", SecurityTexts.SameAsCurrent));
        }

        var changed = await store.SetPasswordAsync(name, hasher.HashPassword(user, request.NewPassword), ct);
        if (changed is null || !Enum.TryParse<Role>(changed.Role, out var role))
        {
            return Problems.NotFound(HostTexts.NoSuchUser);
        }

        // The new stamp ends every session of the user; this one is issued again, so the person goes on working.
        var principal = Sessions.Principal(changed, role);
        await http.SignInAsync(Sessions.Scheme, principal, new AuthenticationProperties { IsPersistent = false });
        http.User = principal;
        await RecordAsync(http, audit, log, now, AuditKind.PasswordChanged, $"POST {OwnPasswordPath}");
        LogChangedOwn(log, name);
        return Results.Ok(new SessionInfo(name, role, antiforgery.GetAndStoreTokens(http).RequestToken!, Sessions.AntiforgeryHeader));
    }

    private static async Task<IResult> Reset(string name, HttpContext http, UserStore store, PasswordHasher<StoredUser> hasher, SignInSettings settings,
        EngineClock clock, AuditStore audit, ILoggerFactory loggers, CancellationToken ct)
    {
        var (request, problem) = await JsonBody.ReadAsync<PasswordReset>(http.Request, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (PasswordError("password", request!.Password, settings) is { } error)
        {
            return Problems.Invalid(error);
        }

        var user = IsValidName(name) ? await store.FindAsync(name, ct) : null;
        var changed = user is null ? null : await store.SetPasswordAsync(name, hasher.HashPassword(user, request.Password), ct);
        if (changed is null)
        {
            return Problems.NotFound(HostTexts.NoSuchUser);
        }

        var log = loggers.CreateLogger(AuditCategory);
        var administrator = http.User.ToActor().Id;
        await RecordAsync(http, audit, log, clock.Now, AuditKind.PasswordChanged, $"POST /api/users/{changed.Name}/password");
        LogReset(log, changed.Name, administrator);
        return Results.Ok(View(changed));
    }

    /// <summary>A password the engine does not accept: too short or too long (hashing is slow, and its cost grows with the length).</summary>
    private static FieldError? PasswordError(string field, string password, SignInSettings settings) =>
        password.Length < settings.PasswordMinLength || password.Length > SignInSettings.PasswordMaxLength
            ? new FieldError(field, HostTexts.PasswordLength.With(("min", settings.PasswordMinLength), ("max", SignInSettings.PasswordMaxLength)))
            : null;

    /// <summary>The audit trail's record of a changed password (or jurisdiction); one the database refuses is logged instead, and the change stands.</summary>
    private static async Task RecordAsync(HttpContext http, AuditStore audit, ILogger log, DateTimeOffset now, AuditKind kind, string action)
    {
        var actor = http.User.ToActor();
        try
        {
            await audit.AddAsync(new AuditRecord(0, now, actor.Id, actor.Role.ToString(), kind, action, null, StatusCodes.Status200OK), CancellationToken.None);
        }
        catch (DbException e)
        {
            LogNotAudited(log, e, actor.Id, action);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit: {User} changed their password")]
    private static partial void LogChangedOwn(ILogger logger, string user);

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit: a password change by {User} was refused: the current password is not right")]
    private static partial void LogWrongCurrent(ILogger logger, string user);

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit: the password of {User} was reset by {Administrator}")]
    private static partial void LogReset(ILogger logger, string user, string administrator);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit record not stored ({User} {Action}); the database refused it")]
    private static partial void LogNotAudited(ILogger logger, Exception exception, string user, string action);
}
