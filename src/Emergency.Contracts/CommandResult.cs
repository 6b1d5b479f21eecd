using Emergency.Domain;
using Emergency.Domain.Incidents;

namespace Emergency.Contracts;

/// <summary>The answer to a command: the domain's decision and the incident as it stands afterwards.</summary>
[GenerateSerializer]
public sealed record CommandResult
{
    [Id(0)]
    public required CommandStatus Status { get; init; }

    [Id(1)]
    public Decision? Decision { get; init; }

    [Id(2)]
    public IncidentView? Incident { get; init; }

    public static CommandResult NotFound { get; } = new() { Status = CommandStatus.NotFound };
}

public enum CommandStatus
{
    /// <summary>Applied and durable.</summary>
    Accepted,

    /// <summary>A retry of a command already applied: nothing was applied again.</summary>
    Replayed,

    Invalid,

    NotAllowed,

    NotFound,

    /// <summary>The command id was used before for a different command.</summary>
    CommandIdReused,
}
