using Emergency.Domain.Incidents;

namespace Emergency.Grains.Incidents;

/// <summary>What an incident grain stores: the incident, and the command ids it has applied (for safe retries).</summary>
public sealed class IncidentRecord
{
    /// <summary>How many applied command ids an incident remembers.</summary>
    public const int RememberedCommands = 256;

    public IncidentState Incident { get; set; } = new();

    public List<AppliedCommand> Commands { get; set; } = [];

    /// <summary>For a drill incident: the latest moment of the drill's virtual clock it has seen.</summary>
    public DateTimeOffset? DrillNow { get; set; }

    public AppliedCommand? FindCommand(string commandId) => Commands.Find(c => c.Id == commandId);

    public void Remember(AppliedCommand command)
    {
        Commands.Add(command);
        if (Commands.Count > RememberedCommands)
        {
            Commands.RemoveRange(0, Commands.Count - RememberedCommands);
        }
    }
}

/// <summary>A command id the incident has applied, with a fingerprint of the command to detect a reused id.</summary>
public sealed record AppliedCommand(string Id, string Fingerprint, long Version);
