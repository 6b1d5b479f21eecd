using Emergency.Contracts;
using Emergency.Domain;
using Emergency.Domain.Regions;
using Emergency.Host.Api;
using Emergency.Host.Texts;
using Emergency.Storage.Audit;
using Emergency.Storage.Users;

namespace Emergency.Host.Auth;

/// <summary>The jurisdiction to give a user: a code, an official name or an alias of the region catalog; null for the whole deployment.</summary>
public sealed record JurisdictionChange(string? Jurisdiction);

/// <summary>
/// An administrator moves a person to another jurisdiction (docs/jurisdictions.md) without disabling them: the region is
/// read from the catalog as when the person was added, every session of the user ends (they sign in again bound to the
/// new region), and the change is in the audit trail and the log.
/// </summary>
public static partial class UserEndpoints
{
    private static void MapJurisdictionEndpoint(RouteGroupBuilder users) =>
        users.MapPut("/{name}/jurisdiction", SetJurisdiction)
            .WithSummary("Moves a user to another jurisdiction (a region of the catalog; null: the whole deployment): every session of the user ends")
            .WithDescription(Policies.Describe(Policies.Administer))
            .Accepts<JurisdictionChange>("application/json")
            .Produces<UserView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> SetJurisdiction(string name, HttpContext http, UserStore store, RegionCatalog regions, EngineClock clock, AuditStore audit,
        ILoggerFactory loggers, CancellationToken ct)
    {
        var (request, problem) = await JsonBody.ReadAsync<JurisdictionChange>(http.Request, ct);
        if (problem is not null)
        {
            return problem;
        }

        var (jurisdiction, outside) = request!.Jurisdiction is null ? (null, null) : Jurisdictions.Read(regions, request.Jurisdiction);
        if (outside is not null)
        {
            return Problems.Invalid(new FieldError("jurisdiction", outside));
        }

        var changed = IsValidName(name) ? await store.SetJurisdictionAsync(name, jurisdiction, ct) : null;
        if (changed is null)
        {
            return Problems.NotFound(HostTexts.NoSuchUser);
        }

        var log = loggers.CreateLogger(AuditCategory);
        var administrator = http.User.ToActor().Id;
        var region = changed.Jurisdiction ?? "*";
        await RecordAsync(http, audit, log, clock.Now, AuditKind.JurisdictionChanged, $"PUT /api/users/{changed.Name}/jurisdiction {region}");
        LogJurisdictionChanged(log, changed.Name, region, administrator);
        return Results.Ok(View(changed));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit: {User} moved to jurisdiction {Jurisdiction} by {Administrator}")]
    private static partial void LogJurisdictionChanged(ILogger logger, string user, string jurisdiction, string administrator);
}
