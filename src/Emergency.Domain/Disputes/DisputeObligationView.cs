using Emergency.Domain.Messages;

namespace Emergency.Domain.Disputes;

/// <summary>An obligation as seen at one moment: status, time left or overdue-by counted against "now".</summary>
public sealed record DisputeObligationView
{
    public required string Id { get; init; }

    public required DisputeObligationKind Kind { get; init; }

    public required Message Title { get; init; }

    public required DisputeObligationStatus Status { get; init; }

    public required string Unit { get; init; }

    public required DateTimeOffset OpenedAt { get; init; }

    public required DateTimeOffset DueAt { get; init; }

    public required Message DeadlineBasis { get; init; }

    public DateTimeOffset? OverdueSince { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public DateTimeOffset? RecordedAt { get; init; }

    public string? CompletedBy { get; init; }

    public DateTimeOffset? WithdrawnAt { get; init; }

    public Message? WithdrawnBecause { get; init; }

    /// <summary>How late the completion was, measured against the first deadline that passed.</summary>
    public TimeSpan? LateBy { get; init; }

    /// <summary>For an open obligation past its deadline: by how much, as of the view.</summary>
    public TimeSpan? OverdueBy { get; init; }

    /// <summary>For an open obligation before its deadline: the time left, as of the view.</summary>
    public TimeSpan? Remaining { get; init; }

    /// <summary>The deadline lateness is measured against.</summary>
    public DateTimeOffset EffectiveDeadline => OverdueSince ?? DueAt;

    /// <summary>The same obligation counted again at another moment (a published summary read later).</summary>
    public DisputeObligationView AsOf(DateTimeOffset now) => Of(
        new DisputeObligation
        {
            Id = Id,
            Kind = Kind,
            OpenedAt = OpenedAt,
            DueAt = DueAt,
            DeadlineBasis = DeadlineBasis,
            Unit = Unit,
            OverdueSince = OverdueSince,
            CompletedAt = CompletedAt,
            RecordedAt = RecordedAt,
            CompletedBy = CompletedBy,
            WithdrawnAt = WithdrawnAt,
            WithdrawnBecause = WithdrawnBecause,
        },
        now);

    public static DisputeObligationView Of(DisputeObligation o, DateTimeOffset now)
    {
        var status = o.StatusAt(now);
        return new DisputeObligationView
        {
            Id = o.Id,
            Kind = o.Kind,
            Title = o.Kind.Title(),
            Status = status,
            Unit = o.Unit,
            OpenedAt = o.OpenedAt,
            DueAt = o.DueAt,
            DeadlineBasis = o.DeadlineBasis,
            OverdueSince = o.OverdueSince,
            CompletedAt = o.CompletedAt,
            RecordedAt = o.RecordedAt,
            CompletedBy = o.CompletedBy,
            WithdrawnAt = o.WithdrawnAt,
            WithdrawnBecause = o.WithdrawnBecause,
            LateBy = o.LateBy,
            OverdueBy = status == DisputeObligationStatus.Overdue ? now - o.EffectiveDeadline : null,
            Remaining = status == DisputeObligationStatus.Pending ? o.DueAt - now : null,
        };
    }
}

/// <summary>A window as seen at one moment.</summary>
public sealed record WindowView
{
    public required string Id { get; init; }

    public required WindowKind Kind { get; init; }

    public required Message Title { get; init; }

    public required WindowStatus Status { get; init; }

    public required DateTimeOffset OpensAt { get; init; }

    public required DateTimeOffset ClosesAt { get; init; }

    public required Message Basis { get; init; }

    public DateTimeOffset? UsedAt { get; init; }

    public DateTimeOffset? WaivedAt { get; init; }

    /// <summary>For an open window: the time left, as of the view.</summary>
    public TimeSpan? Remaining { get; init; }

    public static WindowView Of(Window w, DateTimeOffset now)
    {
        var status = w.StatusAt(now);
        return new WindowView
        {
            Id = w.Id,
            Kind = w.Kind,
            Title = w.Kind.Title(),
            Status = status,
            OpensAt = w.OpensAt,
            ClosesAt = w.ClosesAt,
            Basis = w.Basis,
            UsedAt = w.UsedAt,
            WaivedAt = w.WaivedAt,
            Remaining = status == WindowStatus.Open ? w.ClosesAt - now : null,
        };
    }
}
