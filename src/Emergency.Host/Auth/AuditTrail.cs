using System.Data.Common;
using System.Security.Claims;
using Emergency.Contracts;
using Emergency.Domain;
using Emergency.Domain.Disputes;
using Emergency.Storage.Audit;

namespace Emergency.Host.Auth;

/// <summary>
/// Records, durably and in the log (category <see cref="UserEndpoints.AuditCategory"/>), every request of a signed-in
/// caller that was refused (403: the role may not; 409: the procedure does not allow the move now) and every answer
/// about one petition or suggestion that carried personal data to its reader (a petition officer's view or move).
/// Runs after authentication and around authorization, so that its refusals are seen too.
/// </summary>
public static partial class AuditTrail
{
    /// <summary>Routes whose answers carry personal data to the roles that may see it: one petition or suggestion.</summary>
    private static readonly string[] PersonalDataRoutes = ["/api/disputes/{id}", "/api/suggestions/{id}", "/api/disclosures/{id}"];

    public static IApplicationBuilder UseAuditTrail(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        await next(context);
        var services = context.RequestServices;
        if (Of(context, services.GetRequiredService<EngineClock>().Now) is not { } record)
        {
            return;
        }

        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger(UserEndpoints.AuditCategory);
        if (record.Kind == AuditKind.Refused)
        {
            LogRefused(log, record.User, record.Role, record.Action, record.CaseId, record.Status);
        }

        try
        {
            await services.GetRequiredService<AuditStore>().AddAsync(record, CancellationToken.None);
        }
        catch (DbException e)
        {
            // The answer is given already; the log line above, and this one, keep what the table could not.
            LogNotStored(log, e, record.Kind, record.User, record.Action, record.CaseId);
        }
    });

    /// <summary>The record a finished request leaves, or null when it leaves none.</summary>
    public static AuditRecord? Of(HttpContext context, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.User.Identity is not { IsAuthenticated: true, Name: { } user } || context.User.FindFirstValue(ClaimTypes.Role) is not { } role)
        {
            return null;
        }

        var status = context.Response.StatusCode;
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        var caseId = context.Request.RouteValues.TryGetValue("id", out var id) ? id as string : null;
        AuditKind? kind = status is StatusCodes.Status403Forbidden or StatusCodes.Status409Conflict ? AuditKind.Refused
            : status is >= 200 and < 300 && caseId is not null && CarriesPersonalData(route, role) ? AuditKind.PersonalDataRead
            : null;
        return kind is { } recorded
            ? new AuditRecord(0, now, user, role, recorded, $"{context.Request.Method} {route ?? context.Request.Path.Value}", caseId, status)
            : null;
    }

    private static bool CarriesPersonalData(string? route, string role) =>
        route is not null
        && Enum.TryParse<Role>(role, out var parsed) && DisputeViews.MaySeePersonalData(parsed)
        && PersonalDataRoutes.Any(prefix => route.StartsWith(prefix, StringComparison.Ordinal))
        && !route.EndsWith("/public", StringComparison.Ordinal);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused: {User} ({Role}) {Action} case {CaseId}: {Status}")]
    private static partial void LogRefused(ILogger logger, string user, string role, string action, string? caseId, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit record not stored ({Kind}: {User} {Action} case {CaseId}); the database refused it")]
    private static partial void LogNotStored(ILogger logger, Exception exception, AuditKind kind, string user, string action, string? caseId);
}
