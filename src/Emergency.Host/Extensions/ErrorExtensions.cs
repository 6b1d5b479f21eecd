using System.Data.Common;
using Emergency.Host.Hosting;
using Orleans.Storage;

namespace Emergency.Host.Extensions;

/// <summary>How failures are answered: RFC 7807 problems, 503 with a retry hint for storage or cluster trouble, one log line per outage.</summary>
public static class ErrorExtensions
{
    public static IServiceCollection AddEmergencyProblems(this IServiceCollection services) => services
        .AddSingleton<OutageLog>()
        .AddProblemDetails(problems => problems.CustomizeProblemDetails = DescribeUnavailable);

    public static WebApplication UseEmergencyErrors(this WebApplication app)
    {
        var outages = app.Services.GetRequiredService<OutageLog>();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = StatusFor,

            // A refusal for an unavailable storage or cluster is expected while it lasts: one line for the whole outage.
            SuppressDiagnosticsCallback = context =>
            {
                if (StatusFor(context.Exception) != StatusCodes.Status503ServiceUnavailable)
                {
                    return false;
                }

                outages.Refused(context.Exception);
                return true;
            },
        });
        app.Use(async (context, next) =>
        {
            await next(context);
            if (outages.Ongoing && HttpMethods.IsPost(context.Request.Method) && context.Response.StatusCode is >= 200 and < 300)
            {
                outages.CommandSucceeded();
            }
        });
        app.UseStatusCodePages();
        return app;
    }

    /// <summary>An exception answered 503 (<see cref="StatusFor"/>) says, in words, that a retry with the same key is safe.</summary>
    private static void DescribeUnavailable(ProblemDetailsContext context)
    {
        if (context.Exception is not { } exception || context.ProblemDetails.Status != StatusCodes.Status503ServiceUnavailable)
        {
            return;
        }

        context.ProblemDetails.Type = "urn:emergency:problem:unavailable";
        context.ProblemDetails.Title = "The engine cannot take commands now";
        context.ProblemDetails.Detail = exception is InconsistentStateException
            ? "the case was changed at the same moment by another writer; send the command again with the same Idempotency-Key, which applies it once"
            : "its storage or cluster is unavailable for a moment; send the command again with the same Idempotency-Key, which applies it once";
        context.HttpContext.Response.Headers.RetryAfter = "1";
    }

    /// <summary>Storage or cluster trouble is worth a retry (503); anything else is a bug (500).</summary>
    private static int StatusFor(Exception exception) => exception switch
    {
        DbException or InconsistentStateException or TimeoutException or OrleansException or SiloUnavailableException
            => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };
}
