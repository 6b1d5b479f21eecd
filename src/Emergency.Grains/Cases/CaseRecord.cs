namespace Emergency.Grains.Cases;

/// <summary>What a case grain stores: the case, and the command ids it has applied (for safe retries).</summary>
/// <typeparam name="TState">The domain's state of the case, stored as JSON.</typeparam>
public sealed class CaseRecord<TState>
    where TState : class, new()
{
    /// <summary>How many applied command ids a case remembers.</summary>
    public const int RememberedCommands = 256;

    public TState Case { get; set; } = new();

    public List<AppliedCommand> Commands { get; set; } = [];

    /// <summary>For a drill case: the latest moment of the drill's virtual clock it has seen.</summary>
    public DateTimeOffset? DrillNow { get; set; }

    /// <summary>
    /// The deadline the durable reminder is armed for, stored with the write that set that deadline (the reminder is
    /// registered right after it): a new activation that finds the reminder and the same deadline leaves it alone
    /// instead of writing it again. Null when there is none, or when it is armed for an earlier wake-up.
    /// </summary>
    public DateTimeOffset? ReminderFor { get; set; }

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

/// <summary>A command id the case has applied, with a fingerprint of the command to detect a reused id.</summary>
public sealed record AppliedCommand(string Id, string Fingerprint, long Version);
