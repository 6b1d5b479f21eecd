using System.Diagnostics;
using System.Diagnostics.Metrics;
using Emergency.Contracts;
using Emergency.Domain.Cases;

namespace Emergency.Grains.Cases;

/// <summary>
/// The engine's count of the commands judged on cases (meter <see cref="MeterName"/>), by kind of case, move, outcome
/// and live or drill. Tags name types and outcomes only, never a case, a person or a value from a command: the
/// metrics are read by people who may not see case data.
/// </summary>
public static class CaseTelemetry
{
    public const string MeterName = "Emergency.Cases";

    /// <summary>Not an outcome of <see cref="CommandStatus"/>: the command threw (storage or cluster trouble), so its caller got a 503.</summary>
    public const string Failed = "failed";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Commands = Meter.CreateCounter<long>(
        "emergency.commands", "{command}", "Commands judged on cases, by kind of case, move (its name, as in routes and allowed moves), outcome and scope (live or drill)");

    internal static void Count<TCommand>(string kind, TCommand command, string? scope, CommandStatus status) => Count(kind, command, scope, OutcomeOf(status));

    internal static void Count<TCommand>(string kind, TCommand command, string? scope, string outcome) =>
        Commands.Add(1, new TagList
        {
            { "kind", kind },
            { "move", command is CaseCommand move ? Moves.NameOf(move) : command?.GetType().Name ?? typeof(TCommand).Name },
            { "outcome", outcome },
            { "scope", scope is not null && Scopes.IsDrill(scope) ? "drill" : Scopes.Live },
        });

    private static string OutcomeOf(CommandStatus status) => status switch
    {
        CommandStatus.Accepted => "accepted",
        CommandStatus.Replayed => "replayed",
        CommandStatus.Invalid => "invalid",
        CommandStatus.NotAllowed => "notAllowed",
        CommandStatus.NotFound => "notFound",
        CommandStatus.CommandIdReused => "commandIdReused",
        CommandStatus.Forbidden => "forbidden",
        _ => status.ToString(),
    };
}
