using Emergency.Domain.Messages;

namespace Emergency.Domain.Disputes.EarlyWarning;

/// <summary>What an early warning (预警) says: the rule that raised it, and why it cannot be escalated again.</summary>
public static class WarningTexts
{
    public static readonly MessageCode Rule = new("warning.rule", "complaints", "window", "source");

    public static readonly MessageCode AlreadyEscalated = new("warning.refused.alreadyEscalated", "warning", "incident", "at");
}
