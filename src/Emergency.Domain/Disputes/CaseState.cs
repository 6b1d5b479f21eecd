using Emergency.Domain.Cases;

namespace Emergency.Domain.Disputes;

/// <summary>
/// What petitions and suggestions keep alike: their obligations, windows, timeline and version. Persisted as JSON
/// inside <see cref="DisputeState"/> and <see cref="SuggestionState"/>: property names are the stored contract.
/// </summary>
public abstract class CaseState
{
    public string Id { get; set; } = "";

    /// <summary>"live", or the drill run the case belongs to.</summary>
    public string Scope { get; set; } = "live";

    public DateTimeOffset ReceivedAt { get; set; }

    public DateTimeOffset RegisteredAt { get; set; }

    public string RegisteredBy { get; set; } = "";

    public string RuleSetId { get; set; } = "";

    /// <summary>The unit that received the case and answers for it until it is assigned.</summary>
    public string Unit { get; set; } = "";

    public List<DisputeObligation> Obligations { get; set; } = [];

    public List<Window> Windows { get; set; } = [];

    public List<TimelineEntry<DisputeTimelineKind>> Timeline { get; set; } = [];

    /// <summary>Goes up by one with every accepted change, including deadline events.</summary>
    public long Version { get; set; }

    /// <summary>When the engine erased the case's personal data, a configured time after it closed (null: not yet).</summary>
    public DateTimeOffset? PersonalDataPurgedAt { get; set; }

    public bool Exists => Id.Length > 0;
}
