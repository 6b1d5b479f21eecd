using Emergency.Domain.Messages;

namespace Emergency.Domain.Cases;

/// <summary>
/// One duty of a case with its time limit (时限), whatever the kind of case: an incident's first-moment obligations,
/// a petition's or suggestion's limits, a disclosure request's answer. Done by <see cref="DueAt"/> is on time; past it
/// the obligation is marked overdue once, at its deadline, and stays so: a later change to a longer deadline cannot
/// absorb a late completion (迟报), which says by how much it was late. Persisted as JSON inside each kind's state:
/// property names are the stored contract.
/// </summary>
/// <typeparam name="TKind">The kind's list of obligations.</typeparam>
public abstract class CaseObligation<TKind>
    where TKind : struct, Enum
{
    public required string Id { get; init; }

    public required TKind Kind { get; init; }

    /// <summary>Done by this moment is on time; overdue only after it.</summary>
    public required DateTimeOffset DueAt { get; set; }

    /// <summary>Why the deadline is what it is: the counting and the source.</summary>
    public required Message DeadlineBasis { get; set; }

    /// <summary>The first deadline that passed while the obligation was open. Once set it stays.</summary>
    public DateTimeOffset? OverdueSince { get; set; }

    /// <summary>When the obligation was done, as stated by the person who recorded it.</summary>
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>When the engine recorded the completion.</summary>
    public DateTimeOffset? RecordedAt { get; set; }

    public string? CompletedBy { get; set; }

    public bool IsCompleted => CompletedAt is not null;

    /// <summary>The deadline lateness is measured against: the first one that passed, else the current one.</summary>
    public DateTimeOffset EffectiveDeadline => OverdueSince ?? DueAt;

    public TimeSpan? LateBy => CompletedAt is { } done && done > EffectiveDeadline ? done - EffectiveDeadline : null;

    /// <summary>No longer the case's duty without being done (a petition sent back as wrongly assigned); never for an incident.</summary>
    private protected virtual bool Dropped => false;

    public ObligationStatus StatusAt(DateTimeOffset now) => ObligationStatuses.Of(CompletedAt, LateBy, Dropped, EffectiveDeadline, now);

    /// <summary>Open, not marked overdue yet, and its deadline passed before <paramref name="now"/>: the tick marks it.</summary>
    public bool FellDueBy(DateTimeOffset now) => !IsCompleted && !Dropped && OverdueSince is null && DueAt < now;

    /// <summary>Marks the obligation overdue, dated at its deadline.</summary>
    public void MarkOverdue() => OverdueSince = DueAt;

    /// <summary>Records the completion at <paramref name="at"/> (stated) by <paramref name="actor"/>, recorded at <paramref name="now"/>.</summary>
    public void Complete(DateTimeOffset at, DateTimeOffset now, Actor actor)
    {
        CompletedAt = at;
        RecordedAt = now;
        CompletedBy = actor.ToString();
    }

    /// <summary>Forgets the completion: the obligation is open again, still measured against its first deadline.</summary>
    public void ForgetCompletion()
    {
        CompletedAt = null;
        RecordedAt = null;
        CompletedBy = null;
    }
}

/// <summary>Where an obligation stands at one moment.</summary>
public enum ObligationStatus
{
    Pending,
    Overdue,
    Completed,
    CompletedLate,

    /// <summary>Left the department with its case; counts neither as done nor as late.</summary>
    Withdrawn,
}

/// <summary>The one rule by which an obligation, or a view of it read later, is pending, overdue, done or late.</summary>
public static class ObligationStatuses
{
    public static ObligationStatus Of(DateTimeOffset? completedAt, TimeSpan? lateBy, bool withdrawn, DateTimeOffset effectiveDeadline, DateTimeOffset now) =>
        (completedAt, withdrawn) switch
        {
            ({ }, _) => lateBy is null ? ObligationStatus.Completed : ObligationStatus.CompletedLate,
            (null, true) => ObligationStatus.Withdrawn,
            _ when now > effectiveDeadline => ObligationStatus.Overdue,
            _ => ObligationStatus.Pending,
        };
}

/// <summary>
/// An obligation as seen at one moment, whatever the kind of case: its status, and the time left or overdue-by counted
/// against the moment of the view. Each kind adds what its obligations carry besides.
/// </summary>
/// <typeparam name="TKind">The kind's list of obligations.</typeparam>
/// <typeparam name="TSelf">The kind's view, so that <see cref="AsOf"/> gives it back.</typeparam>
public abstract record CaseObligationView<TKind, TSelf>
    where TKind : struct, Enum
    where TSelf : CaseObligationView<TKind, TSelf>
{
    /// <summary>For JSON: a view read back from a grain or the API.</summary>
    private protected CaseObligationView()
    {
    }

    private protected CaseObligationView(CaseObligation<TKind> obligation, Message title, DateTimeOffset now)
    {
        Id = obligation.Id;
        Kind = obligation.Kind;
        Title = title;
        DueAt = obligation.DueAt;
        DeadlineBasis = obligation.DeadlineBasis;
        OverdueSince = obligation.OverdueSince;
        CompletedAt = obligation.CompletedAt;
        RecordedAt = obligation.RecordedAt;
        CompletedBy = obligation.CompletedBy;
        LateBy = obligation.LateBy;
        Status = obligation.StatusAt(now);
        OverdueBy = Status == ObligationStatus.Overdue ? now - obligation.EffectiveDeadline : null;
        Remaining = Status == ObligationStatus.Pending ? obligation.DueAt - now : null;
    }

    public string Id { get; init; } = "";

    public TKind Kind { get; init; }

    public Message Title { get; init; } = Message.Literal("");

    public ObligationStatus Status { get; init; }

    public DateTimeOffset DueAt { get; init; }

    public Message DeadlineBasis { get; init; } = Message.Literal("");

    public DateTimeOffset? OverdueSince { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public DateTimeOffset? RecordedAt { get; init; }

    public string? CompletedBy { get; init; }

    /// <summary>How late the completion was (迟报 and the like), measured against the first deadline that passed.</summary>
    public TimeSpan? LateBy { get; init; }

    /// <summary>For an open obligation past its deadline: by how much, as of the view.</summary>
    public TimeSpan? OverdueBy { get; init; }

    /// <summary>For an open obligation before its deadline: the time left, as of the view.</summary>
    public TimeSpan? Remaining { get; init; }

    private protected virtual bool Dropped => false;

    /// <summary>The same obligation counted again at another moment (a published summary read later).</summary>
    public TSelf AsOf(DateTimeOffset now)
    {
        var deadline = OverdueSince ?? DueAt;
        var status = ObligationStatuses.Of(CompletedAt, LateBy, Dropped, deadline, now);
        return (TSelf)(this with
        {
            Status = status,
            OverdueBy = status == ObligationStatus.Overdue ? now - deadline : null,
            Remaining = status == ObligationStatus.Pending ? DueAt - now : null,
        });
    }
}
