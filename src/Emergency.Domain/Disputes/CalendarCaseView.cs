using System.Text.Json.Serialization;
using Emergency.Domain.Cases;

namespace Emergency.Domain.Disputes;

/// <summary>
/// What the view of every case on the working calendar (a petition, a suggestion, a disclosure request) shows alike:
/// the case's place, its limits and windows counted against <see cref="AsOf"/>, its timeline and the moves it allows.
/// Each kind adds its own record of what happened; the JSON property names are those the board and the API clients read.
/// </summary>
/// <typeparam name="TSelf">The kind's view.</typeparam>
public abstract record CalendarCaseView<TSelf> : TimelineView<TSelf, DisputeTimelineKind>
    where TSelf : CalendarCaseView<TSelf>
{
    public string Id { get; init; } = "";

    public string Scope { get; init; } = "";

    public DateTimeOffset ReceivedAt { get; init; }

    public string RuleSetId { get; init; } = "";

    /// <summary>The unit that received the case and answers for it until it is assigned.</summary>
    public string Unit { get; init; } = "";

    /// <summary>True when the view leaves out what this reader's role may not see.</summary>
    public bool PersonalDataRedacted { get; init; }

    public IReadOnlyList<DisputeObligationView> Obligations { get; init; } = [];

    public IReadOnlyList<WindowView> Windows { get; init; } = [];

    public IReadOnlyList<string> AllowedMoves { get; init; } = [];

    public long Version { get; init; }

    /// <summary>The moment the view was computed for.</summary>
    public DateTimeOffset AsOf { get; init; }
}

/// <summary>
/// What one line of every list of cases on the working calendar shows alike: where the case stands against its limits
/// and what an officer must notice. Never personal data: summaries reach every role's board.
/// </summary>
/// <typeparam name="TSelf">The kind's summary, so that <see cref="AsOf"/> gives it back.</typeparam>
public abstract record CalendarCaseSummary<TSelf> : ICaseSummary
    where TSelf : CalendarCaseSummary<TSelf>
{
    public string Id { get; init; } = "";

    public string Scope { get; init; } = "";

    /// <summary>The unit that received the case.</summary>
    public string Unit { get; init; } = "";

    public DateTimeOffset ReceivedAt { get; init; }

    public string RuleSetId { get; init; } = "";

    /// <summary>Earliest deadline of an open obligation (overdue ones included).</summary>
    public DateTimeOffset? NextDueAt { get; init; }

    /// <summary>True when an open obligation is past its deadline.</summary>
    public bool Overdue { get; init; }

    public IReadOnlyList<DisputeObligationView> Obligations { get; init; } = [];

    public IReadOnlyList<WindowView> Windows { get; init; } = [];

    /// <summary>What an officer must notice: deadlines missed, windows lapsed, extensions; newest first.</summary>
    public IReadOnlyList<TimelineEntry<DisputeTimelineKind>> Alerts { get; init; } = [];

    public long Version { get; init; }

    /// <summary>A closed case leaves the list of open ones.</summary>
    [JsonIgnore]
    public abstract bool IsClosed { get; }

    /// <summary>
    /// The summary counted again at another moment: a summary is computed when the case publishes it, and status,
    /// remaining time and overdue-by are read later.
    /// </summary>
    public TSelf AsOf(DateTimeOffset now)
    {
        var obligations = Obligations.Select(o => o.AsOf(now)).ToList();
        return (TSelf)(this with { Obligations = obligations, Overdue = obligations.Any(o => o.Status == ObligationStatus.Overdue) });
    }
}

/// <summary>Fills in what the views and summaries of the cases on the working calendar show alike.</summary>
internal static class CalendarCaseViews
{
    /// <summary>The view with its common part: the case's place, limits and windows counted at <paramref name="now"/>; lists are copied.</summary>
    /// <param name="view">The kind's own part of the view.</param>
    /// <param name="state">The case's stored state.</param>
    /// <param name="timeline">The timeline as this reader may see it (officers' words left out of a redacted view).</param>
    /// <param name="allowedMoves">The moves the procedure allows at <paramref name="now"/>.</param>
    /// <param name="now">The moment the view is computed for.</param>
    /// <param name="includePersonalData">Whether this reader's role may see personal data.</param>
    public static TView With<TView>(this TView view, CaseState state, IEnumerable<TimelineEntry<DisputeTimelineKind>> timeline, IReadOnlyList<string> allowedMoves, DateTimeOffset now, bool includePersonalData)
        where TView : CalendarCaseView<TView> =>
        (TView)((CalendarCaseView<TView>)view with
        {
            Id = state.Id,
            Scope = state.Scope,
            ReceivedAt = state.ReceivedAt,
            RuleSetId = state.RuleSetId,
            Unit = state.Unit,
            PersonalDataRedacted = !includePersonalData,
            Obligations = [.. state.Obligations.Select(o => DisputeObligationView.Of(o, now))],
            Windows = [.. state.Windows.Select(w => WindowView.Of(w, now))],
            Timeline = [.. timeline],
            AllowedMoves = allowedMoves,
            Version = state.Version,
            AsOf = now,
        });

    /// <summary>The summary with its common part, counted at <paramref name="now"/>.</summary>
    /// <param name="summary">The kind's own part of the summary.</param>
    /// <param name="state">The case's stored state.</param>
    /// <param name="alerts">The latest alerts of the kind, newest first; officers' words are left out.</param>
    /// <param name="now">The moment the summary is computed for.</param>
    public static TSummary With<TSummary>(this TSummary summary, CaseState state, IEnumerable<TimelineEntry<DisputeTimelineKind>> alerts, DateTimeOffset now)
        where TSummary : CalendarCaseSummary<TSummary>
    {
        List<DisputeObligationView> obligations = [.. state.Obligations.Select(o => DisputeObligationView.Of(o, now))];
        return (TSummary)((CalendarCaseSummary<TSummary>)summary with
        {
            Id = state.Id,
            Scope = state.Scope,
            Unit = state.Unit,
            ReceivedAt = state.ReceivedAt,
            RuleSetId = state.RuleSetId,
            NextDueAt = state.Obligations.Where(o => o.IsOpen).Select(o => (DateTimeOffset?)o.EffectiveDeadline).Min(),
            Obligations = obligations,
            Overdue = obligations.Any(o => o.Status == ObligationStatus.Overdue),
            Windows = [.. state.Windows.Select(w => WindowView.Of(w, now))],
            Alerts = [.. alerts.Select(OfficersNotes.Omitted)],
            Version = state.Version,
        });
    }
}
