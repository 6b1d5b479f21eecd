using System.Runtime.InteropServices;
using System.Text.Json.Serialization;
using Emergency.Domain.Cases;
using Emergency.Domain.Messages;
using Emergency.Domain.Rules;

namespace Emergency.Domain.Incidents;

/// <summary>An incident as a duty commander sees it at one moment: deadlines counted against "now".</summary>
public sealed record IncidentView : TimelineView<IncidentView, TimelineKind>
{
    public required string Id { get; init; }

    public required string Scope { get; init; }

    public required string Title { get; init; }

    public required string Region { get; init; }

    public string? Description { get; init; }

    public required SourceChannel SourceChannel { get; init; }

    public required IncidentPhase Phase { get; init; }

    public required DateTimeOffset DiscoveredAt { get; init; }

    public required DateTimeOffset RegisteredAt { get; init; }

    public required string RegisteredBy { get; init; }

    public required string RuleSetId { get; init; }

    public required IncidentFacts Facts { get; init; }

    public required Grade Grade { get; init; }

    public required bool Sensitive { get; init; }

    public required IReadOnlyList<ObligationView> Obligations { get; init; }

    public required IReadOnlyList<IncidentReport> Reports { get; init; }

    /// <summary>An initial report was phoned in and no written report has followed yet.</summary>
    public required bool WrittenReportOutstanding { get; init; }

    /// <summary>Reports, claims and steps shown untrue (谎报/瞒报/漏报), in the order they were recorded.</summary>
    public IReadOnlyList<Correction> Corrections { get; init; } = [];

    /// <summary>A spill into a river: each point downstream counting down, with its warning; none when no spill was recorded.</summary>
    public DownstreamView? Downstream { get; init; }

    /// <summary>Public information releases (信息发布), numbered from 1, drafts included.</summary>
    public IReadOnlyList<Release> Releases { get; init; } = [];

    /// <summary>The reporting chain (逐级上报): every hop made or owed, with its status, deadline and medium; empty without a chain.</summary>
    public IReadOnlyList<HopView> Chain { get; init; } = [];

    /// <summary>The warnings to neighbouring areas of an incident crossing a boundary off a river (通报相邻区域), with their status.</summary>
    public IReadOnlyList<NeighbourWarningView> Neighbours { get; init; } = [];

    public required IReadOnlyList<string> AllowedMoves { get; init; }

    public required long Version { get; init; }

    /// <summary>The moment the view was computed for.</summary>
    public required DateTimeOffset AsOf { get; init; }
}

/// <summary>An incident's obligation as seen at one moment (<see cref="CaseObligationView{TKind, TSelf}"/>).</summary>
public sealed record ObligationView : CaseObligationView<ObligationKind, ObligationView>
{
    /// <summary>For JSON: a view read back from a grain or the API.</summary>
    public ObligationView()
    {
    }

    private ObligationView(Obligation obligation, DateTimeOffset now)
        : base(obligation, obligation.Kind.Title(), now)
    {
        OpenedAt = obligation.OpenedAt;
        Note = obligation.Note;
        Notified = obligation.Notified;
        ShownFalse = [.. obligation.ShownFalse];
        Acknowledged = obligation.Acknowledged;
    }

    /// <summary>When the obligation arose, for those that arise during the response; null for the first-moment ones (discovery).</summary>
    public DateTimeOffset? OpenedAt { get; init; }

    public Message? Note { get; init; }

    /// <summary>Who was told, for the notice to neighbouring areas.</summary>
    public string? Notified { get; init; }

    /// <summary>Earlier completions shown untrue; they do not count.</summary>
    public IReadOnlyList<FalseCompletion> ShownFalse { get; init; } = [];

    /// <summary>The alert on this step acknowledged: who, when, and whether it was overdue then.</summary>
    public AlertAcknowledgement? Acknowledged { get; init; }

    public static ObligationView Of(Obligation obligation, DateTimeOffset now) => new(obligation, now);
}

/// <summary>One line of the open-incidents list.</summary>
public sealed record IncidentSummary : ICaseSummary
{
    public required string Id { get; init; }

    public required string Scope { get; init; }

    public required string Title { get; init; }

    public required string Region { get; init; }

    public required IncidentLevel Level { get; init; }

    public required bool LevelUnclear { get; init; }

    public required IncidentPhase Phase { get; init; }

    public required DateTimeOffset DiscoveredAt { get; init; }

    /// <summary>Earliest deadline of an open obligation (overdue ones included).</summary>
    public DateTimeOffset? NextDueAt { get; init; }

    /// <summary>True when an open obligation is past its deadline.</summary>
    public required bool Overdue { get; init; }

    public required IReadOnlyList<ObligationView> Obligations { get; init; }

    /// <summary>
    /// The summary counted again at another moment: a summary is computed when the incident publishes it,
    /// and status, remaining time and overdue-by are read later.
    /// </summary>
    public IncidentSummary AsOf(DateTimeOffset now)
    {
        var obligations = Obligations.Select(o => o.AsOf(now)).ToList();
        return this with { Obligations = obligations, Overdue = obligations.Any(o => o.Status == ObligationStatus.Overdue) };
    }

    /// <summary>What a duty commander must notice: deadlines missed, changes of level and reports shown untrue, newest first.</summary>
    public required IReadOnlyList<TimelineEntry<TimelineKind>> Alerts { get; init; }

    /// <summary>
    /// The regrades among the alerts that raised the level (升级), by their timeline seq: the board shows them as
    /// escalations, from the levels the timeline keeps as data, never from its words.
    /// </summary>
    public IReadOnlyList<int> Escalations { get; init; } = [];

    /// <summary>How many reports, claims or steps were shown untrue (谎报/瞒报/漏报).</summary>
    public int Corrections { get; init; }

    /// <summary>
    /// How many of its releases stand published (withdrawals included): the public pages and the CAP feed read only
    /// the incidents that have one. Null in a summary written before it was counted: such an incident is read.
    /// </summary>
    public int? PublishedReleases { get; init; }

    public required long Version { get; init; }

    [JsonIgnore]
    public bool IsClosed => Phase == IncidentPhase.Closed;
}

/// <summary>
/// Views and summaries are detached snapshots: they share no mutable object with the state (lists are copied), so a
/// grain can hand them out by reference and go on changing its state.
/// </summary>
public static class IncidentViews
{
    /// <summary>How many alerts a summary carries.</summary>
    public const int AlertsPerIncident = 10;

    public static IncidentView View(this Incident incident, DateTimeOffset now) => incident.View(now, incident.AllowedMoves(now));

    /// <summary>
    /// The view with the moves allowed given: none for a fast drill's answer, which never reads them (they cost most of a
    /// view). With <paramref name="newestTimeline"/>, the view as <see cref="TimelineView{TSelf, TKind}.WithNewestTimeline"/>
    /// gives it, drawn without copying the older entries first (a command's answer carries one page of a long timeline).
    /// </summary>
    public static IncidentView View(this Incident incident, DateTimeOffset now, IReadOnlyList<string> allowedMoves, int? newestTimeline = null)
    {
        var s = incident.State;
        var paged = newestTimeline is { } newest && s.Timeline.Count > newest;
        var initial = s.Reports.FirstOrDefault(r => r.Kind == ReportKind.Initial);
        var view = new IncidentView
        {
            Id = s.Id,
            Scope = s.Scope,
            Title = s.Title,
            Region = s.Region,
            Description = s.Description,
            SourceChannel = s.SourceChannel,
            Phase = s.Phase,
            DiscoveredAt = s.DiscoveredAt,
            RegisteredAt = s.RegisteredAt,
            RegisteredBy = s.RegisteredBy,
            RuleSetId = s.RuleSetId,
            Facts = s.Facts,
            Grade = s.Grade! with { Reasons = [.. s.Grade.Reasons] },
            Sensitive = s.Facts.IsSensitive,
            Obligations = [.. s.Obligations.Select(o => ObligationView.Of(o, now))],
            Reports = [.. s.Reports],
            WrittenReportOutstanding = initial is { Medium: ReportMedium.Phone }
                && !s.Reports.Any(r => r.Medium == ReportMedium.Written && r.Number > initial.Number),
            Timeline = paged ? [.. CollectionsMarshal.AsSpan(s.Timeline)[(s.Timeline.Count - newestTimeline!.Value)..]] : [.. s.Timeline],
            Corrections = [.. s.Corrections],
            Downstream = incident.DownstreamView(now),
            Releases = [.. s.Releases.Select(r => r with { Reaches = r.Reaches.Count == 0 ? [] : [.. r.Reaches] })],
            Chain = incident.ChainView(now),
            Neighbours = incident.NeighbourView(now),
            AllowedMoves = allowedMoves,
            Version = s.Version,
            AsOf = now,
        };
        return paged ? view with { TimelineCount = s.Timeline.Count } : view;
    }

    public static IncidentSummary Summary(this Incident incident, DateTimeOffset now)
    {
        var s = incident.State;
        var obligations = s.Obligations.Select(o => ObligationView.Of(o, now)).ToList();
        return new IncidentSummary
        {
            Id = s.Id,
            Scope = s.Scope,
            Title = s.Title,
            Region = s.Region,
            Level = s.Grade!.Level,
            LevelUnclear = s.Grade.Unclear,
            Phase = s.Phase,
            DiscoveredAt = s.DiscoveredAt,
            NextDueAt = s.Obligations.Where(o => !o.IsCompleted).Select(o => (DateTimeOffset?)o.EffectiveDeadline).Min(),
            Overdue = obligations.Any(o => o.Status == ObligationStatus.Overdue),
            Obligations = obligations,
            Alerts = LatestAlerts(s.Timeline),
            Escalations = EscalationsOf(s),
            Corrections = s.Corrections.Count,
            PublishedReleases = s.Releases.Count(r => r.Status == ReleaseStatus.Published),
            Version = s.Version,
        };
    }

    /// <summary>
    /// The latest alerts, newest first, read from the end of the timeline: a summary is made at every write, and reading
    /// the whole timeline for ten entries made a write's cost grow with the case's history.
    /// </summary>
    private static List<TimelineEntry<TimelineKind>> LatestAlerts(List<TimelineEntry<TimelineKind>> timeline)
    {
        var alerts = new List<TimelineEntry<TimelineKind>>(AlertsPerIncident);
        for (var i = timeline.Count - 1; i >= 0 && alerts.Count < AlertsPerIncident; i--)
        {
            if (timeline[i].Kind is TimelineKind.ObligationOverdue or TimelineKind.Regraded or TimelineKind.CorrectionRecorded or TimelineKind.ObligationReopened)
            {
                alerts.Add(timeline[i]);
            }
        }

        return alerts;
    }

    /// <summary>Each regrade's level before it, and after it (the next regrade's "before", or the level now).</summary>
    private static List<int> EscalationsOf(IncidentState s)
    {
        var regrades = s.Timeline.Where(e => e.Kind == TimelineKind.Regraded).ToList();
        var escalations = new List<int>();
        for (var i = 0; i < regrades.Count; i++)
        {
            var after = i + 1 < regrades.Count ? LevelBefore(regrades[i + 1]) : s.Grade!.Level;
            if (LevelBefore(regrades[i]) is { } before && after < before)
            {
                escalations.Add(regrades[i].Seq);
            }
        }

        return escalations;
    }

    /// <summary>The level a regrade left, from its message's argument; none for an entry written before texts had codes.</summary>
    private static IncidentLevel? LevelBefore(TimelineEntry<TimelineKind> regrade) =>
        regrade.Text["before"]?.Term is { } term && Enum.TryParse<IncidentLevel>(term[(term.IndexOf('.') + 1)..], out var level) ? level : null;
}
