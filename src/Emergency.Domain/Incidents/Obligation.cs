using Emergency.Domain.Cases;
using Emergency.Domain.Messages;

namespace Emergency.Domain.Incidents;

/// <summary>One obligation of an incident (<see cref="CaseObligation{TKind}"/>), with what only an incident's steps carry.</summary>
public sealed class Obligation : CaseObligation<ObligationKind>
{
    /// <summary>When the obligation arose, for those that arise during the response (a report at a new level).</summary>
    public DateTimeOffset? OpenedAt { get; init; }

    /// <summary>The recorder's words, or the report that completed the obligation.</summary>
    public Message? Note { get; set; }

    /// <summary>Who was told, for the notice to neighbouring areas.</summary>
    public string? Notified { get; set; }

    /// <summary>Earlier completions a correction showed untrue; each reopened the obligation.</summary>
    public List<FalseCompletion> ShownFalse { get; set; } = [];

    /// <summary>The alert on this step taken on (警报确认), the latest; none while nobody acknowledged it.</summary>
    public AlertAcknowledgement? Acknowledged { get; set; }
}
