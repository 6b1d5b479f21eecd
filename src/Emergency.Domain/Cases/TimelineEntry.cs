using System.Text.Json.Serialization;
using Emergency.Domain.Messages;

namespace Emergency.Domain.Cases;

/// <summary>
/// One line of a case's timeline, whatever the kind of case: what happened, when, and who did it. Never edited or
/// removed. Stored one row per entry (table <c>CaseTimeline</c>) and, in states stored before timelines had rows,
/// inside the state's JSON: property names are the stored contract.
/// </summary>
/// <typeparam name="TKind">The kind's list of what may happen.</typeparam>
public sealed record TimelineEntry<TKind>
    where TKind : struct, Enum
{
    public required int Seq { get; init; }

    /// <summary>When it happened (a stated time, or a deadline that passed).</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>When the engine recorded it.</summary>
    public required DateTimeOffset RecordedAt { get; init; }

    public required string Actor { get; init; }

    public required TKind Kind { get; init; }

    /// <summary>What happened, as a message; a line stored before texts had codes loads as a literal.</summary>
    public required Message Text { get; init; }

    /// <summary>What the entry is about, by id: an obligation, a window, the incident an early warning became.</summary>
    public string? Ref { get; init; }

    /// <summary>The assessment round the entry belongs to, in a case assessed in rounds (a major decision), once there is one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Round { get; init; }

    /// <summary>
    /// The name under which an incident's entries stored before every kind shared this entry carry <see cref="Ref"/>
    /// (the obligation they are about). Never written.
    /// </summary>
    [JsonInclude]
    [JsonPropertyName("obligation")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    private string? LegacyObligation
    {
        get => null;
        init => Ref ??= value;
    }
}

/// <summary>How every kind of case writes its timeline.</summary>
public static class Timelines
{
    /// <summary>Adds an entry to <paramref name="timeline"/>, numbered after the last one.</summary>
    /// <param name="timeline">The case's timeline.</param>
    /// <param name="at">When it happened.</param>
    /// <param name="recordedAt">When the engine recorded it.</param>
    /// <param name="actor">Who did it, as the timeline writes it.</param>
    /// <param name="kind">What happened.</param>
    /// <param name="text">What happened, as a message.</param>
    /// <param name="reference">What the entry is about, by id, if anything.</param>
    /// <param name="round">The assessment round it belongs to, in a case assessed in rounds.</param>
    public static void Append<TKind>(
        this List<TimelineEntry<TKind>> timeline, DateTimeOffset at, DateTimeOffset recordedAt, string actor, TKind kind, Message text, string? reference = null, int? round = null)
        where TKind : struct, Enum =>
        timeline.Add(new TimelineEntry<TKind>
        {
            Seq = timeline.Count + 1,
            At = at,
            RecordedAt = recordedAt,
            Actor = actor,
            Kind = kind,
            Text = text,
            Ref = reference,
            Round = round,
        });
}
