using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Emergency.Domain;
using Emergency.Storage.Indexing;
using Emergency.Storage.Timelines;

namespace Emergency.Grains.Cases;

/// <summary>
/// What a case grain stores: the case, and the command ids it has applied (for safe retries). Each write carries the
/// case's row of the durable case index (<see cref="IndexRow"/>, not part of the stored JSON), written in the same
/// transaction. The case's timeline (its state's <c>Timeline</c> list) is stored apart, one row per entry, each write
/// appending the entries it added (<see cref="ITimelinedState"/>); the domain keeps the whole list in memory.
/// </summary>
/// <typeparam name="TState">The domain's state of the case, stored as JSON.</typeparam>
public sealed class CaseRecord<TState> : IIndexedState, ITimelinedState
    where TState : class, new()
{
    /// <summary>How many applied command ids a case remembers.</summary>
    public const int RememberedCommands = 256;

    /// <summary>The state's timeline, when it has one.</summary>
    private static readonly PropertyInfo? TimelineProperty = TimelineHolder.ListProperty(typeof(TState), "Timeline");

    public TState Case { get; set; } = new();

    public List<AppliedCommand> Commands { get; set; } = [];

    /// <summary>For a drill case: the latest moment of the drill's virtual clock it has seen.</summary>
    public DateTimeOffset? DrillNow { get; set; }

    /// <summary>
    /// Whether a write of this record has carried its index row. False in rows stored before the case index existed:
    /// such a case writes itself once when it is activated, and the engine activates every one at start.
    /// </summary>
    public bool Indexed { get; set; }

    [JsonIgnore]
    public CaseIndexRow? IndexRow { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? TimelineRows { get; set; }

    [JsonIgnore]
    public int TimelineStored { get; set; }

    [JsonIgnore]
    public TimelineHolder? Timeline => TimelineProperty is null ? null : new(Case, TimelineProperty);

    /// <summary>The next write stores the whole timeline again: entries already stored were changed (a purge erased what they said).</summary>
    public void RewriteTimeline() => TimelineStored = 0;

    public AppliedCommand? FindCommand(string commandId) => Commands.Find(c => c.Id == commandId);

    /// <summary>
    /// Remembers an applied command and lets go of the answers <paramref name="retention"/> no longer keeps: older
    /// than its window at <paramref name="now"/>, or beyond its count (the newest keep theirs).
    /// </summary>
    public void Remember(AppliedCommand command, AnswerRetention retention, DateTimeOffset now)
    {
        Commands.Add(command);
        if (Commands.Count > RememberedCommands)
        {
            Commands.RemoveRange(0, Commands.Count - RememberedCommands);
        }

        var kept = 0;
        for (var i = Commands.Count - 1; i >= 0; i--)
        {
            if (Commands[i].Answer is null)
            {
                continue;
            }

            if (++kept > retention.Count || !Commands[i].AnswerStands(retention, now))
            {
                Commands[i] = Commands[i] with { Answer = null, AnsweredAt = null, AnsweredTo = null };
            }
        }
    }
}

/// <summary>A command id the case has applied, with a fingerprint of the command to detect a reused id.</summary>
public sealed record AppliedCommand(string Id, string Fingerprint, long Version)
{
    /// <summary>
    /// The answer given when the command was applied (its view, as JSON); null once the retention let it go, and in rows
    /// stored before answers were kept. A petition officer's view names the complainant, so it is stored encrypted.
    /// </summary>
    [PersonalData]
    public JsonElement? Answer { get; init; }

    /// <summary>When <see cref="Answer"/> was given, on the engine clock.</summary>
    public DateTimeOffset? AnsweredAt { get; init; }

    /// <summary>
    /// Who was given <see cref="Answer"/> (name and role): a view is drawn for its reader (personal data only for the
    /// roles that may see it), so the stored one is given again only to the same person.
    /// </summary>
    public string? AnsweredTo { get; init; }

    /// <summary>Whether the first answer is still there to give at <paramref name="now"/>.</summary>
    public bool AnswerStands(AnswerRetention retention, DateTimeOffset now) =>
        Answer is not null && AnsweredAt is { } at && now - at <= retention.Window;
}
