using System.Text.Json.Serialization;
using Emergency.Domain.Cases;

namespace Emergency.Domain.Disputes;

/// <summary>
/// A petition as a petition officer sees it at one moment. The complainant and the content are personal data:
/// a view for a role that may not see them carries neither (<see cref="CalendarCaseView{TSelf}.PersonalDataRedacted"/>).
/// </summary>
public sealed record DisputeView : CalendarCaseView<DisputeView>
{
    public required PetitionChannel Channel { get; init; }

    public required ReceivedBy ReceivedBy { get; init; }

    public string? PetitionOffice { get; init; }

    public required DisputePhase Phase { get; init; }

    public required DateTimeOffset RegisteredAt { get; init; }

    public required string RegisteredBy { get; init; }

    public required DisputeSubject Subject { get; init; }

    /// <summary>Null when the view is redacted.</summary>
    [PersonalData]
    public Complainant? Complainant { get; init; }

    /// <summary>Null when the view is redacted.</summary>
    [PersonalData]
    public string? Content { get; init; }

    /// <summary>Earlier cases of the same person: empty in a view for a role that may not see personal data (<see cref="OfficersNotes"/>).</summary>
    public required IReadOnlyList<string> EarlierCases { get; init; }

    public DateTimeOffset? TransferredAt { get; init; }

    public AcceptanceDecision? Acceptance { get; init; }

    public WrongAssignmentReturn? Returned { get; init; }

    public FourFixedPoints? Assignment { get; init; }

    public HandlingRecord? Handling { get; init; }

    public required IReadOnlyList<ReplyExtension> Extensions { get; init; }

    public required IReadOnlyList<Answer> Answers { get; init; }

    public required IReadOnlyList<ReviewRequest> ReviewRequests { get; init; }

    public required IReadOnlyList<SatisfactionRecord> Satisfactions { get; init; }

    /// <summary>When the engine erased the personal data, a configured time after closure (docs/security.md); null before.</summary>
    public DateTimeOffset? PersonalDataPurgedAt { get; init; }
}

/// <summary>
/// One line of the disputes lane and the input of efficiency supervision. Never carries personal data or the
/// content: it is shown on the board and published to every role.
/// </summary>
public sealed record DisputeSummary : CalendarCaseSummary<DisputeSummary>
{
    public required PetitionChannel Channel { get; init; }

    public required DisputePhase Phase { get; init; }

    public required DisputeSubject Subject { get; init; }

    /// <summary>The unit it was assigned to (四定), once assigned.</summary>
    public string? AssignedUnit { get; init; }

    /// <summary>The reply limit was extended with an approval.</summary>
    public required bool Extended { get; init; }

    /// <summary>The latest satisfaction recorded, if any.</summary>
    public Satisfaction? Satisfaction { get; init; }

    /// <summary>Always empty: a summary reaches every role's board; a petition officer reads the links in the case's view.</summary>
    public required IReadOnlyList<string> EarlierCases { get; init; }

    [JsonIgnore]
    public override bool IsClosed => Phase == DisputePhase.Closed;
}

/// <summary>
/// What the public and the petitioner may see of a case (查询办理情况): where it stands and whether it was on time.
/// No person, no content, no names of officers.
/// </summary>
public sealed record DisputePublicView
{
    public required string Id { get; init; }

    public required PetitionChannel Channel { get; init; }

    public required DisputePhase Phase { get; init; }

    public required DisputeSubject Subject { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    public DateTimeOffset? AcceptanceDecidedAt { get; init; }

    public AcceptanceOutcome? AcceptanceOutcome { get; init; }

    public DateTimeOffset? ReplyDueAt { get; init; }

    public DateTimeOffset? RepliedAt { get; init; }

    /// <summary>Null while the reply is not due yet and not given.</summary>
    public bool? RepliedOnTime { get; init; }
}

/// <summary>
/// Views and summaries are detached snapshots: they share no mutable object with the state (lists are copied), so a
/// grain can hand them out by reference and go on changing its state.
/// </summary>
public static class DisputeViews
{
    /// <summary>How many alerts a summary carries.</summary>
    public const int AlertsPerCase = 10;

    /// <summary>What a redacted view shows instead of a letter addressed to a person.</summary>
    public const string Redacted = "(personal data: not shown to this role)";

    private static readonly DisputeTimelineKind[] AlertKinds =
        [DisputeTimelineKind.ObligationOverdue, DisputeTimelineKind.WindowLapsed, DisputeTimelineKind.ReplyExtended, DisputeTimelineKind.ObligationWithdrawn, DisputeTimelineKind.EscalatedToIncident];

    /// <summary>The latest alerts of a case's timeline (overdue, lapsed, extended, withdrawn, escalated), newest first.</summary>
    internal static IEnumerable<TimelineEntry<DisputeTimelineKind>> Alerts(CaseState state) => state.Timeline.Where(e => AlertKinds.Contains(e.Kind)).Reverse().Take(AlertsPerCase);

    /// <summary>The timeline as a reader may see it: without officers' words for a role that may not see personal data.</summary>
    internal static IEnumerable<TimelineEntry<DisputeTimelineKind>> Timeline(CaseState state, bool includePersonalData) =>
        includePersonalData ? state.Timeline : state.Timeline.Select(OfficersNotes.Omitted);

    /// <summary>Whether a role may see personal data (the complainant, the content, letters addressed to a person).</summary>
    public static bool MaySeePersonalData(Role role) => role == Role.PetitionOfficer;

    /// <summary>The view for one actor: personal data only for the roles that need it.</summary>
    public static DisputeView ViewFor(this Dispute dispute, Actor actor, DateTimeOffset now) => dispute.View(now, MaySeePersonalData(actor.Role));

    public static DisputeView View(this Dispute dispute, DateTimeOffset now, bool includePersonalData)
    {
        var s = dispute.State;
        return new DisputeView
        {
            Channel = s.Channel,
            ReceivedBy = s.ReceivedBy,
            PetitionOffice = s.PetitionOffice,
            Phase = s.Phase,
            RegisteredAt = s.RegisteredAt,
            RegisteredBy = s.RegisteredBy,
            Subject = s.Subject,
            Complainant = includePersonalData ? s.Complainant : null,
            Content = includePersonalData ? s.Content : null,
            EarlierCases = includePersonalData ? [.. s.EarlierCases] : [],
            TransferredAt = s.TransferredAt,
            Acceptance = includePersonalData ? s.Acceptance : OfficersNotes.Omitted(s.Acceptance),
            Returned = includePersonalData ? s.Returned : OfficersNotes.Omitted(s.Returned),
            Assignment = s.Assignment,
            Handling = includePersonalData ? s.Handling : OfficersNotes.Omitted(s.Handling),
            Extensions = includePersonalData ? [.. s.Extensions] : [.. s.Extensions.Select(OfficersNotes.Omitted)],
            Answers = includePersonalData ? [.. s.Answers] : [.. s.Answers.Select(a => a with { Content = Redacted })],
            ReviewRequests = includePersonalData ? [.. s.ReviewRequests] : [.. s.ReviewRequests.Select(OfficersNotes.Omitted)],
            Satisfactions = includePersonalData ? [.. s.Satisfactions] : [.. s.Satisfactions.Select(OfficersNotes.Omitted)],
            PersonalDataPurgedAt = s.PersonalDataPurgedAt,
        }.With(s, Timeline(s, includePersonalData), dispute.AllowedMoves(now), now, includePersonalData);
    }

    public static DisputeSummary Summary(this Dispute dispute, DateTimeOffset now)
    {
        var s = dispute.State;
        return new DisputeSummary
        {
            Channel = s.Channel,
            Phase = s.Phase,
            Subject = s.Subject,
            AssignedUnit = s.Assignment?.Unit,
            Extended = s.Extensions.Count > 0,
            Satisfaction = s.Satisfactions.LastOrDefault()?.Satisfaction,
            EarlierCases = [],
        }.With(s, Alerts(s), now);
    }

    public static DisputePublicView PublicView(this Dispute dispute, DateTimeOffset now)
    {
        var s = dispute.State;
        var reply = s.Obligations.LastOrDefault(o => o.Kind == DisputeObligationKind.Reply);
        var status = reply?.StatusAt(now);
        return new DisputePublicView
        {
            Id = s.Id,
            Channel = s.Channel,
            Phase = s.Phase,
            Subject = s.Subject,
            ReceivedAt = s.ReceivedAt,
            AcceptanceDecidedAt = s.Acceptance?.At,
            AcceptanceOutcome = s.Acceptance?.Outcome,
            ReplyDueAt = reply?.DueAt,
            RepliedAt = s.Answers.FirstOrDefault(a => a.Stage == AnswerStage.Reply)?.At,
            RepliedOnTime = status switch
            {
                ObligationStatus.Completed => true,
                ObligationStatus.CompletedLate or ObligationStatus.Overdue => false,
                _ => null,
            },
        };
    }
}
