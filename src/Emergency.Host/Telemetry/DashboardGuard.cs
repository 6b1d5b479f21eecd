using Emergency.Domain;
using Emergency.Host.Api;
using Emergency.Host.Auth;
using Emergency.Host.Texts;

namespace Emergency.Host.Telemetry;

/// <summary>
/// The Orleans dashboard's routes answer an administrator's malformed input with a clear problem instead of a 500:
/// the silo address of its per-silo routes is checked before the dashboard reads it (it throws on a malformed one and
/// waits on a silo that is not in the cluster), and whatever else it throws becomes a 400.
/// </summary>
internal static partial class DashboardGuard
{
    /// <summary>Middleware of the dashboard's branch, after authorization: only an administrator's requests reach it.</summary>
    public static async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        var log = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DashboardGuard));
        if (Refusal(http) is { } refusal)
        {
            await refusal.ExecuteAsync(http);
            return;
        }

        try
        {
            await next(http);
        }
        catch (Exception ex) when (!http.Response.HasStarted && (ex is not OperationCanceledException || !http.RequestAborted.IsCancellationRequested))
        {
            var path = http.Request.Path.Value ?? "";
            var kind = ex.GetType().Name;
            LogRefused(log, path, kind, ex.Message);

            await Problems.Of(StatusCodes.Status400BadRequest, HostTexts.InvalidTitle, SecurityTexts.DashboardCannotAnswer.With(("path", path)), "urn:emergency:problem:invalid")
                .ExecuteAsync(http);
        }
    }

    private static IResult? Refusal(HttpContext http)
    {
        if (SiloIn(http) is { } given)
        {
            if (!TryParse(given, out var silo))
            {
                return Problems.Invalid(new FieldError("address", SecurityTexts.DashboardNotASilo.With(("address", given))));
            }

            var membership = http.RequestServices.GetRequiredService<IClusterMembershipService>();
            if (!membership.CurrentSnapshot.Members.ContainsKey(silo))
            {
                return Problems.NotFound(SecurityTexts.DashboardNoSuchSilo.With(("address", given)));
            }
        }

        return null;
    }

    /// <summary>The silo address a per-silo route was given: <c>{address}</c>, or <c>{path}</c> of the historical statistics.</summary>
    private static string? SiloIn(HttpContext http)
    {
        var values = http.Request.RouteValues;
        if (values.TryGetValue("address", out var address))
        {
            return address as string ?? "";
        }

        var pattern = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "";
        return pattern.Contains("HistoricalStats", StringComparison.Ordinal) && values.TryGetValue("path", out var path) ? path as string ?? "" : null;
    }

    private static bool TryParse(string given, out SiloAddress silo)
    {
        silo = SiloAddress.Zero;
        if (string.IsNullOrWhiteSpace(given))
        {
            return false;
        }

        try
        {
            silo = SiloAddress.FromParsableString(given);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or IndexOutOfRangeException or OverflowException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard request {Path} refused: the dashboard threw {Exception}: {Problem}")]
    private static partial void LogRefused(ILogger logger, string path, string exception, string problem);
}
