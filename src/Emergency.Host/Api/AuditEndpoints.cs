using System.Globalization;
using Emergency.Domain;
using Emergency.Host.Auth;
using Emergency.Storage.Audit;

namespace Emergency.Host.Api;

/// <summary>The audit trail for auditors, and for nobody else: newest first, a page at a time, filtered by user, case and time.</summary>
public static class AuditEndpoints
{
    public const int DefaultLimit = 100;

    public const int MaxLimit = 1000;

    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", Read)
            .RequireAuthorization(Policies.Audit)
            .WithTags("Audit")
            .WithSummary("Refused requests and reads of personal data, newest first; filter by user, case, from and to (ISO 8601); page with before (the id of the last record read) and limit")
            .WithDescription(Policies.Describe(Policies.Audit))
            .Produces<AuditPage>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    private static async Task<IResult> Read(AuditStore store, string? user, string? @case, string? from, string? to, string? before, string? limit, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var since = Moment(from, "from", errors);
        var until = Moment(to, "to", errors);
        var beforeId = Whole(before, "before", 1, long.MaxValue, errors);
        var count = (int)(Whole(limit, "limit", 1, MaxLimit, errors) ?? DefaultLimit);
        if (errors.Count > 0)
        {
            return Problems.Invalid([.. errors]);
        }

        var records = await store.QueryAsync(new AuditQuery(NullIfBlank(user), NullIfBlank(@case), since, until, beforeId, count), ct);
        return Results.Ok(new AuditPage(records, records.Count == count ? records[^1].Id : null));
    }

    private static DateTimeOffset? Moment(string? value, string field, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var moment) && value.Contains('T', StringComparison.Ordinal))
        {
            return moment;
        }

        errors.Add(new FieldError(field, AuditTexts.NotAMoment.With(("value", value))));
        return null;
    }

    private static long? Whole(string? value, string field, long lowest, long highest, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= lowest && number <= highest)
        {
            return number;
        }

        errors.Add(new FieldError(field, AuditTexts.NotAWholeNumber.With(("value", value), ("lowest", lowest), ("highest", highest))));
        return null;
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>A page of the audit trail; <see cref="Next"/> is the <c>before</c> of the next page, null on the last.</summary>
public sealed record AuditPage(IReadOnlyList<AuditRecord> Records, long? Next);
